import { ErrorReply } from '@fakeredis/core';
/** Errors of the string, bitmap and HyperLogLog commands, spelled as Redis 7.0 spells them. */

export const ERR_STRING_TOO_LONG = new ErrorReply(
  'ERR string exceeds maximum allowed size (proto-max-bulk-len)',
);
export const ERR_OFFSET_OUT_OF_RANGE = new ErrorReply('ERR offset is out of range');
export const ERR_DECREMENT_OVERFLOW = new ErrorReply('ERR decrement would overflow');

export const ERR_LCS_NOT_STRINGS = new ErrorReply('ERR The specified keys must contain string values');
export const ERR_LCS_LEN_AND_IDX = new ErrorReply(
  'ERR If you want both the length and indexes, please just use IDX.',
);
export const ERR_LCS_TOO_LONG = new ErrorReply('ERR String too long for LCS');
export const ERR_LCS_EXCEEDS_BULK_LEN = new ErrorReply(
  'ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len',
);
export const ERR_LCS_ALLOCATION = new ErrorReply(
  'ERR Insufficient memory, failed allocating transient memory for LCS',
);
/** Redis 6.2's STRALGO LCS (KeyDB 6.3). */
export const ERR_STRALGO_NO_STRINGS = new ErrorReply('ERR Please specify two strings: STRINGS or KEYS options are mandatory');
export const ERR_STRALGO_STRINGS_OR_KEYS = new ErrorReply('ERR Either use STRINGS or KEYS');
export const ERR_STRALGO_ALLOCATION = new ErrorReply('ERR Insufficient memory');

export const ERR_BIT_OFFSET = new ErrorReply('ERR bit offset is not an integer or out of range');
export const ERR_BIT_VALUE = new ErrorReply('ERR bit is not an integer or out of range');
export const ERR_BIT_ARGUMENT = new ErrorReply('ERR The bit argument must be 1 or 0.');
export const ERR_BITOP_NOT_ONE_KEY = new ErrorReply('ERR BITOP NOT must be called with a single source key.');
/** Redis 8.2's DIFF, DIFF1 and ANDOR need a key to combine with the first. */
export function errBitopTwoKeys(op: string): ErrorReply {
  return new ErrorReply(`ERR BITOP ${op} must be called with at least two source keys.`);
}
export const ERR_BITFIELD_TYPE = new ErrorReply(
  'ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.',
);
export const ERR_BITFIELD_OVERFLOW_TYPE = new ErrorReply('ERR Invalid OVERFLOW type specified');
export const ERR_BITFIELD_RO_GET_ONLY = new ErrorReply('ERR BITFIELD_RO only supports the GET subcommand');

export const ERR_HLL_WRONGTYPE = new ErrorReply('WRONGTYPE Key is not a valid HyperLogLog string value.');
export const ERR_HLL_CORRUPTED = new ErrorReply('INVALIDOBJ Corrupted HLL object detected');
export const ERR_PFDEBUG_NO_KEY = new ErrorReply('ERR The specified key does not exist');
export const ERR_PFDEBUG_NOT_SPARSE = new ErrorReply('ERR HLL encoding is not sparse');

export function errUnknownPfdebugSubcommand(sub: string): ErrorReply {
  return new ErrorReply(`ERR Unknown PFDEBUG subcommand '${sub}'`);
}

export const ERR_PFSELFTEST_NOT_SPARSE = new ErrorReply('TESTFAILED sparse encoding not used');
export const ERR_PFSELFTEST_DENSE_SPARSE = new ErrorReply('TESTFAILED dense/sparse disagree');

/** Redis 8.4's digest conditions (IFDEQ/IFDNE) take XXH3 digests as 16 hex characters. */
export const ERR_DIGEST_LENGTH = new ErrorReply('ERR must be exactly 16 hexadecimal characters');
export const ERR_DELEX_NOT_STRING = new ErrorReply('ERR Key should be of string type if conditions are specified');
export const ERR_DELEX_CONDITION = new ErrorReply('ERR Invalid condition. Use IFEQ, IFNE, IFDEQ, or IFDNE');
export const ERR_MSETEX_NUMKEYS = new ErrorReply('ERR invalid numkeys value');
export const ERR_MSETEX_PAIRS = new ErrorReply('ERR wrong number of key-value pairs');
