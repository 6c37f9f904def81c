import { cString } from '../bytes.js';
import { ErrorReply } from '../reply.js';

/**
 * The error catalogue: every error text the engine sends, spelled as Redis 7.0 spells it.
 * Fixed texts are shared ErrorReply instances; texts with parameters are functions.
 * A handler returns or throws one of these; the dispatcher turns a thrown ErrorReply into
 * the command's reply.
 */
export const ERR_SYNTAX = new ErrorReply('ERR syntax error');
export const ERR_WRONGTYPE = new ErrorReply(
  'WRONGTYPE Operation against a key holding the wrong kind of value',
);
export const ERR_NOT_INTEGER = new ErrorReply('ERR value is not an integer or out of range');
export const ERR_NOT_FLOAT = new ErrorReply('ERR value is not a valid float');
export const ERR_OVERFLOW = new ErrorReply('ERR increment or decrement would overflow');
export const ERR_NO_SUCH_KEY = new ErrorReply('ERR no such key');
export const ERR_DB_INDEX = new ErrorReply('ERR DB index is out of range');
export const ERR_NOAUTH = new ErrorReply('NOAUTH Authentication required.');
export const ERR_WRONGPASS = new ErrorReply(
  'WRONGPASS invalid username-password pair or user is disabled.',
);
export const ERR_AUTH_NOT_CONFIGURED = new ErrorReply(
  'ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?',
);
export const ERR_OUT_OF_RANGE_POSITIVE = new ErrorReply(
  'ERR value is out of range, must be positive',
);
export const ERR_TIMEOUT_NOT_FLOAT = new ErrorReply('ERR timeout is not a float or out of range');
export const ERR_TIMEOUT_NEGATIVE = new ErrorReply('ERR timeout is negative');

export const ERR_MULTI_NESTED = new ErrorReply('ERR MULTI calls can not be nested');
export const ERR_EXEC_WITHOUT_MULTI = new ErrorReply('ERR EXEC without MULTI');
export const ERR_DISCARD_WITHOUT_MULTI = new ErrorReply('ERR DISCARD without MULTI');
export const ERR_WATCH_IN_MULTI = new ErrorReply('ERR WATCH inside MULTI is not allowed');
export const ERR_NOT_ALLOWED_IN_MULTI = new ErrorReply('ERR Command not allowed inside a transaction');
export const ERR_EXECABORT = new ErrorReply(
  'EXECABORT Transaction discarded because of previous errors.',
);

/**
 * "unknown command", quoting the name and the first arguments as Redis prints them
 * (%.128s and %.*s: each stops at a NUL byte; the quoted arguments end once they reach
 * 128 bytes).
 */
export function errUnknownCommand(name: string, args: readonly string[]): ErrorReply {
  let shown = '';
  for (let i = 0; i < args.length && shown.length < 128; i++) {
    shown += `'${cString(args[i] as string).slice(0, 128 - shown.length)}' `;
  }
  return new ErrorReply(`ERR unknown command '${cString(name).slice(0, 128)}', with args beginning with: ${shown}`);
}

/** Redis 6.2's wording (KeyDB): backticks, each argument followed by ", ". */
export function errUnknownCommand62(name: string, args: readonly string[]): ErrorReply {
  let shown = '';
  for (let i = 0; i < args.length && shown.length < 128; i++) {
    shown += `\`${cString(args[i] as string).slice(0, 128 - shown.length)}\`, `;
  }
  return new ErrorReply(`ERR unknown command \`${cString(name).slice(0, 128)}\`, with args beginning with: ${shown}`);
}

export function errUnknownSubcommand(sub: string, container: string): ErrorReply {
  return new ErrorReply(`ERR unknown subcommand '${cString(sub).slice(0, 128)}'. Try ${container} HELP.`);
}

export function errWrongArity(fullName: string): ErrorReply {
  return new ErrorReply(`ERR wrong number of arguments for '${fullName}' command`);
}

/** `texts`: the profile's errorTexts (6.2 names the command bare: "invalid expire time in set"). */
export function errInvalidExpireTime(command: string, texts: '6.2' | '7.0' = '7.0'): ErrorReply {
  return new ErrorReply(texts === '6.2' ? `ERR invalid expire time in ${command}` : `ERR invalid expire time in '${command}' command`);
}

export function errSubscribedContext(command: string): ErrorReply {
  return new ErrorReply(
    `ERR Can't execute '${command}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context`,
  );
}

/** A subcommand given the wrong arguments by its own parsing (addReplySubcommandSyntaxError). */
export function errSubcommandSyntax(sub: string, container: string): ErrorReply {
  return new ErrorReply(
    `ERR unknown subcommand or wrong number of arguments for '${cString(sub).slice(0, 128)}'. Try ${container} HELP.`,
  );
}

/** Redis 6.2's addReplySubcommandSyntaxError (KeyDB 6.3): also its unknown subcommand and a subcommand's wrong arity. */
export function errSubcommandSyntax62(sub: string, container: string): ErrorReply {
  return new ErrorReply(`ERR Unknown subcommand or wrong number of arguments for '${cString(sub)}'. Try ${container} HELP.`);
}

// KeyDB's member expiry (EXPIREMEMBER ..., TTL / PTTL / PERSIST key member).
export const ERR_INVALID_ARGUMENTS = new ErrorReply('ERR Invalid arguments');
export const ERR_INVALID_NUMBER_OF_ARGUMENTS = new ErrorReply('ERR Invalid number of arguments');
export const ERR_INVALID_UNIT = new ErrorReply('ERR Invalid unit arg');
export const ERR_OBJECT_TYPE_UNSUPPORTED = new ErrorReply('ERR object type is unsupported');

// Shared by several command families (lists, sets, zsets, hashes, strings and MPOP parsing).

/** getRangeLongFromObjectOrReply's range error (Redis's own wording, "must between"). */
export function errValueMustBetween(min: bigint, max: bigint): ErrorReply {
  return new ErrorReply(`ERR value is out of range, value must between ${min} and ${max}`);
}
/** HRANDFIELD count WITHVALUES beyond +-LONG_MAX/2; ZRANGESTORE-style range checks. */
export const ERR_VALUE_OUT_OF_RANGE = new ErrorReply('ERR value is out of range');
/** LMPOP / BLMPOP / ZMPOP / BZMPOP COUNT: not an integer, or below 1. */
export const ERR_COUNT_NOT_POSITIVE = new ErrorReply('ERR count should be greater than 0');
/** SINTERCARD's and the MPOPs' numkeys: not an integer, or below 1. */
export const ERR_NUMKEYS_NOT_POSITIVE = new ErrorReply('ERR numkeys should be greater than 0');
/** SINTERCARD's and ZINTERCARD's LIMIT: not an integer, or negative. */
export const ERR_LIMIT_NEGATIVE = new ErrorReply("ERR LIMIT can't be negative");
/** INCRBYFLOAT and HINCRBYFLOAT. */
export const ERR_INCR_NAN_OR_INFINITY = new ErrorReply('ERR increment would produce NaN or Infinity');
