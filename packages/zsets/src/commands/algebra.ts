import {
  type Bytes,
  type Client,
  type CommandHandler,
  ERR_LIMIT_NEGATIVE,
  ERR_SYNTAX,
  ERR_WRONGTYPE,
  isToken,
  parseDouble,
  parseInteger,
  type RedisValue,
  tryParseInt64,
} from '@fakeredis/core';
import { ERR_WEIGHT_NOT_FLOAT, errAtLeastOneInputKey } from '../errors.js';
import { rangeReply } from '../replies.js';
import { storeZset } from '../store.js';
import { SortedSet, zsetType } from '../value.js';

type Operation = 'union' | 'inter' | 'diff';
type Aggregate = 'sum' | 'min' | 'max';

/**
 * What ZUNION and friends need of a plain set (RedisSet of @fakeredis/sets), read
 * structurally so this package does not depend on that one: its members count 1 each.
 */
interface PlainSet {
  readonly type: 'set';
  readonly size: number;
  has(member: Bytes): boolean;
  members(): Iterable<Bytes>;
}

/** One input (zsetopsrc): a zset, a plain set, or nothing (a missing key), with its weight. */
class Source {
  weight = 1;
  constructor(readonly value: SortedSet | PlainSet | undefined) {}

  get size(): number {
    return this.value?.size ?? 0;
  }

  /** The member's score (1 for a set member), undefined when absent (zuiFind). */
  find(member: Bytes): number | undefined {
    const value = this.value;
    if (value === undefined) return undefined;
    if (value instanceof SortedSet) return value.score(member);
    return value.has(member) ? 1 : undefined;
  }

  /** Every [member, score], a zset from its highest element down as Redis's zuiNext walks it. */
  *entries(): IterableIterator<[Bytes, number]> {
    const value = this.value;
    if (value === undefined) return;
    if (value instanceof SortedSet) yield* value.entries(true);
    else for (const member of value.members()) yield [member, 1];
  }
}

function asSource(value: RedisValue | undefined): Source {
  if (value === undefined) return new Source(undefined);
  if (zsetType.is(value)) return new Source(value);
  if (typeof value === 'string' || value.type !== 'set') throw ERR_WRONGTYPE;
  return new Source(value as unknown as PlainSet);
}

/** zunionInterAggregate: a sum of +inf and -inf is 0, as Redis keeps it. */
function aggregate(target: number, value: number, how: Aggregate): number {
  if (how === 'sum') {
    const sum = target + value;
    return Number.isNaN(sum) ? 0 : sum;
  }
  if (how === 'min') return value < target ? value : target;
  return value > target ? value : target;
}

/** A weighted score; inf * 0 is 0, as Redis keeps it. */
function weighted(score: number, weight: number): number {
  const value = score * weight;
  return Number.isNaN(value) ? 0 : value;
}

interface Parsed {
  sources: Source[];
  how: Aggregate;
  withScores: boolean;
  limit: number;
}

/**
 * zunionInterDiffGenericCommand's parsing: numkeys, the keys (looked up and type-checked
 * at once, before the options), then WEIGHTS / AGGREGATE (not for ZDIFF or ZINTERCARD),
 * WITHSCORES (not for a STORE or ZINTERCARD), LIMIT (ZINTERCARD only).
 */
function parse(client: Client, argv: Bytes[], numkeysIndex: number, operation: Operation, store: boolean, cardinalityOnly: boolean): Parsed {
  const numkeys = parseInteger(argv[numkeysIndex] as Bytes);
  const name = (argv[0] as Bytes).toLowerCase();
  if (numkeys < 1) throw errAtLeastOneInputKey(name);
  if (numkeys > argv.length - (numkeysIndex + 1)) throw ERR_SYNTAX;
  const db = client.db;
  const sources: Source[] = [];
  let j = numkeysIndex + 1;
  for (let i = 0; i < numkeys; i++, j++) {
    const key = argv[j] as Bytes;
    // Sources are read even when the result is stored (keymiss, keyspace_misses), as in Redis 7.0.
    sources.push(asSource(db.lookupRead(key, client)));
  }
  let how: Aggregate = 'sum';
  let withScores = false;
  let limit = 0;
  while (j < argv.length) {
    const arg = argv[j] as Bytes;
    const remaining = argv.length - j;
    if (operation !== 'diff' && !cardinalityOnly && remaining >= numkeys + 1 && isToken(arg, 'WEIGHTS')) {
      j++;
      for (const source of sources) source.weight = parseDouble(argv[j++] as Bytes, ERR_WEIGHT_NOT_FLOAT);
    } else if (operation !== 'diff' && !cardinalityOnly && remaining >= 2 && isToken(arg, 'AGGREGATE')) {
      const kind = argv[j + 1] as Bytes;
      if (isToken(kind, 'SUM')) how = 'sum';
      else if (isToken(kind, 'MIN')) how = 'min';
      else if (isToken(kind, 'MAX')) how = 'max';
      else throw ERR_SYNTAX;
      j += 2;
    } else if (!store && !cardinalityOnly && isToken(arg, 'WITHSCORES')) {
      withScores = true;
      j++;
    } else if (cardinalityOnly && remaining >= 2 && isToken(arg, 'LIMIT')) {
      const value = tryParseInt64(argv[j + 1] as Bytes);
      if (value === undefined || value < 0n) throw ERR_LIMIT_NEGATIVE;
      limit = Number(value);
      j += 2;
    } else {
      throw ERR_SYNTAX;
    }
  }
  return { sources, how, withScores, limit };
}

/** The intersection (walking the smallest input), or its size only, up to `limit`. */
function intersect(sources: Source[], how: Aggregate, result: SortedSet | undefined, limit: number): number {
  const first = sources[0] as Source;
  if (first.size === 0) return 0;
  let cardinality = 0;
  for (const [member, score] of first.entries()) {
    let total = weighted(score, first.weight);
    let inAll = true;
    for (let k = 1; k < sources.length; k++) {
      const other = sources[k] as Source;
      const found = other.value === first.value ? score : other.find(member);
      if (found === undefined) {
        inAll = false;
        break;
      }
      // Unlike the first input's, these products are not turned from NaN to 0: a NaN
      // (inf * 0) loses every MIN / MAX comparison and makes a SUM 0.
      total = aggregate(total, found * other.weight, how);
    }
    if (!inAll) continue;
    cardinality++;
    if (result !== undefined) result.set(member, total);
    else if (limit !== 0 && cardinality >= limit) break;
  }
  return cardinality;
}

/** The union: scores aggregated input by input, in the order the inputs were sorted. */
function union(sources: Source[], how: Aggregate, result: SortedSet): void {
  const accumulator = new Map<Bytes, number>();
  for (const source of sources) {
    for (const [member, score] of source.entries()) {
      const value = weighted(score, source.weight);
      const existing = accumulator.get(member);
      accumulator.set(member, existing === undefined ? value : aggregate(existing, value, how));
    }
  }
  for (const [member, score] of accumulator) result.set(member, score);
}

/** The difference: the first input's members in none of the others, with their own scores. */
function difference(sources: Source[], result: SortedSet): void {
  const [first, ...others] = sources as [Source, ...Source[]];
  if (first.size === 0) return;
  for (const [member, score] of first.entries()) {
    if (others.some((other) => other.value === first.value || other.find(member) !== undefined)) continue;
    result.set(member, score);
  }
}

/**
 * zunionInterDiffGenericCommand: ZUNION, ZINTER, ZDIFF and their STORE forms (ZINTERCARD
 * shares its parsing and the intersection).
 */
function zunionInterDiffGeneric(
  client: Client,
  argv: Bytes[],
  numkeysIndex: number,
  operation: Operation,
  destination?: Bytes,
): ReturnType<CommandHandler> {
  const { sources, how, withScores } = parse(client, argv, numkeysIndex, operation, destination !== undefined, false);
  // Smallest input first (a stable sort, as glibc's merge-sorting qsort is), except for ZDIFF.
  const ordered = operation === 'diff' ? sources : sources.slice().sort((a, b) => a.size - b.size);
  const result = new SortedSet('skiplist');
  if (operation === 'inter') intersect(ordered, how, result, 0);
  else if (operation === 'union') union(ordered, how, result);
  else difference(ordered, result);
  if (destination !== undefined) return storeZset(client, destination, result, `z${operation}store`);
  return rangeReply(result.entries(), withScores);
}

export const ZUNION: CommandHandler = (client, argv) => zunionInterDiffGeneric(client, argv, 1, 'union');
export const ZINTER: CommandHandler = (client, argv) => zunionInterDiffGeneric(client, argv, 1, 'inter');
export const ZDIFF: CommandHandler = (client, argv) => zunionInterDiffGeneric(client, argv, 1, 'diff');
export const ZUNIONSTORE: CommandHandler = (client, argv) => zunionInterDiffGeneric(client, argv, 2, 'union', argv[1] as Bytes);
export const ZINTERSTORE: CommandHandler = (client, argv) => zunionInterDiffGeneric(client, argv, 2, 'inter', argv[1] as Bytes);
export const ZDIFFSTORE: CommandHandler = (client, argv) => zunionInterDiffGeneric(client, argv, 2, 'diff', argv[1] as Bytes);

/** ZINTERCARD numkeys key [key ...] [LIMIT limit] */
export const ZINTERCARD: CommandHandler = (client, argv) => {
  const { sources, limit } = parse(client, argv, 1, 'inter', false, true);
  const ordered = sources.slice().sort((a, b) => a.size - b.size);
  return intersect(ordered, 'sum', undefined, limit);
};
