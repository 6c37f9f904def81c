import {
  type Bytes,
  type Client,
  type CommandHandler,
  type Database,
  DoubleReply,
  ERR_OUT_OF_RANGE_POSITIVE,
  ERR_SYNTAX,
  isToken,
  NULL_ARRAY,
  PairsReply,
  parseBlockTimeout,
  popOrBlock,
  type Reply,
  tryParseInt64,
  type MultiPopArgs,
  parseMultiPopArgs,
} from '@fakeredis/core';
import { type SortedSet, zsetType } from '../value.js';

type Where = 'min' | 'max';

/** The value types whose arrival serves a client blocked by a zset pop. */
const ZSET_ONLY = [zsetType.name];

/** The first key holding a zset (lookupKeyWrite in order); another type first is WRONGTYPE. */
function firstZset(db: Database, keys: readonly Bytes[], client?: Client): { key: Bytes; value: SortedSet } | undefined {
  for (const key of keys) {
    const value = zsetType.write(db, key, client);
    if (value !== undefined) return { key, value };
  }
  return undefined;
}

/**
 * Pops up to `count` elements from one end (genericZpopCommand's work): keyspace events
 * `zpopmin`/`zpopmax`, then `del` if the zset emptied.
 */
function popElements(client: Client, db: Database, key: Bytes, zset: SortedSet, where: Where, count: number): Array<[Bytes, number]> {
  const popped: Array<[Bytes, number]> = [];
  const n = Math.min(count, zset.size);
  for (let i = 0; i < n; i++) {
    const entry = (where === 'min' ? zset.first() : zset.last()) as [Bytes, number];
    zset.delete(entry[0]);
    popped.push(entry);
  }
  zsetType.notify(db, where === 'min' ? 'zpopmin' : 'zpopmax', key);
  db.signalModifiedKey(key);
  zsetType.deleteIfEmpty(db, key, zset);
  // server.dirty++ per element popped.
  client.server.addDirty(n);
  return popped;
}

function pairs(popped: Array<[Bytes, number]>): PairsReply {
  return new PairsReply(popped.map(([member, score]) => [member, new DoubleReply(score)] as [Reply, Reply]));
}

function flat(popped: Array<[Bytes, number]>): Reply[] {
  const reply: Reply[] = [];
  for (const [member, score] of popped) reply.push(member, new DoubleReply(score));
  return reply;
}

/**
 * genericZpopCommand: ZPOPMIN / ZPOPMAX key [count], without a count a flat [member,
 * score]; with one, pairs (nested in RESP3). A missing key or count 0 gives an empty array.
 */
function zpopGeneric(where: Where): CommandHandler {
  return (client, argv) => {
    if (argv.length > 3) throw ERR_SYNTAX;
    let count = -1;
    if (argv.length === 3) {
      const parsed = tryParseInt64(argv[2] as Bytes);
      if (parsed === undefined || parsed < 0n) throw ERR_OUT_OF_RANGE_POSITIVE;
      count = Number(parsed);
    }
    const db = client.db;
    const key = argv[1] as Bytes;
    const zset = zsetType.write(db, key, client);
    if (zset === undefined || count === 0) return [];
    const popped = popElements(client, db, key, zset, where, count === -1 ? 1 : count);
    return count === -1 ? flat(popped) : pairs(popped);
  };
}

export const ZPOPMIN = zpopGeneric('min');
export const ZPOPMAX = zpopGeneric('max');

/** MIN or MAX. */
function parseWhere(arg: Bytes): Where {
  if (isToken(arg, 'MIN')) return 'min';
  if (isToken(arg, 'MAX')) return 'max';
  throw ERR_SYNTAX;
}

/** [B]ZMPOP's `numkeys key [key ...] MIN|MAX [COUNT count]` from `numkeysIndex`. */
function parseMpop(argv: Bytes[], numkeysIndex: number): MultiPopArgs<Where> {
  return parseMultiPopArgs(argv, numkeysIndex, parseWhere);
}

/** ZMPOP's reply: [key, [[member, score], ...]], nested in RESP2 too. */
function mpopReply(client: Client, db: Database, key: Bytes, zset: SortedSet, where: Where, count: number): Reply {
  const popped = popElements(client, db, key, zset, where, count);
  return [key, popped.map(([member, score]): Reply => [member, new DoubleReply(score)])];
}

/** ZMPOP numkeys key [key ...] MIN|MAX [COUNT count]: a null array when every key is empty. */
export const ZMPOP: CommandHandler = (client, argv) => {
  const { keys, where, count } = parseMpop(argv, 1);
  const found = firstZset(client.db, keys, client);
  if (found === undefined) return NULL_ARRAY;
  return mpopReply(client, client.db, found.key, found.value, where, count);
};

/** The zset a blocked client is served from, or undefined when the key holds none. */
function servingZset(db: Database, key: Bytes): SortedSet | undefined {
  const value = db.lookupWrite(key);
  return zsetType.is(value) && value.size > 0 ? value : undefined;
}

/**
 * blockingGenericZpopCommand: the timeout first, then the first key holding a zset is
 * popped at once; with none the client waits (or, where blocking is denied, gets the
 * timeout's null array).
 */
function blockingZpopGeneric(
  client: Client,
  keys: Bytes[],
  timeoutArg: Bytes,
  pop: (db: Database, key: Bytes, zset: SortedSet) => Reply,
): ReturnType<CommandHandler> {
  const deadline = parseBlockTimeout(client, timeoutArg);
  return popOrBlock(client, {
    keys,
    valueTypes: ZSET_ONLY,
    deadline,
    ready: () => firstZset(client.db, keys, client),
    serving: servingZset,
    pop,
  });
}

/** BZPOPMIN / BZPOPMAX key [key ...] timeout: [key, member, score]. */
function bzpopGeneric(where: Where): CommandHandler {
  return (client, argv) =>
    blockingZpopGeneric(client, argv.slice(1, -1), argv[argv.length - 1] as Bytes, (db, key, zset) => [
      key,
      ...flat(popElements(client, db, key, zset, where, 1)),
    ]);
}

export const BZPOPMIN = bzpopGeneric('min');
export const BZPOPMAX = bzpopGeneric('max');

/** BZMPOP timeout numkeys key [key ...] MIN|MAX [COUNT count]: its own arguments before the timeout. */
export const BZMPOP: CommandHandler = (client, argv) => {
  const { keys, where, count } = parseMpop(argv, 2);
  return blockingZpopGeneric(client, keys, argv[1] as Bytes, (db, key, zset) => mpopReply(client, db, key, zset, where, count));
};
