import { defineMixin } from '../../dispatch/mixin.js';
import { commandCommands } from './command/index.js';
import { configCommands } from './config.js';
import { debugCommands } from './debug.js';
import { infoCommands } from './info.js';
import { memoryCommands } from './memory.js';
import { shutdownCommands } from './shutdown.js';
import { timeCommands } from './time.js';

export { addInfoFields, infoText, type InfoFieldsProvider } from './info.js';
export { resetStats } from './config.js';

/**
 * The server commands: COMMAND, CONFIG, INFO, TIME, LASTSAVE, DEBUG, MEMORY, SHUTDOWN.
 */
export const ServerCommands = defineMixin({
  name: 'ServerCommands',
  commands: {
    ...commandCommands,
    ...configCommands,
    ...infoCommands,
    ...timeCommands,
    ...debugCommands,
    ...memoryCommands,
    ...shutdownCommands,
  },
});
