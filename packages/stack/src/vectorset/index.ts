export { VectorSetCommands } from './mixin.js';
export { VectorSet, vectorSetType } from './vset.js';
