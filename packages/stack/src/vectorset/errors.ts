import { ErrorReply } from '@fakeredis/core';

/** The vector-set module's error texts (modules/vector-sets/vset.c of Redis 8.0 / 8.6). */
export const ERR_VSET_VECTOR = new ErrorReply('ERR invalid vector specification');
export const ERR_VSET_EF = new ErrorReply('ERR invalid EF');
export const ERR_VSET_M = new ErrorReply('ERR invalid M');
export const ERR_VSET_OPTION_AFTER_ELEMENT = new ErrorReply('ERR invalid option after element');
export const ERR_VSET_QUANT_MISMATCH = new ErrorReply('ERR asked quantization mismatch with existing vector set');
export const ERR_VSET_M_MISMATCH = new ErrorReply('ERR asked M value mismatch with existing vector set');
export const ERR_VSET_ADD_PROJECTION = new ErrorReply('ERR cannot add projection to existing set without projection');
export const ERR_VSET_PROJECTION_MISMATCH = new ErrorReply('ERR projection dimension mismatch with existing set');
export const ERR_VSET_NOT_FOUND = new ErrorReply('ERR element not found in set');
export const ERR_VSET_COUNT = new ErrorReply('ERR invalid COUNT');
export const ERR_VSET_EPSILON = new ErrorReply('ERR invalid EPSILON');
export const ERR_VSET_FILTER_EF = new ErrorReply('ERR invalid FILTER-EF');
export const ERR_VSET_VSIM_SYNTAX = new ErrorReply('ERR syntax error in VSIM command');
export const ERR_VSET_NO_KEY = new ErrorReply('ERR key does not exist');
export const ERR_VSET_OPTION = new ErrorReply('ERR invalid option');
export const ERR_VSET_COUNT_INTEGER = new ErrorReply('ERR COUNT value is not an integer');
export const ERR_VSET_COUNT_VALUE = new ErrorReply('ERR invalid COUNT value');
export const ERR_VSET_RANGE_START = new ErrorReply('ERR invalid start range format');
export const ERR_VSET_RANGE_END = new ErrorReply('ERR invalid end range format');
export const ERR_VSET_RANGE_ORDER = new ErrorReply("ERR '-' can only be used as first argument, '+' only as second");

export function errDimensionMismatch(got: number, has: number): ErrorReply {
  return new ErrorReply(`ERR Vector dimension mismatch - got ${got} but set has ${has}`);
}

export function errProjectionInput(got: number, expects: number): ErrorReply {
  return new ErrorReply(`ERR Input dimension mismatch for projection - got ${got} but projection expects ${expects}`);
}

export function errFilterSyntax(near: string): ErrorReply {
  return new ErrorReply(`ERR syntax error in FILTER expression near: ${near}`);
}

/** COPY of a module value whose type has no copy callback (moduleTypeDupOrReply). */
export const ERR_VSET_COPY = new ErrorReply('ERR not supported for this module key');

/** fakeredis's own refusal: the RDB form of a vector set holds its HNSW graph, which the fake does not model. */
export const ERR_VSET_DUMP = new ErrorReply('ERR fakeredis does not model the RDB serialization of vector sets');

/**
 * VRANDMEMBER with a negative count repeats members, so the reply has no bound; Redis
 * builds whatever is asked until memory runs out. The fake answers an error past this
 * many members instead (as SRANDMEMBER in @fakeredis/sets).
 */
export const MAX_REPEATED_RANDOM_MEMBERS = 2 ** 24;
export const ERR_VSET_TOO_MANY_RANDOM = new ErrorReply(`ERR fakeredis replies with at most ${MAX_REPEATED_RANDOM_MEMBERS} random members`);
