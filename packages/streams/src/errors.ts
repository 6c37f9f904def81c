import { cString, ErrorReply } from '@fakeredis/core';

/** Errors of the stream commands (t_stream.c, blocked.c), spelled as Redis 7.0 spells them. */

export const ERR_INVALID_ID = new ErrorReply('ERR Invalid stream ID specified as stream command argument');
export const ERR_MAXLEN_MINID = new ErrorReply('ERR syntax error, MAXLEN and MINID options at the same time are not compatible');
export const ERR_MAXLEN_NEGATIVE = new ErrorReply('ERR The MAXLEN argument must be >= 0.');
export const ERR_LIMIT_NEGATIVE = new ErrorReply('ERR The LIMIT argument must be >= 0.');
export const ERR_LIMIT_WITHOUT_STRATEGY = new ErrorReply('ERR syntax error, LIMIT cannot be used without specifying a trimming strategy');
export const ERR_XTRIM_WITHOUT_STRATEGY = new ErrorReply('ERR syntax error, XTRIM must be called with a trimming strategy');
export const ERR_LIMIT_WITHOUT_APPROX = new ErrorReply('ERR syntax error, LIMIT cannot be used without the special ~ option');
/** Redis 8.2's XDELEX and XACKDEL (streamParseAckDelArgsOrReply). */
export const ERR_NUMIDS_POSITIVE = new ErrorReply('ERR Number of IDs must be a positive integer');
export const ERR_NUMIDS_MISMATCH = new ErrorReply('ERR The `numids` parameter must match the number of arguments');
export const ERR_IDS_REQUIRED = new ErrorReply('ERR IDS option is required');
/** Redis 8.6's idempotent producers (XADD IDMP / IDMPAUTO, XCFGSET, XIDMPRECORD). */
export const ERR_IDMP_TWICE = new ErrorReply('ERR syntax error, IDMP/IDMPAUTO specified multiple times');
export const ERR_IDMPAUTO_EMPTY_PID = new ErrorReply('ERR syntax error, IDMPAUTO requires a non-empty producer ID');
export const ERR_IDMP_EMPTY_PID = new ErrorReply('ERR syntax error, IDMP requires a non-empty producer ID');
export const ERR_IDMP_EMPTY_IID = new ErrorReply('ERR syntax error, IDMP requires a non-empty idempotent ID');
export const ERR_IDMP_AUTO_ID_ONLY = new ErrorReply('ERR syntax error, IDMP/IDMPAUTO can be used only with auto-generated IDs');
export const ERR_IDMP_DURATION_TWICE = new ErrorReply('ERR IDMP-DURATION specified multiple times');
export const ERR_IDMP_MAXSIZE_TWICE = new ErrorReply('ERR IDMP-MAXSIZE specified multiple times');
export const ERR_IDMP_DURATION_RANGE = new ErrorReply('ERR IDMP-DURATION must be between 1 and 86400 seconds');
export const ERR_IDMP_MAXSIZE_RANGE = new ErrorReply('ERR IDMP-MAXSIZE must be between 1 and 10000 entries');
export const ERR_XCFGSET_NOTHING = new ErrorReply('ERR At least one parameter must be specified');
export const ERR_IDMP_RECORD_EMPTY_PID = new ErrorReply('ERR producer ID must be non-empty');
export const ERR_IDMP_RECORD_EMPTY_IID = new ErrorReply('ERR idempotent ID must be non-empty');
export const ERR_NO_SUCH_MESSAGE = new ErrorReply('ERR No such message in stream');
export const ERR_IID_OTHER_ID = new ErrorReply('ERR IID already exists for this producer with a different stream ID');
export const ERR_XADD_ZERO_ID = new ErrorReply('ERR The ID specified in XADD must be greater than 0-0');
export const ERR_XADD_EXHAUSTED = new ErrorReply('ERR The stream has exhausted the last possible ID, unable to add more items');
export const ERR_XADD_ID_TOO_SMALL = new ErrorReply('ERR The ID specified in XADD is equal or smaller than the target stream top item');
export const ERR_ELEMENTS_TOO_LARGE = new ErrorReply('ERR Elements are too large to be stored');
export const ERR_INVALID_START = new ErrorReply('ERR invalid start ID for the interval');
export const ERR_INVALID_END = new ErrorReply('ERR invalid end ID for the interval');

export const ERR_XREAD_UNBALANCED = new ErrorReply(
  "ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.",
);
export const ERR_XREAD_GROUP_OPTION = new ErrorReply('ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.');
export const ERR_XREAD_NOACK_OPTION = new ErrorReply('ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.');
export const ERR_XREADGROUP_MISSING_GROUP = new ErrorReply('ERR Missing GROUP option for XREADGROUP');
export const ERR_XREADGROUP_DOLLAR = new ErrorReply(
  'ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history of this consumer by specifying a proper ID, or use the > ID to get new messages. The $ ID would just return an empty result set.',
);
export const ERR_XREAD_GT = new ErrorReply(
  'ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.',
);
/** Redis 7.2 names the command and its special id; 8.6 names XREAD's `+` too. */
export function errUnbalancedStreams(xreadgroup: boolean, plus = false): ErrorReply {
  const symbol = xreadgroup ? "ID or '>'" : plus ? "ID, '+', or '$'" : "ID or '$'";
  return new ErrorReply(`ERR Unbalanced '${xreadgroup ? 'xreadgroup' : 'xread'}' list of streams: for each stream key an ${symbol} must be specified.`);
}
/** Redis 7.4: XREAD's "+" id names the last entry; XREADGROUP refuses it. */
export const ERR_XREADGROUP_PLUS = new ErrorReply(
  'ERR The + ID is meaningless in the context of XREADGROUP: you want to read the history of this consumer by specifying a proper ID, or use the > ID to get new messages. The + ID would just return an empty result set.',
);
/** Redis 7.4: XREAD + on a stream whose last id is 0-0 (an empty stream made by MKSTREAM). */
export const ERR_XREAD_LAST_ID_ZERO = new ErrorReply('ERR the stream last element ID is 0-0');

export const ERR_ENTRIESREAD = new ErrorReply('ERR value for ENTRIESREAD must be positive or -1');
export const ERR_XGROUP_NO_KEY = new ErrorReply(
  'ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.',
);
export const ERR_BUSYGROUP = new ErrorReply('BUSYGROUP Consumer Group name already exists');

export const ERR_ENTRIES_ADDED_NEGATIVE = new ErrorReply('ERR entries_added must be positive');
export const ERR_XSETID_BELOW_MAX_DELETED = new ErrorReply('ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id');
export const ERR_XSETID_BELOW_TOP = new ErrorReply('ERR The ID specified in XSETID is smaller than the target stream top item');
/** Redis 7.2: the new last id is checked against the stream's current max-deleted-entry-id. */
export const ERR_XSETID_BELOW_CURRENT_MAX_DELETED = new ErrorReply('ERR The ID specified in XSETID is smaller than current max_deleted_entry_id');
export const ERR_XSETID_ENTRIES_ADDED = new ErrorReply('ERR The entries_added specified in XSETID is smaller than the target stream length');

export const ERR_XCLAIM_MIN_IDLE = new ErrorReply('ERR Invalid min-idle-time argument for XCLAIM');
export const ERR_XCLAIM_IDLE = new ErrorReply('ERR Invalid IDLE option argument for XCLAIM');
export const ERR_XCLAIM_TIME = new ErrorReply('ERR Invalid TIME option argument for XCLAIM');
export const ERR_XCLAIM_RETRYCOUNT = new ErrorReply('ERR Invalid RETRYCOUNT option argument for XCLAIM');
export const ERR_XAUTOCLAIM_MIN_IDLE = new ErrorReply('ERR Invalid min-idle-time argument for XAUTOCLAIM');
export const ERR_XAUTOCLAIM_COUNT = new ErrorReply('ERR COUNT must be > 0');

/** What a blocked XREADGROUP gets when its key is deleted or overwritten (Redis 7.0; 7.2 runs the command again). */
export const ERR_UNBLOCKED_KEY_DELETED = new ErrorReply('UNBLOCKED the stream key no longer exists');
/** What a blocked XREADGROUP gets when its group is destroyed (Redis 7.0). */
export const ERR_BLOCKED_GROUP_DESTROYED = new ErrorReply('NOGROUP the consumer group this client was blocked on no longer exists');

export function errUnrecognizedXclaimOption(option: string): ErrorReply {
  return new ErrorReply(`ERR Unrecognized XCLAIM option '${cString(option)}'`);
}

export function errNoGroupReadgroup(key: string, group: string): ErrorReply {
  return new ErrorReply(`NOGROUP No such key '${cString(key)}' or consumer group '${cString(group)}' in XREADGROUP with GROUP option`);
}

/** XPENDING, XCLAIM, XAUTOCLAIM. */
export function errNoKeyOrGroup(key: string, group: string): ErrorReply {
  return new ErrorReply(`NOGROUP No such key '${cString(key)}' or consumer group '${cString(group)}'`);
}

/** XGROUP SETID / CREATECONSUMER / DELCONSUMER, XINFO CONSUMERS. */
export function errNoGroupForKey(group: string, key: string): ErrorReply {
  return new ErrorReply(`NOGROUP No such consumer group '${cString(group)}' for key name '${cString(key)}'`);
}

/** XREAD / XREADGROUP ... BLOCK from a script, with the command name as the script spelled it (Redis 7.0, 7.2). */
export function errBlockInScript(command: string): ErrorReply {
  return new ErrorReply(`ERR ${cString(command)} command is not allowed with BLOCK option from scripts`);
}
