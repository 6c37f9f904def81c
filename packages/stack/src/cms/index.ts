export { CountMinSketchCommands } from './mixin.js';
export { CountMinSketch, cmsType } from './sketch.js';
