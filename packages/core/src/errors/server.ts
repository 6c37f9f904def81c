import { cString } from '../bytes.js';
import { ErrorReply } from '../reply.js';

// Errors of the server commands: COMMAND, CONFIG, DEBUG, MEMORY, SHUTDOWN.

export const ERR_INVALID_COMMAND = new ErrorReply('ERR Invalid command specified');
export const ERR_INVALID_COMMAND_ARGS_COUNT = new ErrorReply('ERR Invalid number of arguments specified for command');
export const ERR_INVALID_COMMAND_ARGS = new ErrorReply('ERR Invalid arguments specified for command');
export const ERR_COMMAND_NO_KEYS = new ErrorReply('ERR The command has no key arguments');

export const ERR_NO_CONFIG_FILE = new ErrorReply('ERR The server is running without a config file');

export function errConfigSetUnknown(name: string): ErrorReply {
  return new ErrorReply(`ERR Unknown option or number of arguments for CONFIG SET - '${cString(name)}'`);
}

export function errConfigSetFailed(name: string, reason: string): ErrorReply {
  return new ErrorReply(`ERR CONFIG SET failed (possibly related to argument '${cString(name)}') - ${reason}`);
}

/**
 * A PROTECTED command (DEBUG, MODULE LOAD ...) refused by its enable-*-command setting
 * (processCommand): `command` is "DEBUG" or "MODULE", `option` the parameter's name.
 */
export function errProtectedCommand(command: string, option: string): ErrorReply {
  return new ErrorReply(
    `ERR ${command} command not allowed. If the ${option} option is set to "local", you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.`,
  );
}

export const ERR_DEBUG_NOT_ALLOWED = errProtectedCommand('DEBUG', 'enable-debug-command');


export const ERR_NO_SHUTDOWN_IN_PROGRESS = new ErrorReply('ERR No shutdown in progress.');
