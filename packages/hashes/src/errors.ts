import { cString, ErrorReply } from '@fakeredis/core';
/**
 * Errors of the hash commands (t_hash.c), spelled as Redis spells them: 7.0 for the
 * classic commands, 7.4 for field expiration, 8.0 for HGETDEL / HGETEX / HSETEX.
 */
export const ERR_HASH_VALUE_NOT_INTEGER = new ErrorReply('ERR hash value is not an integer');
export const ERR_HASH_VALUE_NOT_FLOAT = new ErrorReply('ERR hash value is not a float');
/** HINCRBYFLOAT's increment itself is infinite (before the key is looked up). */
export const ERR_VALUE_NAN_OR_INFINITY = new ErrorReply('ERR value is NaN or Infinity');

/** KEYDB.HRENAME of a field the hash lacks (KeyDB). */
export const ERR_HASH_KEY_DOESNT_EXIST = new ErrorReply("ERR hash key doesn't exist");

// getRangeLongFromObjectOrReply's default range error is core's errValueMustBetween.

// ---- field expiration (Redis 7.4) ----------------------------------------------------

export const ERR_FIELDS_ARGUMENT_MISSING = new ErrorReply(
  'ERR Mandatory argument FIELDS is missing or not at the right position',
);
/** HEXPIRE, HPEXPIRE, HEXPIREAT, HPEXPIREAT: numfields not a positive integer. */
export const ERR_NUMFIELDS_GREATER_THAN_ZERO = new ErrorReply('ERR Parameter `numFields` should be greater than 0');
/** HTTL, HPTTL, HEXPIRETIME, HPEXPIRETIME, HPERSIST, HGETDEL, HGETEX: numfields not positive. */
export const ERR_NUMFIELDS_POSITIVE = new ErrorReply('ERR Number of fields must be a positive integer');
export const ERR_NUMFIELDS_MISMATCH = new ErrorReply(
  'ERR The `numfields` parameter must match the number of arguments',
);
export const ERR_EXPIRE_TIME_NEGATIVE = new ErrorReply('ERR invalid expire time, must be >= 0');

// ---- HSETEX (Redis 8.0) --------------------------------------------------------------

export const ERR_INVALID_NUMBER_OF_FIELDS = new ErrorReply('ERR invalid number of fields');
export const ERR_MISSING_EXPIRE_TIME = new ErrorReply('ERR missing expire time');
export const ERR_FNX_FXX_CONFLICT = new ErrorReply('ERR Only one of FXX or FNX arguments can be specified');
export const ERR_HSETEX_EXPIRATION_CONFLICT = new ErrorReply(
  'ERR Only one of EX, PX, EXAT, PXAT or KEEPTTL arguments can be specified',
);

// ---- options in any order (Redis 8.6: parseHashFieldExpireArgs, parseHashCommandArgs) ---

export const ERR_HGETEX_EXPIRATION_CONFLICT = new ErrorReply(
  'ERR Only one of EX, PX, EXAT, PXAT or PERSIST arguments can be specified',
);
export const ERR_FIELDS_SPECIFIED_TWICE = new ErrorReply('ERR FIELDS keyword specified multiple times');
/** The FIELDS block runs past the end of the command. */
export const ERR_WRONG_NUMBER_OF_ARGUMENTS = new ErrorReply('ERR wrong number of arguments');
export const ERR_MISSING_FIELDS = new ErrorReply('ERR missing FIELDS argument');
/** HEXPIRE family (8.6): FIELDS among the last two arguments. */
export const ERR_FIELDS_REQUIRES_ARGUMENTS = new ErrorReply('ERR FIELDS requires at least numfields and one field argument');
export const ERR_MULTIPLE_CONDITIONS = new ErrorReply('ERR Multiple condition flags specified');
/** An option of the other command (KEEPTTL, FNX, FXX to HGETEX; PERSIST to HSETEX). */
export const ERR_UNKNOWN_ARGUMENT = new ErrorReply('ERR unknown argument');

/** "unknown argument: %s", the argument cut at a NUL byte (ErrorReply blanks CR/LF). */
export function errUnknownArgument(arg: string): ErrorReply {
  return new ErrorReply(`ERR unknown argument: ${cString(arg)}`);
}
