import {
  type Bytes,
  type Client,
  type CommandHandler,
  ERR_LIMIT_NEGATIVE,
  ERR_NUMKEYS_NOT_POSITIVE,
  ERR_SYNTAX,
  freeObjAsync,
  INT64_MAX,
  isToken,
  type Reply,
  SetReply,
} from '@fakeredis/core';
import { parseLongInRange, parsePositiveLong } from '../args.js';
import { ERR_NUMKEYS_OVER_ARGS } from '../errors.js';
import { type SetLimits, setLimits } from '../limits.js';
import { isIntegerMember, RedisSet, setType } from '../value.js';

/** Looks the keys up in order (lookupKeyRead); the first of another type is WRONGTYPE. */
function lookupAll(client: Client, keys: readonly Bytes[]): Array<RedisSet | undefined> {
  return keys.map((key) => setType.read(client, key));
}

/** *STORE's ending (setType.store); the number of members stored. */
function store(client: Client, destination: Bytes, result: RedisSet, event: string): number {
  setType.store(client.db, destination, result, event);
  return result.size;
}

interface IntersectionOptions {
  destination?: Bytes;
  /** SINTERCARD: count only, stopping at `limit` (0 = no limit). */
  cardinalityOnly?: boolean;
  limit?: number;
}

/**
 * SINTER, SINTERSTORE, SINTERCARD and SMEMBERS (sinterGenericCommand): the smallest set
 * is walked and each member looked up in the others, O(N*M) at worst.
 */
function sinterGeneric(client: Client, keys: readonly Bytes[], options: IntersectionOptions): Reply {
  const sets = lookupAll(client, keys);
  const { destination, cardinalityOnly = false, limit = 0 } = options;
  if (sets.some((set) => set === undefined)) {
    // An empty set (a missing key) empties the intersection (and deletes the destination).
    if (destination !== undefined) return store(client, destination, new RedisSet('intset'), 'sinterstore');
    return cardinalityOnly ? 0 : new SetReply([]);
  }
  // Smallest first; a stable sort, as glibc's qsort (a merge sort) is for equal sizes.
  const ordered = (sets as RedisSet[]).slice().sort((a, b) => a.size - b.size);
  const first = ordered[0] as RedisSet;
  const others = ordered.slice(1).filter((set) => set !== first);
  const limits = setLimits(client.server);
  const result = destination === undefined ? undefined : intersectionTarget(first, limits);
  const found: Bytes[] = [];
  let cardinality = 0;
  let onlyIntegers = true;
  for (const member of first.members()) {
    if (!others.every((set) => set.has(member))) continue;
    if (cardinalityOnly) {
      cardinality++;
      if (limit !== 0 && cardinality >= limit) break;
    } else if (result === undefined) {
      found.push(member);
    } else {
      if (onlyIntegers && !isIntegerMember(member)) onlyIntegers = false;
      result.add(member, limits);
    }
  }
  if (cardinalityOnly) return cardinality;
  if (result === undefined) return new SetReply(found);
  // Redis 7.2 turns an all-integer result back into an intset when it fits.
  if (limits.listpack !== undefined && onlyIntegers && result.size > 0) result.convertToIntsetIfSmall(limits);
  return store(client, destination as Bytes, result, 'sinterstore');
}

/** SINTERSTORE's empty result set: an intset in 7.0; 7.2 starts from the first set's kind. */
function intersectionTarget(first: RedisSet, limits: SetLimits): RedisSet {
  if (limits.listpack === undefined) return new RedisSet('intset');
  return new RedisSet(first.encoding() === 'intset' ? 'intset' : 'listpack');
}

type SetOperation = 'union' | 'diff';

/**
 * SUNION, SDIFF and their STORE forms (sunionDiffGenericCommand). The result is built
 * from an empty intset member by member, so its encoding (and, for an intset, its order)
 * is what Redis's is. SDIFF picks Redis's algorithm for the same input: walking the
 * first set (O(N*M)) or adding it all and removing the others (O(total)).
 */
export function sunionDiffGeneric(client: Client, keys: readonly Bytes[], operation: SetOperation): RedisSet {
  return combine(lookupAll(client, keys), operation, setLimits(client.server));
}

/** The union or difference of sets already looked up. */
function combine(input: Array<RedisSet | undefined>, operation: SetOperation, limits: SetLimits): RedisSet {
  const sets = input.slice();
  const first = sets[0];
  const sameSet = sets.some((set, j) => j > 0 && set !== undefined && set === first);
  const result = new RedisSet('intset');
  if (operation === 'union') {
    for (const set of sets) {
      if (set !== undefined) for (const member of set.members()) result.add(member, limits);
    }
    return result;
  }
  if (first === undefined || sameSet) return result;
  if (diffAlgorithm(sets as Array<RedisSet | undefined>, first) === 1) {
    // The others by decreasing size, so a member is found in one of them sooner.
    const others = sets.slice(1).sort((a, b) => (b?.size ?? 0) - (a?.size ?? 0));
    for (const member of first.members()) {
      if (!others.some((set) => set !== undefined && set.has(member))) result.add(member, limits);
    }
    return result;
  }
  for (const [j, set] of sets.entries()) {
    if (set === undefined) continue;
    for (const member of set.members()) {
      if (j === 0) result.add(member, limits);
      else result.remove(member);
    }
    if (result.size === 0) break;
  }
  return result;
}

/** Redis's estimate of each SDIFF algorithm's work, with algorithm 1 given a 2x advantage. */
function diffAlgorithm(sets: Array<RedisSet | undefined>, first: RedisSet): 1 | 2 {
  let one = 0;
  let two = 0;
  for (const set of sets) {
    if (set === undefined) continue;
    one += first.size;
    two += set.size;
  }
  return Math.floor(one / 2) <= two ? 1 : 2;
}

// ---- handlers -------------------------------------------------------------------------

export const SINTER: CommandHandler = (client, argv) => sinterGeneric(client, argv.slice(1), {});

/** SMEMBERS is SINTER of one key in Redis (same reply, same empty set for a missing key). */
export const SMEMBERS: CommandHandler = (client, argv) => sinterGeneric(client, argv.slice(1, 2), {});

export const SINTERSTORE: CommandHandler = (client, argv) =>
  sinterGeneric(client, argv.slice(2), { destination: argv[1] as Bytes });

/** SINTERCARD numkeys key [key ...] [LIMIT limit] */
export const SINTERCARD: CommandHandler = (client, argv) => {
  const numkeys = parseLongInRange(argv[1] as Bytes, 1n, INT64_MAX, ERR_NUMKEYS_NOT_POSITIVE);
  if (numkeys > argv.length - 2) throw ERR_NUMKEYS_OVER_ARGS;
  let limit = 0;
  for (let j = 2 + numkeys; j < argv.length; j++) {
    const moreArgs = argv.length - 1 - j;
    if (isToken(argv[j] as Bytes, 'LIMIT') && moreArgs > 0) {
      j++;
      limit = parsePositiveLong(argv[j] as Bytes, ERR_LIMIT_NEGATIVE);
    } else {
      throw ERR_SYNTAX;
    }
  }
  return sinterGeneric(client, argv.slice(2, 2 + numkeys), { cardinalityOnly: true, limit });
};

function replyOf(set: RedisSet): SetReply {
  return new SetReply([...set.members()]);
}

/** The reply of SUNION / SDIFF; the result set is then freed, lazily under lazyfree-lazy-server-del (lazyfreed_objects). */
function replyAndFree(client: Client, set: RedisSet): SetReply {
  const reply = replyOf(set);
  if (client.server.config.getBoolean('lazyfree-lazy-server-del')) freeObjAsync(client.server, set);
  return reply;
}

export const SUNION: CommandHandler = (client, argv) => replyAndFree(client, sunionDiffGeneric(client, argv.slice(1), 'union'));
export const SDIFF: CommandHandler = (client, argv) => replyAndFree(client, sunionDiffGeneric(client, argv.slice(1), 'diff'));

export const SUNIONSTORE: CommandHandler = (client, argv) =>
  store(client, argv[1] as Bytes, sunionDiffGeneric(client, argv.slice(2), 'union'), 'sunionstore');

export const SDIFFSTORE: CommandHandler = (client, argv) =>
  store(client, argv[1] as Bytes, sunionDiffGeneric(client, argv.slice(2), 'diff'), 'sdiffstore');
