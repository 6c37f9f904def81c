import {
  type Bytes,
  type Client,
  type Database,
  ERR_SYNTAX,
  errInvalidExpireTime,
  INT64_MAX,
  parseInt64,
  cString,
  hasArgumentToken,
  type ServerProfile,
} from '@fakeredis/core';

/** The option flags of SET and GETEX, as t_string.c numbers them. */
export const SET_NX = 1 << 0;
export const SET_XX = 1 << 1;
export const EX = 1 << 2;
export const PX = 1 << 3;
export const KEEPTTL = 1 << 4;
export const SET_GET = 1 << 5;
export const EXAT = 1 << 6;
export const PXAT = 1 << 7;
export const PERSIST = 1 << 8;
/** Redis 8.4's SET conditions: IFEQ/IFNE compare the value, IFDEQ/IFDNE its digest. */
export const SET_IFEQ = 1 << 9;
export const SET_IFNE = 1 << 10;
export const SET_IFDEQ = 1 << 11;
export const SET_IFDNE = 1 << 12;
const CONDITION_TOKENS: ReadonlyArray<readonly [string, number]> = [['IFEQ', SET_IFEQ], ['IFNE', SET_IFNE], ['IFDEQ', SET_IFDEQ], ['IFDNE', SET_IFDNE]];
/** The SET conditions the server's metadata has: Redis 8.4's four, Valkey 8.1's IFEQ, or none. */
export function setConditionFlags(profile: ServerProfile): number {
  let flags = 0;
  for (const [token, flag] of CONDITION_TOKENS) if (hasArgumentToken(profile, 'SET', token)) flags |= flag;
  return flags;
}
/** Only one of these may be given (NX and XX check only each other, as in Redis). */
const CONDITIONS = SET_NX | SET_XX | SET_IFEQ | SET_IFNE | SET_IFDEQ | SET_IFDNE;

export interface ExtendedOptions {
  flags: number;
  /** The EX/PX/EXAT/PXAT argument, if one was given. */
  expire: Bytes | undefined;
  /** The IFEQ/IFNE value or IFDEQ/IFDNE digest, if one was given. */
  match: Bytes | undefined;
}

/** The options each flag may not be combined with (Redis's parseExtendedStringArgumentsOrReply). */
const EXPIRE_FLAGS = EX | PX | EXAT | PXAT;

/**
 * Parses SET's (`forSet`) or GETEX's options from argv[start]. Options are matched
 * case-insensitively up to a NUL byte, as Redis's C comparisons do; a repeated option is
 * accepted (the last expiry wins) and a conflicting one is a syntax error. `nxWithGet`:
 * SET's NX and GET may go together (Redis 7.0; before, either refuses the other).
 * `conditions`: the SET conditions taken (setConditionFlags: IFEQ, IFNE, IFDEQ, IFDNE).
 * `get`: false for MSETEX, which takes SET's options but GET. `exclusive`: Valkey's rule,
 * every condition refuses every other and itself repeated (Redis's NX and XX check only each other).
 */
export function parseExtendedStringArguments(
  argv: readonly Bytes[], start: number, forSet: boolean, nxWithGet = true, conditions = 0, get = true, exclusive = false,
): ExtendedOptions {
  let flags = 0;
  let expire: Bytes | undefined;
  let match: Bytes | undefined;
  for (let j = start; j < argv.length; j++) {
    const opt = cString(argv[j] as Bytes).toUpperCase();
    const hasNext = j < argv.length - 1;
    const condition = conditions !== 0 && forSet && hasNext ? CONDITION_TOKENS.find(([token, flag]) => token === opt && conditions & flag)?.[1] : undefined;
    if (condition !== undefined && !(flags & (exclusive ? CONDITIONS : CONDITIONS & ~condition))) {
      flags |= condition;
      match = argv[++j];
    } else if (opt === 'NX' && forSet && !(flags & (exclusive ? CONDITIONS & ~SET_NX : SET_XX)) && (nxWithGet || !(flags & SET_GET))) {
      flags |= SET_NX;
    } else if (opt === 'XX' && forSet && !(flags & (exclusive ? CONDITIONS & ~SET_XX : SET_NX))) {
      flags |= SET_XX;
    } else if (opt === 'GET' && forSet && get && (nxWithGet || !(flags & SET_NX))) {
      flags |= SET_GET;
    } else if (opt === 'KEEPTTL' && forSet && !(flags & (PERSIST | EXPIRE_FLAGS))) {
      flags |= KEEPTTL;
    } else if (opt === 'PERSIST' && !forSet && !(flags & (EXPIRE_FLAGS | KEEPTTL))) {
      flags |= PERSIST;
    } else if (opt === 'EX' && hasNext && !(flags & (KEEPTTL | PERSIST | EXAT | PX | PXAT))) {
      flags |= EX;
      expire = argv[++j];
    } else if (opt === 'PX' && hasNext && !(flags & (KEEPTTL | PERSIST | EX | EXAT | PXAT))) {
      flags |= PX;
      expire = argv[++j];
    } else if (opt === 'EXAT' && hasNext && !(flags & (KEEPTTL | PERSIST | EX | PX | PXAT))) {
      flags |= EXAT;
      expire = argv[++j];
    } else if (opt === 'PXAT' && hasNext && !(flags & (KEEPTTL | PERSIST | EX | EXAT | PX))) {
      flags |= PXAT;
      expire = argv[++j];
    } else {
      throw ERR_SYNTAX;
    }
  }
  return { flags, expire, match };
}

/**
 * The absolute expiry time in ms of an EX/PX/EXAT/PXAT argument, validated as Redis's
 * getExpireMillisecondsOrReply does: a positive integer, no overflow when converted to
 * milliseconds or made absolute. `command` names the command in the error.
 */
export function expireAtMilliseconds(client: Client, expire: Bytes, flags: number, command: string): bigint {
  const value = parseInt64(expire);
  const seconds = (flags & (EX | EXAT)) !== 0;
  if (value <= 0n || (seconds && value > INT64_MAX / 1000n)) throw errInvalidExpireTime(command, client.server.profile.errorTexts);
  let ms = seconds ? value * 1000n : value;
  if (flags & (EX | PX)) ms += BigInt(client.server.now());
  // C's signed addition wraps negative on overflow, which Redis then rejects.
  if (ms > INT64_MAX) throw errInvalidExpireTime(command, client.server.profile.errorTexts);
  return ms;
}

/** Sets a key's expiry; the database keeps times past 2^53 exact for PEXPIRETIME. */
export function setExpireAt(db: Database, key: Bytes, at: bigint): void {
  db.setExpire(key, at);
}
