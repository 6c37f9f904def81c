import type { Bytes } from '../bytes.js';
import type { ConfigStore } from '../config/store.js';
import type { Database } from '../database.js';
import type { FakeServer } from '../server.js';
import type { ValueDigest } from './digest.js';
import type { ServerProfile } from '../profile.js';

/** The type names TYPE replies with, for the built-in types and module types. */
export type RedisType = 'string' | 'list' | 'set' | 'zset' | 'hash' | 'stream' | (string & {});

/**
 * A value that is not a plain string. Each module defines its own value classes (a list,
 * a hash, a sorted set); the keyspace needs only what generic commands use.
 */
export interface RedisObject {
  readonly type: RedisType;
  /** OBJECT ENCODING's answer for this value under the current config. */
  encoding(config: ConfigStore): string;
  /** A deep copy, for COPY. */
  clone(): RedisObject;
  /**
   * MEMORY USAGE of the value (object header included), as Redis with jemalloc reports it;
   * `samples` 0 means every element; `profile` (when given) the server's version, whose
   * memoryUsage and doubleFormat decide the figure (absent: Redis 7.0's). Build it from
   * the sizes in values/memory.ts.
   */
  memoryUsage(samples: number, profile?: ServerProfile): number;
  /**
   * Redis 8.6's MEMORY USAGE of the value less its object and key (kvobjAllocSize): what
   * the type counts as it allocates (a listpack at its lpBytes). Absent: memoryUsage.
   */
  typeAllocSize?(profile: ServerProfile): number;
  /** The elements a collection holds (a list's, set's, sorted set's, hash's), for Redis 8's INFO keysizes; absent: not counted there. */
  itemCount?(): number;
  /**
   * Redis's lazyfreeGetFreeEffort: how many allocations freeing the value walks (a
   * quicklist's nodes, a hashtable's or skiplist's elements). A lazy free of a value over
   * 64 is done in the background and counted in INFO's lazyfreed_objects. Absent: 1, a
   * single allocation (listpacks, intsets, strings).
   */
  freeEffort?(): number;
  /**
   * How many dictEntry allocations the value holds (a hashtable's elements, a skiplist
   * sorted set's dict): MEMORY USAGE counts each as 24 bytes, used_memory as the 32 jemalloc
   * gives it. Absent: none.
   */
  dictEntries?(): number;
  /**
   * For a value whose sub-keys have their own TTL (hash fields): the earliest such time in
   * ms, 0 when none. The database indexes the key by it (Database.scheduleSubkeyExpiry).
   */
  nextSubkeyExpiry?(): number;
  /** Deletes the sub-keys due before `now`, with their events, and the key if that empties it. */
  expireSubkeys?(db: Database, key: Bytes, now: number): void;
  /**
   * KeyDB's member expiry (EXPIREMEMBER): true when the value holds `member` (a set's
   * member, a hash's field, a sorted set's member). A type without it refuses EXPIREMEMBER.
   */
  hasMember?(member: Bytes): boolean;
  /** KeyDB's active expiry of a member: removes it; the members left, or -1 when it was absent. */
  removeMember?(member: Bytes): number;
  /** The event KeyDB's active expiry emits once it removed members, [class, name] (a set's "srem"); none when absent. */
  readonly memberExpiryEvent?: readonly [eventClass: string, event: string];
  /**
   * For a collection of strings (a list, a set, a sorted set): its elements in the order
   * Redis's iterator yields them (a list head to tail, a set as its encoding iterates, a
   * sorted set by rank), for generic commands that read any such collection (SORT). A type
   * without it is not a collection of strings to them (SORT answers WRONGTYPE).
   */
  elements?(): Iterable<Bytes>;
  /**
   * The commands that rebuild the value at `key`, for an AOF rewrite without RDB preamble
   * (rewriteAppendOnlyFileRio's per-type rewrite: ZADD, HMSET, XADD ..., at most
   * AOF_REWRITE_ITEMS_PER_CMD elements a command), as `server`'s version writes them.
   * Absent: lists and sets are rewritten from `elements()`, anything else as RESTORE of
   * its DUMP payload.
   */
  aofRewrite?(key: Bytes, server: FakeServer): Iterable<Bytes[]>;
  /**
   * For a value with named fields (a hash): the value of `field`, undefined when it is
   * absent or (with field expiry) due at `now`. For `key->field` patterns (SORT BY / GET).
   */
  fieldValue?(field: Bytes, now: number): Bytes | undefined;
  /**
   * DEBUG DIGEST / DIGEST-VALUE: adds the value's content to `digest` as Redis's
   * xorObjectDigest does for its type (a list mixes its elements in order, a set xors
   * them, a sorted set or hash xors one digest per element ...). A module type calls the
   * module API's addStringBuffer / addLongLong / endSequence, as its digest callback
   * would. Without it only the type and the expiry count.
   */
  digest?(digest: ValueDigest): void;
  /** DEBUG OBJECT's extra fields after the common ones (a quicklist's " ql_nodes:..."). */
  debugObjectFields?(config: ConfigStore): string;
}

/** A key's value: a plain Redis string (Bytes) or a typed object. */
export type RedisValue = Bytes | RedisObject;

export function typeOf(value: RedisValue): RedisType {
  return typeof value === 'string' ? 'string' : value.type;
}
