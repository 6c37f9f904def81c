export { FunctionCommands, ScriptingCommands } from './mixin.js';
export { closeLuaWorkers } from './engine/worker.js';
export { preloadLuaEngine } from './engine/inline.js';
