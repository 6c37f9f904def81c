import { cString } from '../bytes.js';
import { ErrorReply } from '../reply.js';

/** Errors of the generic key commands (db.c, expire.c, object.c), spelled as Redis 7.0 does. */
export const ERR_SAME_OBJECT = new ErrorReply('ERR source and destination objects are the same');
export const ERR_INVALID_CURSOR = new ErrorReply('ERR invalid cursor');
export const ERR_INVALID_FIRST_DB_INDEX = new ErrorReply('ERR invalid first DB index');
export const ERR_INVALID_SECOND_DB_INDEX = new ErrorReply('ERR invalid second DB index');
export const ERR_EXPIRE_NX_CONFLICT = new ErrorReply(
  'ERR NX and XX, GT or LT options at the same time are not compatible',
);
export const ERR_EXPIRE_GT_LT_CONFLICT = new ErrorReply(
  'ERR GT and LT options at the same time are not compatible',
);
export const ERR_LFU_NOT_SELECTED = new ErrorReply(
  'ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.',
);
export const ERR_LFU_SELECTED = new ErrorReply(
  'ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.',
);

/** EXPIRE's reply to an option it does not know, quoting it up to a NUL byte (%s). */
export function errUnsupportedOption(option: string): ErrorReply {
  return new ErrorReply(`ERR Unsupported option ${cString(option)}`);
}

/** SORT: a weight (the element, or its BY value) that strtod cannot read whole. */
export const ERR_SORT_SCORES = new ErrorReply("ERR One or more scores can't be converted into double");
/** SORT ... STORE on a server whose modules installed no list type (fakeredis only). */
export const ERR_SORT_STORE_NO_LIST = new ErrorReply('ERR SORT ... STORE needs the list type (install @fakeredis/lists)');

/** RESTORE (cluster.c): the key exists and REPLACE was not given. */
export const ERR_BUSYKEY = new ErrorReply('BUSYKEY Target key name already exists.');
export const ERR_RESTORE_TTL = new ErrorReply('ERR Invalid TTL value, must be >= 0');
export const ERR_RESTORE_IDLETIME = new ErrorReply('ERR Invalid IDLETIME value, must be >= 0');
export const ERR_RESTORE_FREQ = new ErrorReply('ERR Invalid FREQ value, must be >= 0 and <= 255');
export const ERR_DUMP_PAYLOAD = new ErrorReply('ERR DUMP payload version or checksum are wrong');
export const ERR_BAD_DATA_FORMAT = new ErrorReply('ERR Bad data format');

/** MIGRATE (cluster.c): KEYS given while the key argument is not the empty string. */
export const ERR_MIGRATE_KEYS = new ErrorReply('ERR When using MIGRATE KEYS option, the key argument must be set to the empty string');
/** MIGRATE: the target's address could not be resolved (connBlockingConnect failed). */
export const ERR_MIGRATE_CONNECT = new ErrorReply('IOERR error or timeout connecting to the client');
export const ERR_MIGRATE_WRITE = new ErrorReply('IOERR error or timeout writing to target instance');
export const ERR_MIGRATE_READ = new ErrorReply('IOERR error or timeout reading to target instance');
/** MIGRATE: the first error line the target answered (AUTH, SELECT or a RESTORE), without its '-'. */
export function errMigrateTarget(line: string): ErrorReply {
  return new ErrorReply(`ERR Target instance replied with error: ${line}`);
}
