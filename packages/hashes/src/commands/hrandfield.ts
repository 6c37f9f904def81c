import {
  type Bytes,
  type Client,
  type CommandHandler,
  ERR_SYNTAX,
  ERR_VALUE_OUT_OF_RANGE,
  ErrorReply,
  errValueMustBetween,
  PairsReply,
  parseInt64,
  type Reply,
  isToken,
} from '@fakeredis/core';
import { type HashValue, hashType } from '../value/hash-value.js';

const LONG_MAX = 9223372036854775807n;
/** Redis would build replies of any size; the fake refuses ones it cannot hold. */
const MAX_REPLY_ELEMENTS = 1 << 24;
const ERR_TOO_MANY = new ErrorReply(`ERR HRANDFIELD count is limited to ${MAX_REPLY_ELEMENTS} in fakeredis`);
/** Below this many requested fields per hash field, pick at random rather than subtract. */
const SUB_STRATEGY_MUL = 3;

/**
 * The hash for HRANDFIELD, its expired fields deleted first (hashTypeExpireIfNeeded);
 * undefined when absent or emptied that way.
 */
function liveHash(client: Client, key: Bytes): HashValue | undefined {
  const hash = hashType.read(client, key);
  if (hash === undefined || hash.expireSubkeys(client.db, key, client.server.now())) return undefined;
  return hash;
}

/** HRANDFIELD key [count [WITHVALUES]]. */
export const HRANDFIELD: CommandHandler = (client, argv) => {
  const key = argv[1] as Bytes;
  if (argv.length >= 3) {
    const count = parseInt64(argv[2] as Bytes);
    if (count < -LONG_MAX) throw errValueMustBetween(-LONG_MAX, LONG_MAX);
    if (argv.length > 4 || (argv.length === 4 && !isToken(argv[3], 'WITHVALUES'))) throw ERR_SYNTAX;
    const withValues = argv.length === 4;
    if (withValues && (count < -LONG_MAX / 2n || count > LONG_MAX / 2n)) throw ERR_VALUE_OUT_OF_RANGE;
    return withCount(client, key, count, withValues);
  }
  const hash = liveHash(client, key);
  if (hash === undefined) return null;
  return pickOne(client, hash);
};

function random(client: Client): () => number {
  return () => client.server.random.next();
}

/** One uniformly random field: O(1) on a hash table, a listpack walk otherwise. */
function pickOne(client: Client, hash: HashValue, list?: Bytes[]): Bytes {
  const field = hash.randomField(random(client));
  if (field !== undefined) return field;
  const fields = list ?? hash.fieldList();
  return fields[client.server.random.int(fields.length)] as Bytes;
}

function withCount(client: Client, key: Bytes, count: bigint, withValues: boolean): Reply {
  const hash = liveHash(client, key);
  if (hash === undefined || count === 0n) return [];
  const unique = count > 0n;
  const size = hash.size;
  // Unique picks stop at the whole hash; repeated picks are as many as asked.
  const wanted = unique ? (count > BigInt(size) ? BigInt(size) : count) : -count;
  if (wanted > BigInt(MAX_REPLY_ELEMENTS)) throw ERR_TOO_MANY;
  const n = Number(wanted);
  const reply = (fields: Bytes[]): Reply => {
    if (!withValues) return fields;
    return new PairsReply(fields.map((field) => [field, hash.get(field)?.value ?? null] as [Reply, Reply]));
  };

  // CASE 1: repeats allowed (negative count) or a single pick: independent draws.
  if (!unique || n === 1) {
    const list = hash.currentEncoding === 'hashtable' ? undefined : hash.fieldList();
    const picks: Bytes[] = [];
    for (let i = 0; i < n; i++) picks.push(pickOne(client, hash, list));
    return reply(picks);
  }
  // CASE 2: the whole hash, in its order.
  if (n >= size) return reply(hash.fieldList());
  const rnd = random(client);
  if (hash.currentEncoding !== 'hashtable') {
    const fields = hash.fieldList();
    // Small encodings: unique picks in the hash's order (always from 7.2, #12205; in 7.0
    // only when the hash is large next to the count, else in no particular order).
    if (client.server.versionAtLeast('7.2.0') || n * SUB_STRATEGY_MUL <= size) return reply(orderedSample(fields, n, rnd));
    return reply(shuffledSample(fields, n, rnd));
  }
  // CASE 3: the count is close to the size: keep a random subset of all the fields.
  if (n * SUB_STRATEGY_MUL > size) return reply(shuffledSample(hash.fieldList(), n, rnd));
  // CASE 4: a big hash: draw until enough distinct fields, without copying the hash.
  const seen = new Set<Bytes>();
  const picks: Bytes[] = [];
  while (picks.length < n) {
    const field = hash.randomField(rnd) as Bytes;
    if (seen.has(field)) continue;
    seen.add(field);
    picks.push(field);
  }
  return reply(picks);
}

/** `n` distinct elements in their original order (selection sampling, lpRandomPairsUnique). */
function orderedSample(items: Bytes[], n: number, rnd: () => number): Bytes[] {
  const out: Bytes[] = [];
  for (let i = 0; i < items.length && out.length < n; i++) {
    if (rnd() * (items.length - i) < n - out.length) out.push(items[i] as Bytes);
  }
  return out;
}

/** `n` distinct elements in random order (a partial Fisher-Yates shuffle of a copy). */
function shuffledSample(items: Bytes[], n: number, rnd: () => number): Bytes[] {
  const pool = items.slice();
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rnd() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j] as Bytes, pool[i] as Bytes];
  }
  return pool.slice(0, n);
}
