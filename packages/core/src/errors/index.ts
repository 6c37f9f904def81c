// One catalogue, one file per command family so modules extend it without clashing.
export * from './common.js';
