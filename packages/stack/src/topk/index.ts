export { TopKCommands } from './mixin.js';
export { TopK, topkType } from './heavykeeper.js';
export { GlibcRandom, RAND_MAX, seedTopKRandom } from './random.js';
