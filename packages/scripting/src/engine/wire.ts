import {
  BigNumberReply,
  BooleanReply,
  type Bytes,
  DoubleReply,
  ErrorReply,
  formatDouble,
  MapReply,
  NullArrayReply,
  PairsMapReply,
  PairsReply,
  PushReply,
  type Reply,
  SetReply,
  SimpleString,
  VerbatimReply,
  type DoubleFormat,
} from '@fakeredis/core';

/** Where the engine classified an error that aborts a script (lua-redis-wasm's meta). */
export interface ErrorMeta {
  kind?: string;
  name?: string;
  line: number;
  sha: string;
}

/**
 * A value crossing the worker channel: lua-redis-wasm's ReplyValue with bulk strings as
 * latin1 JS strings.
 */
export type WireValue =
  | null
  | number
  | bigint
  | boolean
  | string
  | { ok: string }
  | { err: string; code?: string; meta?: ErrorMeta }
  | { double: number }
  | { big_number: string }
  | { verbatim_string: { format: string; string: string } }
  | { map: Array<[WireValue, WireValue]> }
  | { set: WireValue[] }
  | WireValue[];

/**
 * A command's reply as a script sees it (redisProtocolToLuaType): in RESP2 the reply a
 * RESP2 client would read (maps flattened, doubles as bulk strings, booleans as 1/0); in
 * RESP3 (redis.setresp(3)) the typed tables.
 */
export function replyToWire(reply: Reply, resp: 2 | 3, doubleFormat: DoubleFormat, nullValue: WireValue = null): WireValue {
  switch (typeof reply) {
    case 'string':
    case 'number':
    case 'bigint':
      return reply;
  }
  if (reply === null || reply instanceof NullArrayReply) return nullValue;
  if (nullValue !== null) return replyToWireNulls(reply, resp, doubleFormat, nullValue);
  if (Array.isArray(reply)) return reply.map((r) => replyToWire(r, resp, doubleFormat));
  if (reply instanceof SimpleString) return { ok: reply.value };
  if (reply instanceof ErrorReply) return { err: reply.message };
  // XREAD's reply: [key, entries] pairs in RESP2, as the encoder writes it.
  if (reply instanceof PairsMapReply && resp === 2) return reply.entries.map(([k, v]) => [replyToWire(k, resp, doubleFormat), replyToWire(v, resp, doubleFormat)]);
  if (reply instanceof MapReply) {
    if (resp === 3) return { map: reply.entries.map(([k, v]) => [replyToWire(k, resp, doubleFormat), replyToWire(v, resp, doubleFormat)]) };
    const flat: WireValue[] = [];
    for (const [k, v] of reply.entries) flat.push(replyToWire(k, resp, doubleFormat), replyToWire(v, resp, doubleFormat));
    return flat;
  }
  if (reply instanceof SetReply) {
    const items = reply.items.map((r) => replyToWire(r, resp, doubleFormat));
    return resp === 3 ? { set: items } : items;
  }
  if (reply instanceof PushReply) return reply.items.map((r) => replyToWire(r, resp, doubleFormat));
  if (reply instanceof PairsReply) {
    if (resp === 3) return reply.pairs.map(([a, b]) => [replyToWire(a, resp, doubleFormat), replyToWire(b, resp, doubleFormat)]);
    const flat: WireValue[] = [];
    for (const [a, b] of reply.pairs) flat.push(replyToWire(a, resp, doubleFormat), replyToWire(b, resp, doubleFormat));
    return flat;
  }
  if (reply instanceof DoubleReply) {
    if (resp === 3) return { double: reply.value };
    return reply.text ?? formatDouble(reply.value, doubleFormat);
  }
  if (reply instanceof BooleanReply) return resp === 3 ? reply.value : reply.value ? 1 : 0;
  if (reply instanceof BigNumberReply) return resp === 3 ? { big_number: reply.value.toString() } : reply.value.toString();
  if (reply instanceof VerbatimReply) return resp === 3 ? { verbatim_string: { format: reply.format, string: reply.text } } : reply.text;
  return null;
}

/** replyToWire with nulls (at any depth) as `nullValue`: a RESP3 script's marker (env.ts's NULL_REPLIES). */
function replyToWireNulls(reply: Reply, resp: 2 | 3, doubleFormat: DoubleFormat, nullValue: WireValue): WireValue {
  const each = (r: Reply): WireValue => replyToWire(r, resp, doubleFormat, nullValue);
  if (Array.isArray(reply)) return reply.map(each);
  if (reply instanceof MapReply && resp === 3) return { map: reply.entries.map(([k, v]) => [each(k), each(v)]) };
  if (reply instanceof SetReply && resp === 3) return { set: reply.items.map(each) };
  if (reply instanceof PushReply) return reply.items.map(each);
  return replyToWire(reply, resp, doubleFormat);
}

const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

const nanBits = new Float64Array(1);
const nanBytes = new Uint8Array(nanBits.buffer);

/** A NaN as glibc's printf writes it: "-nan" when its sign bit is set (0/0 on x86-64), else "nan". */
function nanText(v: number): string {
  nanBits[0] = v;
  return (nanBytes[7] as number) >> 7 === 1 ? '-nan' : 'nan';
}

/** An error that aborted the script, to be decorated with the script's name and line. */
export class ScriptAbort {
  constructor(
    readonly message: string,
    readonly meta: ErrorMeta,
  ) {}
}

/**
 * A script's return value as a reply (luaReplyToRedisReply). The engine runs in RESP3 mode
 * so that typed tables always convert; booleans follow the script's own protocol. Numbers
 * are truncated to integers as Redis casts them on x86-64: the engine saturates at
 * 2^63 - 1 where Redis gives INT64_MIN (2^63, inf), so that value is mapped back.
 */
export function wireToReply(value: WireValue, resp: 2 | 3, doubleFormat: DoubleFormat = 'printf17g'): Reply | ScriptAbort {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'err' in value && value.meta !== undefined) {
    const message = value.code !== undefined ? `${value.code} ${value.err}` : value.err;
    return new ScriptAbort(message, value.meta);
  }
  return convert(value, resp, doubleFormat === 'printf17g');
}

/** `signedNan`: a NaN double is printed by printf (Redis 7.0); from 7.2 (and in Valkey) d2string writes "nan". */
function convert(value: WireValue, resp: 2 | 3, signedNan: boolean): Reply {
  switch (typeof value) {
    case 'string':
      return value as Bytes;
    case 'number':
      return value;
    case 'bigint': {
      const v = value === INT64_MAX ? INT64_MIN : value;
      return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
    }
    case 'boolean':
      return resp === 3 ? new BooleanReply(value) : value ? 1 : null;
  }
  if (value === null) return null;
  if (Array.isArray(value)) return value.map((v) => convert(v, resp, signedNan));
  if ('err' in value) return new ErrorReply(value.code !== undefined ? `${value.code} ${value.err}` : value.err);
  // Redis writes a status on one line: CR and LF become spaces.
  if ('ok' in value) return new SimpleString(value.ok.replace(/[\r\n]/g, ' '));
  if ('double' in value) return Number.isNaN(value.double) ? new DoubleReply(value.double, signedNan ? nanText(value.double) : 'nan') : new DoubleReply(value.double);
  if ('map' in value) return new MapReply(value.map.map(([k, v]) => [convert(k, resp, signedNan), convert(v, resp, signedNan)]));
  if ('set' in value) return new SetReply(value.set.map((v) => convert(v, resp, signedNan)));
  if ('big_number' in value) {
    try {
      return new BigNumberReply(BigInt(value.big_number));
    } catch {
      return value.big_number as Bytes;
    }
  }
  if ('verbatim_string' in value) return new VerbatimReply(value.verbatim_string.format, value.verbatim_string.string as Bytes);
  return null;
}
