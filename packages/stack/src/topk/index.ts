export { TopKCommands } from './mixin.js';
export { TopK, topkType } from './heavykeeper.js';
export { GlibcRandom, seedTopKRandom } from './random.js';
