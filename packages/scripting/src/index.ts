export { FunctionCommands, ScriptingCommands } from './mixin.js';
export { closeLuaWorkers } from './engine/worker.js';
