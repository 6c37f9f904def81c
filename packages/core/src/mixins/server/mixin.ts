import { defineMixin } from '../../dispatch/mixin.js';
import {
  COMMAND, COMMAND_COUNT, COMMAND_DOCS, COMMAND_GETKEYS, COMMAND_GETKEYSANDFLAGS, COMMAND_HELP, COMMAND_INFO, COMMAND_LIST,
} from './command/index.js';
import { CONFIG_GET, CONFIG_HELP, CONFIG_RESETSTAT, CONFIG_REWRITE, CONFIG_SET } from './config.js';
import { DEBUG } from './debug.js';
import { INFO } from './info.js';
import { MEMORY_DOCTOR, MEMORY_HELP, MEMORY_PURGE, MEMORY_STATS, MEMORY_USAGE } from './memory.js';
import { SHUTDOWN } from './shutdown.js';
import { LASTSAVE, TIME } from './time.js';

/**
 * The server commands: COMMAND, CONFIG, INFO, TIME, LASTSAVE, DEBUG, MEMORY, SHUTDOWN.
 */
export const ServerCommands = defineMixin({
  name: 'ServerCommands',
  commands: {
    COMMAND, COMMAND_INFO, COMMAND_DOCS, COMMAND_COUNT, COMMAND_LIST, COMMAND_GETKEYS, COMMAND_GETKEYSANDFLAGS, COMMAND_HELP,
    CONFIG_GET, CONFIG_SET, CONFIG_RESETSTAT, CONFIG_REWRITE, CONFIG_HELP,
    INFO, TIME, LASTSAVE, DEBUG,
    MEMORY_USAGE, MEMORY_STATS, MEMORY_DOCTOR, MEMORY_PURGE, MEMORY_HELP,
    SHUTDOWN,
  },
});
