import { type Bytes, type Client, errWrongArity, isToken, tryParseInt64 } from '@fakeredis/core';
import {
  ERR_FIELDS_SPECIFIED_TWICE,
  ERR_FNX_FXX_CONFLICT,
  ERR_HGETEX_EXPIRATION_CONFLICT,
  ERR_HSETEX_EXPIRATION_CONFLICT,
  ERR_INVALID_NUMBER_OF_FIELDS,
  ERR_MISSING_EXPIRE_TIME,
  ERR_MISSING_FIELDS,
  ERR_UNKNOWN_ARGUMENT,
  ERR_WRONG_NUMBER_OF_ARGUMENTS,
  errUnknownArgument,
} from '../errors.js';
import { parseExpireTime } from './fields-arg.js';

const INT_MAX = 2147483647n;

export type TimeOption = 'EX' | 'PX' | 'EXAT' | 'PXAT';

/** HGETEX's and HSETEX's options, as parsed by either version's parser. */
export interface FieldExpireArgs {
  condition: 'FNX' | 'FXX' | undefined;
  expiration: TimeOption | 'KEEPTTL' | 'PERSIST' | undefined;
  /** The absolute expiry time (ms) of EX, PX, EXAT, PXAT. */
  at: number;
  /** argv index of the time's argument (0 without one). */
  timeAt: number;
  /** argv index of the first field, and the number of fields. */
  first: number;
  count: number;
}

/** A time option's token, when `arg` is one. */
export function timeOption(arg: Bytes | undefined): TimeOption | undefined {
  return (['EX', 'PX', 'EXAT', 'PXAT'] as const).find((token) => isToken(arg, token));
}

/** Reads a time option's argument at `at` (relative ones from now). */
export function parseTimeOption(client: Client, option: TimeOption, arg: Bytes, command: string): number {
  const relative = option === 'EX' || option === 'PX';
  const seconds = option === 'EX' || option === 'EXAT';
  return parseExpireTime(arg, seconds, relative ? client.server.now() : 0, command);
}

/**
 * parseHashFieldExpireArgs (Redis 8.6): options in any order, before or after the FIELDS
 * block, checked left to right; the block's fields are skipped whatever they spell. An
 * option of the other command is refused only once the whole command parsed.
 */
export function parseFieldExpireArgs(client: Client, argv: readonly Bytes[], command: 'hgetex' | 'hsetex'): FieldExpireArgs {
  const args: FieldExpireArgs = { condition: undefined, expiration: undefined, at: 0, timeAt: 0, first: -1, count: 0 };
  const perField = command === 'hsetex' ? 2 : 1;
  let persist = false;
  let keepTtl = false;
  let time: TimeOption | undefined;
  const conflict = command === 'hsetex' ? ERR_HSETEX_EXPIRATION_CONFLICT : ERR_HGETEX_EXPIRATION_CONFLICT;
  for (let i = 2; i < argv.length; i++) {
    const arg = argv[i] as Bytes;
    const option = timeOption(arg);
    if (isToken(arg, 'FIELDS')) {
      if (args.first !== -1) throw ERR_FIELDS_SPECIFIED_TWICE;
      if (i + 1 >= argv.length) throw errWrongArity(command);
      const count = tryParseInt64(argv[i + 1] as Bytes);
      if (count === undefined || count < 1n || count > INT_MAX) throw ERR_INVALID_NUMBER_OF_FIELDS;
      args.first = i + 2;
      args.count = Number(count);
      if (args.first + args.count * perField > argv.length) throw ERR_WRONG_NUMBER_OF_ARGUMENTS;
      i = args.first + args.count * perField - 1;
    } else if (option !== undefined) {
      if (time !== undefined || keepTtl || persist) throw conflict;
      if (i >= argv.length - 1) throw ERR_MISSING_EXPIRE_TIME;
      time = option;
      args.at = parseTimeOption(client, option, argv[++i] as Bytes, command);
      args.timeAt = i;
    } else if (isToken(arg, 'PERSIST')) {
      // PERSIST after KEEPTTL passes here and is refused below, as in Redis.
      if (time !== undefined || persist) throw conflict;
      persist = true;
    } else if (isToken(arg, 'KEEPTTL')) {
      if (time !== undefined || keepTtl) throw conflict;
      keepTtl = true;
    } else if (isToken(arg, 'FNX') || isToken(arg, 'FXX')) {
      if (args.condition !== undefined) throw ERR_FNX_FXX_CONFLICT;
      args.condition = isToken(arg, 'FNX') ? 'FNX' : 'FXX';
    } else {
      throw errUnknownArgument(arg);
    }
  }
  if (args.first === -1) throw ERR_MISSING_FIELDS;
  if (command === 'hgetex' ? keepTtl || args.condition !== undefined : persist) throw ERR_UNKNOWN_ARGUMENT;
  args.expiration = time ?? (persist ? 'PERSIST' : keepTtl ? 'KEEPTTL' : undefined);
  return args;
}
