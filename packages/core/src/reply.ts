import type { Bytes } from './bytes.js';

/**
 * RESP3-typed replies. Handlers return these; the encoder writes them as RESP3 or
 * flattens them to RESP2 for the connection. The common cases are plain JS values so the
 * hot path allocates nothing: a bulk string is Bytes, an integer is a number (or a bigint
 * past 2^53), a null is null, an array is an array.
 */
export type Reply =
  | Bytes
  | number
  | bigint
  | null
  | Reply[]
  | SimpleString
  | ErrorReply
  | MapReply
  | SetReply
  | DoubleReply
  | BooleanReply
  | BigNumberReply
  | VerbatimReply
  | PushReply
  | PairsReply
  | AttributeReply
  | NullArrayReply;

/** `+OK` and the other status replies. */
export class SimpleString {
  constructor(readonly value: string) {}
}

const LINE_BREAK = /[\r\n]/;

/**
 * An error reply; `message` starts with its code ("ERR ...", "WRONGTYPE ..."). Error
 * texts quote what clients sent, so the message is made one line as Redis's
 * addReplyErrorFormat does: CR and LF are trimmed from both ends and the others turned
 * into spaces. `keepEnds` turns those at the ends into spaces too, for a text Redis
 * writes as given (DEBUG ERROR).
 */
export class ErrorReply {
  readonly message: string;
  /**
   * Already counted in INFO errorstats where it arose (Redis's
   * ERR_REPLY_FLAG_NO_STATS_UPDATE): a script's error that came from a command it called.
   * The command that replies it still counts a failed call.
   */
  statsCounted = false;
  constructor(message: string, keepEnds = false) {
    this.message = LINE_BREAK.test(message) ? oneLine(message, keepEnds) : message;
  }

  /**
   * The code INFO errorstats counts it under (afterErrorReply): the text before the
   * first space if there is one within the first 32 bytes, else "ERR".
   */
  get code(): string {
    const space = this.message.indexOf(' ');
    return space < 0 || space >= 32 ? 'ERR' : this.message.slice(0, space);
  }
}

function oneLine(text: string, keepEnds: boolean): string {
  const trimmed = keepEnds ? text : text.replace(/^[\r\n]+|[\r\n]+$/g, '');
  return trimmed.replace(/[\r\n]/g, ' ');
}

/** A RESP3 map; flattened to an array of key, value, key, value in RESP2. */
export class MapReply {
  constructor(readonly entries: Array<[Reply, Reply]>) {}
}

/** A RESP3 map written in RESP2 as an array of [key, value] arrays (XREAD, XREADGROUP). */
export class PairsMapReply extends MapReply {}

/** A RESP3 set; an array in RESP2. */
export class SetReply {
  constructor(readonly items: Reply[]) {}
}

/**
 * A RESP3 double; a bulk string in RESP2, formatted as the emulated version does, or as
 * `text` when the command prints it its own way (GEOPOS's "%.17Lf" coordinates).
 */
export class DoubleReply {
  constructor(
    readonly value: number,
    readonly text?: string,
  ) {}
}

/** A RESP3 boolean; the integer 1 or 0 in RESP2. */
export class BooleanReply {
  constructor(readonly value: boolean) {}
}

/** A RESP3 big number; a bulk string in RESP2. */
export class BigNumberReply {
  constructor(readonly value: bigint) {}
}

/** A RESP3 verbatim string (`=len\r\ntxt:...`); a bulk string in RESP2. */
export class VerbatimReply {
  constructor(
    readonly format: string,
    readonly text: Bytes,
  ) {}
}

/**
 * An array of two-element arrays in RESP3, flattened to one array in RESP2, as Redis
 * replies HRANDFIELD ... WITHVALUES (and ZRANDMEMBER / ZRANGE with scores).
 */
export class PairsReply {
  constructor(readonly pairs: Array<[Reply, Reply]>) {}
}

/**
 * A RESP3 attribute (`|n` pairs) annotating the reply that follows it; RESP2 writes only the
 * reply (DEBUG PROTOCOL ATTRIB).
 */
export class AttributeReply {
  constructor(
    readonly attributes: Array<[Reply, Reply]>,
    readonly reply: Reply,
  ) {}
}

/** An out-of-band push (pub/sub message); an array in RESP2. */
export class PushReply {
  constructor(readonly items: Reply[]) {}
}

/**
 * A null that RESP2 writes as the null array `*-1` rather than the null bulk `$-1`
 * (EXEC aborted by WATCH, BLPOP timing out, ...). RESP3 writes `_` for both.
 */
export class NullArrayReply {
  private constructor() {}
  static readonly instance = new NullArrayReply();
}

export const OK = new SimpleString('OK');
export const QUEUED = new SimpleString('QUEUED');
export const PONG = new SimpleString('PONG');
export const NULL_ARRAY = NullArrayReply.instance;

export function isError(reply: Reply): reply is ErrorReply {
  return reply instanceof ErrorReply;
}

export function map(entries: Array<[Reply, Reply]>): MapReply {
  return new MapReply(entries);
}

export function double(value: number): DoubleReply {
  return new DoubleReply(value);
}

export function status(value: string): SimpleString {
  return new SimpleString(value);
}

export function bool(value: boolean): BooleanReply {
  return new BooleanReply(value);
}

/** Returned by a handler that replies later (a blocked client) or not at all. */
export const NO_REPLY: unique symbol = Symbol('no reply');
export type HandlerResult = Reply | typeof NO_REPLY;
