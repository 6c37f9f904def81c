import { ErrorReply } from '@fakeredis/core';

/**
 * RedisTimeSeries 1.12's error texts (src/module.c, src/query_language.c, src/tsdb.c):
 * most go through RTS_ReplyGeneralError ("ERR " + text), a few through
 * RedisModule_ReplyWithError and have no error code.
 */
const err = (text: string): ErrorReply => new ErrorReply(`ERR TSDB: ${text}`);

export const ERR_TS_NOT_FOUND = err('the key does not exist');
export const ERR_TS_WRONGTYPE = new ErrorReply('ERR WRONGTYPE Operation against a key holding the wrong kind of value');
export const ERR_TS_NOT_TSDB = err('the key is not a TSDB key');
export const ERR_TS_EXISTS = err('key already exists');
export const ERR_TS_LABELS = err("Couldn't parse LABELS");
export const ERR_TS_RETENTION = err("Couldn't parse RETENTION");
export const ERR_TS_RETENTION_NEGATIVE = new ErrorReply("TSDB: Couldn't parse RETENTION");
export const ERR_TS_CHUNK_SIZE_PARSE = err("Couldn't parse CHUNK_SIZE");
export const ERR_TS_CHUNK_SIZE = err('CHUNK_SIZE value must be a multiple of 8 in the range [48 .. 1048576]');
export const ERR_TS_ENCODING = err('unknown ENCODING parameter');
export const ERR_TS_DUP_PARSE = err("Couldn't parse DUPLICATE_POLICY");
export const ERR_TS_DUP_UNKNOWN = err('Unknown DUPLICATE_POLICY');
export const ERR_TS_IGNORE = err("Couldn't parse IGNORE");
export const ERR_TS_IGNORE_NEGATIVE = err('IGNORE arguments cannot be negative');
export const ERR_TS_VALUE = err('invalid value');
export const ERR_TS_TIMESTAMP = err('invalid timestamp');
export const ERR_TS_TIMESTAMP_NEGATIVE = err('invalid timestamp, must be a nonnegative integer');
export const ERR_TS_OLD = err('Timestamp is older than retention');
export const ERR_TS_BLOCKED = err('Error at upsert, update is not supported when DUPLICATE_POLICY is set to BLOCK mode');
export const ERR_TS_INCR_VALUE = err('invalid increase/decrease value');
export const ERR_TS_INCR_OLD = new ErrorReply('TSDB: timestamp must be equal to or higher than the maximum existing timestamp');
export const ERR_TS_GET_ARG = err('wrong 3rd argument');
export const ERR_TS_FROM = err('wrong fromTimestamp');
export const ERR_TS_TO = err('wrong toTimestamp');
export const ERR_TS_COUNT_MISSING = err('COUNT argument is missing');
export const ERR_TS_COUNT_PARSE = err("Couldn't parse COUNT");
export const ERR_TS_COUNT = err('Invalid COUNT value');
export const ERR_TS_AGG_PARSE = err("Couldn't parse AGGREGATION");
export const ERR_TS_AGG_UNKNOWN = err('Unknown aggregation type');
export const ERR_TS_BUCKET = err('bucketDuration must be greater than zero');
export const ERR_TS_EMPTY_POS = err('EMPTY flag should be the 3rd or 5th flag after AGGREGATION flag');
export const ERR_TS_ALIGN_TS = err("Couldn't parse alignTimestamp");
export const ERR_TS_BUCKETTS_POS = err('BUCKETTIMESTAMP flag should be the 3rd or 4th flag after AGGREGATION flag');
export const ERR_TS_BUCKETTS = err('unknown BUCKETTIMESTAMP parameter');
export const ERR_TS_ALIGN = err('unknown ALIGN parameter');
export const ERR_TS_ALIGN_NO_AGG = err('ALIGN parameter can only be used with AGGREGATION');
export const ERR_TS_ALIGN_START = err('start alignment can only be used with explicit start timestamp');
export const ERR_TS_ALIGN_END = err('end alignment can only be used with explicit end timestamp');
export const ERR_TS_FBV_MISSING = err('FILTER_BY_VALUE one or more arguments are missing');
export const ERR_TS_FBV_MIN = err("Couldn't parse MIN");
export const ERR_TS_FBV_MAX = err("Couldn't parse MAX");
export const ERR_TS_FBT_MISSING = err('FILTER_BY_TS one or more arguments are missing');
export const ERR_TS_FILTER_LABELS = err('failed parsing labels');
export const ERR_TS_MATCHER = err('please provide at least one matcher');
export const ERR_TS_FILTER_MISSING = err('missing FILTER argument');
export const ERR_TS_FILTER_EMPTY = err('missing labels for filter argument');
export const ERR_TS_GROUPBY_POS = err('GROUPBY should always come after filter');
export const ERR_TS_REDUCER = err('Invalid reducer type');
export const ERR_TS_WITHLABELS_SELECTED = err('cannot accept WITHLABELS and SELECT_LABELS together');
export const ERR_TS_SELECTED_MAX = err('reached max size for SELECT_LABELS');
export const ERR_TS_SELECTED_EMPTY = err('SELECT_LABELS should have at least 1 parameter');
export const ERR_TS_RULE_SAME = err('the source key and destination key should be different');
export const ERR_TS_RULE_SRC_HAS_SRC = err('the source key already has a source rule');
export const ERR_TS_RULE_DST_HAS_DST = err('the destination key already has a dst rule');
export const ERR_TS_RULE_DST_HAS_SRC = err('the destination key already has a src rule');
export const ERR_TS_RULE_MISSING = err('compaction rule does not exist');
export const ERR_TS_DEL_COMPACTION = err(
  'When a series has compactions, deleting samples or compaction buckets beyond the series retention period is not possible',
);
/** Not the module's: where EMPTY would fill more buckets than the fake allocates, the module's realloc aborts redis-server. */
export const ERR_TS_EMPTY_TOO_MANY = new ErrorReply('ERR TSDB: EMPTY would fill more than 2^25 buckets (the module runs out of memory there)');
