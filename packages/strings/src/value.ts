import {
  type Bytes,
  bytesFromBuffer,
  type Client,
  type Database,
  ERR_WRONGTYPE,
  MutableString,
  type RedisValue,
} from '@fakeredis/core';

/**
 * A string value as the keyspace holds it: plain Bytes (Redis's int and embstr
 * encodings, and raw for long values) or a MutableString (raw, edited in place).
 */
export type StringValue = Bytes | MutableString;

/** The value as a string, or WRONGTYPE (Redis's checkType). */
export function asString(value: RedisValue): StringValue {
  if (typeof value === 'string' || value instanceof MutableString) return value;
  throw ERR_WRONGTYPE;
}

/** lookupKeyRead + checkType: the string at a key, undefined when absent. */
export function readString(client: Client, key: Bytes): StringValue | undefined {
  const value = client.db.lookupRead(key, client);
  return value === undefined ? undefined : asString(value);
}

/** lookupKeyWrite + checkType. */
export function readStringForWrite(db: Database, key: Bytes): StringValue | undefined {
  const value = db.lookupWrite(key);
  return value === undefined ? undefined : asString(value);
}

export function stringBytes(value: StringValue): Bytes {
  return typeof value === 'string' ? value : value.toBytes();
}

/** The bytes as a Buffer: a view for a MutableString (do not keep across writes), a copy for Bytes. */
export function stringBuffer(value: StringValue): Buffer {
  return typeof value === 'string' ? Buffer.from(value, 'latin1') : value.view();
}

/** Bytes [start, end) of the value. */
export function stringSlice(value: StringValue, start: number, end: number): Bytes {
  if (typeof value === 'string') return value.slice(start, end) as Bytes;
  return bytesFromBuffer(value.view().subarray(start, end));
}

/** True for a value Redis would report as "raw" and may edit in place. */
function isRaw(value: StringValue): boolean {
  return typeof value !== 'string' && value.constructor === MutableString;
}

/**
 * Redis's dbUnshareStringValue: before an in-place edit, a value that is not a private
 * raw string is replaced by a raw copy. The replacement is silent (no WATCH signal, TTL
 * kept), as dbOverwrite is; the caller signals if it then changes the bytes.
 */
export function unshareString(db: Database, key: Bytes, value: StringValue): MutableString {
  if (isRaw(value)) return value as MutableString;
  const raw = new MutableString(typeof value === 'string' ? value : value.view());
  replaceValueSilently(db, key, raw);
  return raw;
}

/** Swaps the value object of an existing key without signalling or touching its TTL. */
export function replaceValueSilently(db: Database, key: Bytes, value: RedisValue): void {
  const entry = db.entry(key);
  if (entry !== undefined) entry.value = value;
}

/** Notifies a keyspace event for a key of the client's database. */
export function notify(client: Client, eventClass: '$' | 'g', event: string, key: Bytes): void {
  client.server.notifyKeyspaceEvent(eventClass, event, key, client.db.index);
}

