export { SortedSetCommands } from './mixin.js';
export { SortedSet, type ZsetEncoding, type ZsetLimits, zsetLimits, zsetType } from './value.js';
export { isListpackIntegerScore, listpackScoreText } from './listpack.js';
export { type LexRange, type ScoreRange, type LexBound, LEX_MAX, LEX_MIN } from './rangespec.js';
export { type ZaddFlags, type ZaddOutcome, zsetAdd } from './add.js';
export { storeZset } from './store.js';
export { parseLexRange, parseScoreRange, strtodWhole } from './ranges.js';
