import {
  type Bytes,
  bytesFromBuffer,
  type Client,
  type Database,
  ERR_WRONGTYPE,
  MutableString,
  type RedisType,
  type RedisValue,
} from '@fakeredis/core';

/**
 * A string value as the keyspace holds it: plain Bytes (Redis's int and embstr
 * encodings, and raw for long values) or a MutableString (raw, edited in place).
 */
export type StringValue = Bytes | MutableString;

/**
 * The string type's keyspace access, in the shape of core's ValueType (`is`, `check`,
 * `read`, `write`, `notify`). Strings are plain Bytes or core's MutableString rather than
 * a RedisObject class of their own, so defineValueType does not fit them; every string
 * lookup and type check of this package goes through here (HyperLogLogs are strings too).
 */
class StringType {
  readonly name: RedisType = 'string';
  /** The keyspace-event class of the string commands. */
  readonly eventClass = '$';

  /** True when the value is a string. */
  is(value: RedisValue | undefined): value is StringValue {
    return typeof value === 'string' || value instanceof MutableString;
  }

  /** checkType: the value as a string, or WRONGTYPE. */
  check(value: RedisValue): StringValue {
    if (this.is(value)) return value;
    throw ERR_WRONGTYPE;
  }

  /** lookupKeyRead + checkType: undefined when the key is absent, WRONGTYPE for another type. */
  read(client: Client, key: Bytes): StringValue | undefined {
    const value = client.db.lookupRead(key, client);
    return value === undefined ? undefined : this.check(value);
  }

  /** lookupKeyWrite + checkType. */
  write(db: Database, key: Bytes): StringValue | undefined {
    const value = db.lookupWrite(key);
    return value === undefined ? undefined : this.check(value);
  }

  /** A keyspace event of the string class ('$') for a key of `db`. */
  notify(db: Database, event: string, key: Bytes): void {
    db.server.notifyKeyspaceEvent(this.eventClass, event, key, db.index);
  }
}

export const stringType = new StringType();

export function stringBytes(value: StringValue): Bytes {
  return typeof value === 'string' ? value : value.toBytes();
}

/** The bytes as a Buffer: a view for a MutableString (do not keep across writes), a copy for Bytes. */
export function stringBuffer(value: StringValue): Buffer {
  return typeof value === 'string' ? Buffer.from(value, 'latin1') : value.view();
}

/** The bytes for reading only: the Bytes themselves, or a MutableString's view (do not keep across writes). */
export function stringSource(value: StringValue): string | Uint8Array {
  return typeof value === 'string' ? value : value.view();
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

/**
 * Swaps the value object of an existing key without signalling or touching its TTL. A new
 * object (Redis 8.2+'s kvobj) has room for an expiry only when the key has one.
 */
export function replaceValueSilently(db: Database, key: Bytes, value: RedisValue): void {
  const entry = db.entry(key);
  if (entry === undefined) return;
  entry.value = value;
  entry.expirySlot = entry.expiresAt !== 0;
}

