import { type Bytes, bytesFromBuffer, bytesFromText } from './bytes.js';
import {
  AttributeReply,
  BigNumberReply,
  BooleanReply,
  DoubleReply,
  ErrorReply,
  MapReply,
  NullArrayReply,
  PairsReply,
  PushReply,
  type Reply,
  SetReply,
  SimpleString,
  VerbatimReply,
} from './reply.js';
import type { FakeServer } from './server.js';

/**
 * The direct API with plain values: `server.command(...)` and the test helpers (seed data,
 * read a key's value and TTL, snapshot a database, flush, fast-forward). Everything runs as
 * commands of the server's direct client (the one `server.call` uses), so it behaves as a
 * client's commands do: WATCH is invalidated, blocked clients are served, keyspace events
 * are sent.
 */

/** An argument as a client library sends it: text (UTF-8), bytes or a number. */
export type CommandArgument = string | Buffer | Uint8Array | number | bigint;

/**
 * A reply as plain JavaScript: strings (Buffers for bytes that are not UTF-8, or when asked
 * for), numbers (bigint past 2^53), booleans, null, arrays, objects for maps, and
 * ReplyError for an error inside an array (EXEC's results).
 */
export type PlainReply =
  | string
  | Buffer
  | number
  | bigint
  | boolean
  | null
  | ReplyError
  | PlainReply[]
  | { [field: string]: PlainReply };

/** An error reply, thrown by `server.command()`; `message` is Redis's text. */
export class ReplyError extends Error {
  /** The error code: the message's first word ("ERR", "WRONGTYPE", "NOSCRIPT" ...). */
  readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = 'ReplyError';
    this.code = message.slice(0, Math.max(0, message.indexOf(' '))) || message;
  }
}

export interface PlainOptions {
  /** Every string as a Buffer (as ioredis's `*Buffer` methods give them). */
  buffers?: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes as text when they are valid UTF-8, else (or when asked) as a Buffer. */
function plainBytes(bytes: Bytes, options: PlainOptions): string | Buffer {
  if (options.buffers) return Buffer.from(bytes, 'latin1');
  // ASCII is the same in latin1 and UTF-8.
  if (!/[^\x00-\x7f]/.test(bytes)) return bytes;
  const buffer = Buffer.from(bytes, 'latin1');
  try {
    return utf8.decode(buffer);
  } catch {
    return buffer;
  }
}

function plainNumber(value: number | bigint): number | bigint {
  if (typeof value === 'number') return value;
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/** A map key as an object key: its text (a Buffer key as its latin1 bytes). */
function fieldName(value: PlainReply): string {
  return Buffer.isBuffer(value) ? value.toString('latin1') : String(value);
}

/**
 * Converts a RESP3-typed reply to plain values. Errors become ReplyError objects (the
 * caller decides whether to throw a top-level one).
 */
export function toPlain(reply: Reply, options: PlainOptions = {}): PlainReply {
  if (reply === null) return null;
  switch (typeof reply) {
    case 'string':
      return plainBytes(reply as Bytes, options);
    case 'number':
    case 'bigint':
      return plainNumber(reply);
  }
  if (Array.isArray(reply)) return reply.map((item) => toPlain(item, options));
  if (reply instanceof SimpleString) return options.buffers ? Buffer.from(reply.value, 'latin1') : reply.value;
  if (reply instanceof ErrorReply) return new ReplyError(reply.message);
  if (reply instanceof MapReply) {
    const out: { [field: string]: PlainReply } = {};
    for (const [key, value] of reply.entries) out[fieldName(toPlain(key, {}))] = toPlain(value, options);
    return out;
  }
  if (reply instanceof SetReply || reply instanceof PushReply) return reply.items.map((item) => toPlain(item, options));
  if (reply instanceof PairsReply) return reply.pairs.map(([a, b]) => [toPlain(a, options), toPlain(b, options)]);
  if (reply instanceof DoubleReply) return reply.value;
  if (reply instanceof BooleanReply) return reply.value;
  if (reply instanceof BigNumberReply) return reply.value;
  if (reply instanceof VerbatimReply) return plainBytes(reply.text, options);
  if (reply instanceof NullArrayReply) return null;
  if (reply instanceof AttributeReply) return toPlain(reply.reply, options);
  throw new TypeError(`no plain form for reply ${String(reply)}`);
}

function toArgv(args: readonly CommandArgument[]): Bytes[] {
  return args.map((a) =>
    typeof a === 'string' ? bytesFromText(a) : typeof a === 'number' || typeof a === 'bigint' ? (String(a) as Bytes) : bytesFromBuffer(a),
  );
}

/** `server.command()`: runs a command as `call()` does and returns its reply as plain values; throws error replies. */
export function runCommand(server: FakeServer, args: readonly CommandArgument[], options: PlainOptions = {}): PlainReply {
  const plain = toPlain(server.call(...args), options);
  if (plain instanceof ReplyError) throw plain;
  return plain;
}

/** Runs a command on the direct client in database `db` (the client's own selection is kept). */
function runIn(server: FakeServer, db: number, args: readonly CommandArgument[], options: PlainOptions = {}): PlainReply {
  if (args.length === 0) throw new TypeError('no command');
  if (server.closed) throw new Error('the fake server is closed');
  const client = server.directClientForHelpers();
  if (client.multi !== undefined) throw new Error('the test helpers cannot run while the direct client is inside MULTI');
  const selected = client.db;
  client.db = server.db(db);
  let reply: Reply | undefined;
  try {
    reply = server.execute(client, toArgv(args));
    server.beforeSleep();
  } finally {
    if (!client.closed) client.db = selected;
  }
  const plain = toPlain(reply === undefined ? null : reply, options);
  if (plain instanceof ReplyError) throw plain;
  return plain;
}

/** A value to seed, by the type of key it makes (ioredis-mock's `data` option, plus Map for sorted sets). */
export type SeedValue =
  | string
  | number
  | bigint
  | Buffer
  | Uint8Array
  | ReadonlyArray<string | number | Buffer>
  | ReadonlySet<string | number | Buffer>
  | ReadonlyMap<string | number | Buffer, number>
  | { readonly [field: string]: string | number | Buffer }
  | null
  | undefined;

/** A key's value as the helpers read it. */
export type KeyValue =
  | string
  | Buffer
  | Array<string | Buffer>
  | Set<string | Buffer>
  | Map<string | Buffer, number>
  | { [field: string]: string | Buffer }
  | Array<[string, { [field: string]: string | Buffer }]>
  | { type: string; dump?: Buffer };

export interface DataOptions {
  /** The database; default 0. */
  db?: number;
  /** A time to live for every key written, in milliseconds. */
  ttl?: number;
}

export interface KeyOptions extends PlainOptions {
  /** The database; default 0. */
  db?: number;
}

/**
 * Writes keys from a plain object: a string, number or Buffer makes a string; an array a
 * list; a Set a set; a Map (member to score) a sorted set; any other object a hash; null or
 * undefined deletes the key. A key that exists is replaced. What getValue and snapshot
 * return is accepted too (stream entries, `{ type, dump }`), so a snapshot can be loaded.
 */
export function setData(server: FakeServer, data: Readonly<Record<string, SeedValue | KeyValue>>, options: DataOptions = {}): void {
  const db = options.db ?? 0;
  for (const [key, value] of Object.entries(data)) {
    runIn(server, db, ['DEL', key]);
    if (value === null || value === undefined) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' || value instanceof Uint8Array) {
      runIn(server, db, ['SET', key, value]);
    } else if (isStreamEntries(value)) {
      for (const [id, fields] of value) runIn(server, db, ['XADD', key, id, ...Object.entries(fields).flat()]);
    } else if (isDumped(value)) {
      if (value.dump === undefined) throw new Error(`setData: no DUMP payload for the ${value.type} at ${key}`);
      runIn(server, db, ['RESTORE', key, 0, value.dump]);
    } else if (Array.isArray(value)) {
      if (value.length > 0) runIn(server, db, ['RPUSH', key, ...(value as CommandArgument[])]);
    } else if (value instanceof Set) {
      if (value.size > 0) runIn(server, db, ['SADD', key, ...(value as Set<CommandArgument>)]);
    } else if (value instanceof Map) {
      const args: CommandArgument[] = [];
      for (const [member, score] of value as Map<CommandArgument, number>) args.push(score, member);
      if (args.length > 0) runIn(server, db, ['ZADD', key, ...args]);
    } else {
      const args = Object.entries(value as Record<string, CommandArgument>).flat();
      if (args.length > 0) runIn(server, db, ['HSET', key, ...args]);
    }
    if (options.ttl !== undefined) runIn(server, db, ['PEXPIRE', key, Math.max(1, Math.round(options.ttl))]);
  }
}

/**
 * A key's value as plain data (undefined when the key does not exist): a string (or
 * Buffer), an array for a list, a Set for a set, a Map (member to score) for a sorted set,
 * an object for a hash, `[id, fields]` entries for a stream, and `{ type, dump }` (DUMP's
 * payload, when the type has one) for any other type.
 */
export function getValue(server: FakeServer, key: CommandArgument, options: KeyOptions = {}): KeyValue | undefined {
  const db = options.db ?? 0;
  const type = runIn(server, db, ['TYPE', key]) as string;
  switch (type) {
    case 'none':
      return undefined;
    case 'string':
      return runIn(server, db, ['GET', key], options) as string | Buffer;
    case 'list':
      return runIn(server, db, ['LRANGE', key, 0, -1], options) as Array<string | Buffer>;
    case 'set':
      return new Set(runIn(server, db, ['SMEMBERS', key], options) as Array<string | Buffer>);
    case 'zset': {
      const pairs = runIn(server, db, ['ZRANGE', key, 0, -1, 'WITHSCORES'], options) as Array<[string | Buffer, number]>;
      return new Map(pairs);
    }
    case 'hash':
      return runIn(server, db, ['HGETALL', key], options) as { [field: string]: string | Buffer };
    case 'stream': {
      const entries = runIn(server, db, ['XRANGE', key, '-', '+'], options) as Array<[string, Array<string | Buffer>]>;
      return entries.map(([id, fields]) => [
        fieldName(id),
        Object.fromEntries(pairsOf(fields).map(([f, v]) => [fieldName(f), v])),
      ]) as Array<[string, { [field: string]: string | Buffer }]>;
    }
    default: {
      try {
        return { type, dump: runIn(server, db, ['DUMP', key], { buffers: true }) as Buffer };
      } catch {
        return { type };
      }
    }
  }
}

/** getValue's form of a stream: `[id, { field: value }]` entries. */
function isStreamEntries(value: unknown): value is Array<[string, Record<string, string | Buffer>]> {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && typeof e[1] === 'object' && !Buffer.isBuffer(e[1]))
  );
}

/** getValue's form of a value of another type: `{ type, dump }`. */
function isDumped(value: unknown): value is { type: string; dump?: Buffer } {
  return typeof value === 'object' && value !== null && !(value instanceof Map) && !(value instanceof Set) && Object.keys(value).every((k) => k === 'type' || k === 'dump') && typeof (value as { type?: unknown }).type === 'string' && ('dump' in value ? Buffer.isBuffer((value as { dump?: unknown }).dump) : true);
}

function pairsOf<T>(flat: readonly T[]): Array<[T, T]> {
  const out: Array<[T, T]> = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i] as T, flat[i + 1] as T]);
  return out;
}

/**
 * A key's time to live in milliseconds; null when the key has no expiry, undefined when
 * it does not exist.
 */
export function keyTtl(server: FakeServer, key: CommandArgument, options: KeyOptions = {}): number | null | undefined {
  const ms = runIn(server, options.db ?? 0, ['PTTL', key]) as number;
  return ms === -2 ? undefined : ms === -1 ? null : ms;
}

/** Every key of a database and its value (see getValue), keys as text. */
export function snapshot(server: FakeServer, options: KeyOptions = {}): Record<string, KeyValue> {
  const db = server.db(options.db ?? 0);
  const out: Record<string, KeyValue> = {};
  for (const key of [...db.keys()].sort()) {
    const value = getValue(server, Buffer.from(key, 'latin1'), options);
    if (value !== undefined) out[fieldName(plainBytes(key, {}))] = value;
  }
  return out;
}

/** Empties one database, or every database when `db` is not given. */
export function flush(server: FakeServer, db?: number): void {
  if (db !== undefined) {
    runIn(server, db, ['FLUSHDB']);
    return;
  }
  for (let index = 0; index < server.databases.length; index++) runIn(server, index, ['FLUSHDB']);
}
