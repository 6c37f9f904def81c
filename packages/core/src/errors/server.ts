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

/** Redis 6.2's CONFIG SET of an unknown or immutable parameter (KeyDB 6.3). */
export function errConfigSetUnsupported62(name: string): ErrorReply {
  return new ErrorReply(`ERR Unsupported CONFIG parameter: ${cString(name)}`);
}

/** Redis 6.2's CONFIG SET of a refused value (KeyDB 6.3). */
export function errConfigSetInvalid62(name: string, value: string, reason: string): ErrorReply {
  return new ErrorReply(`ERR Invalid argument '${cString(value)}' for CONFIG SET '${cString(name)}' - ${reason}`);
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

// Cluster and replication commands on a standalone server without replicas.

export const ERR_CLUSTER_DISABLED = new ErrorReply('ERR This instance has cluster support disabled');
/** Commands a cluster-mode server (cluster-enabled yes, one database) refuses. */
export const ERR_SELECT_CLUSTER = new ErrorReply('ERR SELECT is not allowed in cluster mode');
export const ERR_MOVE_CLUSTER = new ErrorReply('ERR MOVE is not allowed in cluster mode');
export const ERR_SWAPDB_CLUSTER = new ErrorReply('ERR SWAPDB is not allowed in cluster mode');
export const ERR_COPY_DB_CLUSTER = new ErrorReply('ERR Copying to another database is not allowed in cluster mode');
export const ERR_REPLICAOF_CLUSTER = new ErrorReply('ERR REPLICAOF not allowed in cluster mode.');
export const ERR_INVALID_MASTER_PORT = new ErrorReply('ERR Invalid master port');
export const ERR_NO_FAILOVER = new ErrorReply('ERR No failover in progress.');
export const ERR_FAILOVER_TIMEOUT = new ErrorReply('ERR FAILOVER timeout must be greater than 0');
export const ERR_FAILOVER_NO_REPLICAS = new ErrorReply('ERR FAILOVER requires connected replicas.');
export const ERR_WAITAOF_APPENDONLY = new ErrorReply(
  'ERR WAITAOF cannot be used when numlocal is set but appendonly is disabled.',
);

export const ERR_SLOWLOG_COUNT = new ErrorReply('ERR count should be greater than or equal to -1');
export const ERR_COMMANDLOG_TYPE = new ErrorReply('ERR type should be one of the following: slow, large-request, large-reply');

// MONITOR and CLIENT PAUSE.

/** processCommand: a monitor (a replica in Redis's eyes) may not run keyspace commands. */
export const ERR_REPLICA_KEYSPACE = new ErrorReply("ERR Replica can't interact with the keyspace");
export const ERR_MONITOR_DENY_BLOCKING = new ErrorReply("ERR MONITOR isn't allowed for DENY BLOCKING client");
export const ERR_PAUSE_MODE = new ErrorReply('ERR CLIENT PAUSE mode must be WRITE or ALL');
