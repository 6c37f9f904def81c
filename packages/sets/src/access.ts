import { type Bytes, type Client, type Database, ERR_WRONGTYPE, type ErrorReply, type RedisValue, tryParseInt64 } from '@fakeredis/core';
import type { RedisSet } from './value.js';

/** checkType: the value as a set, or WRONGTYPE. */
export function asSet(value: RedisValue): RedisSet {
  if (typeof value === 'string' || value.type !== 'set') throw ERR_WRONGTYPE;
  return value as RedisSet;
}

/** lookupKeyRead + checkType: the set at a key, undefined when absent, WRONGTYPE otherwise. */
export function readSet(client: Client, key: Bytes): RedisSet | undefined {
  return client.db.lookupTyped<RedisSet>(key, 'set', false, client);
}

/** lookupKeyWrite + checkType. */
export function writeSet(db: Database, key: Bytes): RedisSet | undefined {
  return db.lookupTyped<RedisSet>(key, 'set', true);
}

/** A keyspace event of the set class ('s') for a key of the client's database. */
export function notifySet(client: Client, event: string, key: Bytes): void {
  client.server.notifyKeyspaceEvent('s', event, key, client.db.index);
}

/** A generic ('g') keyspace event: `del` when a set command deletes a key. */
export function notifyDel(client: Client, key: Bytes): void {
  client.server.notifyKeyspaceEvent('g', 'del', key, client.db.index);
}

/** The server's seeded generator as Redis's random index: an integer in [0, n). */
export function randomIndex(client: Client): (n: number) => number {
  const random = client.server.random;
  return (n) => random.int(n);
}

const LONG_MAX = 9223372036854775807n;

/**
 * getPositiveLongFromObjectOrReply with a message: a long that is not negative, else
 * `error` (which Redis also sends for a non-integer when the command names its own).
 */
export function parsePositiveLong(arg: Bytes, error: ErrorReply): number {
  const value = tryParseInt64(arg);
  if (value === undefined || value < 0n) throw error;
  return Number(value);
}

/** getRangeLongFromObjectOrReply with its own message for both failures. */
export function parseLongInRange(arg: Bytes, min: bigint, max: bigint, error: ErrorReply): number {
  const value = tryParseInt64(arg);
  if (value === undefined || value < min || value > max) throw error;
  return Number(value);
}

export { LONG_MAX };
