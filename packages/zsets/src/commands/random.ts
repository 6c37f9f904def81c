import {
  type Bytes,
  type Client,
  type CommandHandler,
  ERR_SYNTAX,
  ERR_VALUE_OUT_OF_RANGE,
  ErrorReply,
  errValueMustBetween,
  isToken,
  parseInt64,
  type Reply,
} from '@fakeredis/core';
import { rangeReply } from '../replies.js';
import { type SortedSet, zsetType } from '../value.js';

const LONG_MAX = 9223372036854775807n;
/** Below this many requested members per member, pick at random rather than subtract. */
const SUB_STRATEGY_MUL = 3;
/**
 * A negative count repeats members, so the reply has no bound; Redis builds whatever is
 * asked until memory runs out (or the process dies). The fake refuses past this many.
 */
export const MAX_RANDOM_MEMBERS = 1 << 24;
const ERR_TOO_MANY = new ErrorReply(`ERR ZRANDMEMBER count is limited to ${MAX_RANDOM_MEMBERS} in fakeredis`);

/** ZRANDMEMBER key [count [WITHSCORES]] */
export const ZRANDMEMBER: CommandHandler = (client, argv) => {
  const key = argv[1] as Bytes;
  if (argv.length >= 3) {
    const count = parseInt64(argv[2] as Bytes);
    if (count < -LONG_MAX) throw errValueMustBetween(-LONG_MAX, LONG_MAX);
    if (argv.length > 4 || (argv.length === 4 && !isToken(argv[3] as Bytes, 'WITHSCORES'))) throw ERR_SYNTAX;
    const withScores = argv.length === 4;
    if (withScores && (count < -LONG_MAX / 2n || count > LONG_MAX / 2n)) throw ERR_VALUE_OUT_OF_RANGE;
    return zrandmemberWithCount(client, key, count, withScores);
  }
  const zset = zsetType.read(client, key);
  return zset === undefined ? null : (zset.random(randomIndex(client))[0] as Bytes);
};

function randomIndex(client: Client): (n: number) => number {
  const random = client.server.random;
  return (n) => random.int(n);
}

/** zrandmemberWithCountCommand's cases, as Redis picks them. */
function zrandmemberWithCount(client: Client, key: Bytes, count: bigint, withScores: boolean): Reply {
  const zset = zsetType.read(client, key);
  if (zset === undefined || count === 0n) return [];
  const unique = count > 0n;
  const n = unique ? count : -count;
  const size = zset.size;
  const random = randomIndex(client);
  // CASE 1: repeats allowed (or a single pick): independent draws.
  if (!unique || n === 1n) {
    if (n > BigInt(MAX_RANDOM_MEMBERS)) throw ERR_TOO_MANY;
    const picks: Array<[Bytes, number]> = [];
    for (let i = 0; i < Number(n); i++) picks.push(zset.random(random));
    return rangeReply(picks, withScores);
  }
  // CASE 2: the whole zset, walked from its highest element as Redis's iterator does.
  if (n >= BigInt(size)) return rangeReply(zset.entries(true), withScores);
  const wanted = Number(n);
  // A listpack is sampled in one ordered pass (in 7.0 only when the count is small next to the size).
  if (zset.encoding() === 'listpack' && (client.server.versionAtLeast('7.2.0') || wanted * SUB_STRATEGY_MUL <= size)) {
    return rangeReply(orderedSample(zset, wanted, random), withScores);
  }
  // CASE 3: the count is close to the size: keep a random subset.
  if (wanted * SUB_STRATEGY_MUL > size) return rangeReply(shuffledSample([...zset.entries()], wanted, random), withScores);
  // CASE 4: a big zset: draw until enough distinct members, without copying it.
  const seen = new Set<Bytes>();
  const picks: Array<[Bytes, number]> = [];
  while (picks.length < wanted) {
    const entry = zset.random(random);
    if (seen.has(entry[0])) continue;
    seen.add(entry[0]);
    picks.push(entry);
  }
  return rangeReply(picks, withScores);
}

/** `n` distinct elements in ascending order (selection sampling, lpRandomPairsUnique). */
function orderedSample(zset: SortedSet, n: number, random: (n: number) => number): Array<[Bytes, number]> {
  const out: Array<[Bytes, number]> = [];
  let left = zset.size;
  for (const entry of zset.entries()) {
    if (out.length === n) break;
    if (random(left) < n - out.length) out.push(entry);
    left--;
  }
  return out;
}

/** `n` distinct elements in random order (a partial Fisher-Yates shuffle of a copy). */
function shuffledSample<T>(items: T[], n: number, random: (n: number) => number): T[] {
  for (let i = 0; i < n; i++) {
    const j = i + random(items.length - i);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items.slice(0, n);
}
