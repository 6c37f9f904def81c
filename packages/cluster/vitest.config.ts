import { fakeredisVitestConfig } from '../../tooling/vitest.preset.js';

export default fakeredisVitestConfig();
