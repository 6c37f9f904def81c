import { type Bytes, type CommandHandler, ERR_SYNTAX, isToken, NULL_ARRAY, type Reply, tryParseInt64 } from '@fakeredis/core';
import {
  ERR_INVALID_END, ERR_INVALID_START, ERR_XAUTOCLAIM_COUNT, ERR_XAUTOCLAIM_MIN_IDLE, ERR_XCLAIM_IDLE, ERR_XCLAIM_MIN_IDLE,
  ERR_XCLAIM_RETRYCOUNT, ERR_XCLAIM_TIME, errNoKeyOrGroup, errUnrecognizedXclaimOption,
} from '../errors.js';
import { streamFeatures } from '../features.js';
import { type Consumer, type ConsumerGroup, Nack } from '../groups.js';
import { cmpId, decrId, formatId, incrId, incU64, MIN_ID, parseIdArg, type StreamId, type U64, u64, U64_MAX } from '../id.js';
import { propagateGroupId, propagateXclaim } from '../propagate.js';
import { type RedisStream, streamType } from '../stream.js';
import { deleteOne, fixFirstId, noIds, parseAckDelArgs } from './write.js';
import { entryReply, longLongArg, lookupOrCreateConsumer, num, parseIntervalId, parseStrictId, readStream } from './common.js';

/** The stream and group of XPENDING / XCLAIM / XAUTOCLAIM, or NOGROUP. */
function streamAndGroup(stream: RedisStream | undefined, key: Bytes, name: Bytes): { stream: RedisStream; group: ConsumerGroup } {
  const group = stream?.groups?.get(name);
  if (stream === undefined || group === undefined) throw errNoKeyOrGroup(key, name);
  return { stream, group };
}

/** XACK key group id [id ...]: how many were pending (ids are parsed once the group is found). */
export const XACK: CommandHandler = (client, argv) => {
  const stream = readStream(client, argv[1] as Bytes);
  const group = stream?.groups?.get(argv[2] as Bytes);
  if (group === undefined) return 0;
  const ids = argv.slice(3).map((arg) => parseStrictId(arg));
  let acknowledged = 0;
  for (const target of ids) {
    const nack = group.pel.get(target);
    if (nack === undefined) continue;
    group.ack(target, nack);
    acknowledged++;
  }
  client.server.addDirty(acknowledged);
  return acknowledged;
};

/**
 * XACKDEL key group [KEEPREF|DELREF|ACKED] IDS numids id [id ...] (Redis 8.2): per id -1
 * not pending in the group, else acknowledged and 1 deleted (also when the entry was
 * already gone) or 2 kept because another group still references it (ACKED). A missing
 * key or group answers -1s before the ids are parsed.
 */
export const XACKDEL: CommandHandler = (client, argv) => {
  const key = argv[1] as Bytes;
  const stream = readStream(client, key);
  const args = parseAckDelArgs(argv, 3);
  const group = stream?.groups?.get(argv[2] as Bytes);
  if (stream === undefined || group === undefined) return noIds(args.numids);
  const ids = argv.slice(args.start, args.start + args.numids).map((arg) => parseStrictId(arg));
  const out: number[] = [];
  let deleted = 0;
  let acknowledged = 0;
  let firstEntry = false;
  for (const target of ids) {
    const nack = group.pel.get(target);
    if (nack === undefined) {
      out.push(-1);
      continue;
    }
    group.ack(target, nack);
    acknowledged++;
    if (args.refs === 'acked' && stream.entryIsReferenced(target)) {
      out.push(2);
      continue;
    }
    if (args.refs === 'delref') stream.dropEntryRefs(target);
    if (deleteOne(stream, target)) {
      if (cmpId(target, stream.firstId) === 0) firstEntry = true;
      deleted++;
    }
    out.push(1);
  }
  client.server.addDirty(acknowledged);
  if (deleted !== 0) {
    fixFirstId(stream, firstEntry);
    client.db.signalModifiedKey(key);
    streamType.notify(client.db, 'xdel', key);
  }
  return out;
};

/** XPENDING key group [[IDLE min-idle] start end count [consumer]] */
export const XPENDING: CommandHandler = (client, argv) => {
  const argc = argv.length;
  if (argc !== 3 && (argc < 6 || argc > 9)) throw ERR_SYNTAX;
  let count = 0;
  let minIdle = 0;
  let start: StreamId = MIN_ID;
  let end: StreamId = MIN_ID;
  let consumerName: Bytes | undefined;
  if (argc >= 6) {
    let startIdx = 3;
    if (isToken(argv[3], 'IDLE')) {
      minIdle = num(longLongArg(argv[4] as Bytes));
      if (argc < 8) throw ERR_SYNTAX;
      startIdx += 2;
    }
    const c = longLongArg(argv[startIdx + 2] as Bytes);
    count = c < 0n ? 0 : num(c);
    const s = parseIntervalId(argv[startIdx] as Bytes, 0);
    const startId = s.exclusive ? incrId(s.id) : s.id;
    if (startId === undefined) throw ERR_INVALID_START;
    const e = parseIntervalId(argv[startIdx + 1] as Bytes, U64_MAX);
    const endId = e.exclusive ? decrId(e.id) : e.id;
    if (endId === undefined) throw ERR_INVALID_END;
    start = startId;
    end = endId;
    if (startIdx + 3 < argc) consumerName = argv[startIdx + 3] as Bytes;
  }
  const key = argv[1] as Bytes;
  const { group } = streamAndGroup(readStream(client, key), key, argv[2] as Bytes);
  if (argc === 3) {
    const first = group.pel.first();
    const last = group.pel.last();
    if (first === undefined || last === undefined) return [0, null, null, NULL_ARRAY];
    const owners: Reply[] = [];
    for (const consumer of group.sortedConsumers()) {
      if (consumer.pel.size !== 0) owners.push([consumer.name, String(consumer.pel.size) as Bytes]);
    }
    return [group.pel.size, formatId(first[0]), formatId(last[0]), owners];
  }
  let pel = group.pel;
  if (consumerName !== undefined) {
    const consumer = group.consumers.get(consumerName);
    if (consumer === undefined) return [];
    pel = consumer.pel;
  }
  const now = client.server.now();
  const out: Reply[] = [];
  if (count === 0) return out;
  for (const [pendingId, nack] of pel.entriesFrom(start)) {
    if (cmpId(pendingId, end) > 0) break;
    if (minIdle !== 0 && now - nack.deliveryTime < minIdle) continue;
    out.push([formatId(pendingId), (nack.consumer as Consumer).name, Math.max(0, now - nack.deliveryTime), nack.deliveryCount]);
    if (--count === 0) break;
  }
  return out;
};

/** Moves a pending entry to `consumer` (XCLAIM, XAUTOCLAIM). */
function assign(id: StreamId, nack: Nack, consumer: Consumer): void {
  if (nack.consumer !== consumer) {
    nack.consumer?.pel.delete(id);
    consumer.pel.set(id, nack);
    nack.consumer = consumer;
  }
}

/** XCLAIM key group consumer min-idle-time id [id ...] [IDLE ms] [TIME ms] [RETRYCOUNT n] [FORCE] [JUSTID] [LASTID id] */
export const XCLAIM: CommandHandler = (client, argv) => {
  const key = argv[1] as Bytes;
  const { stream, group } = streamAndGroup(readStream(client, key), key, argv[2] as Bytes);
  let minIdle = num(longLongArg(argv[4] as Bytes, ERR_XCLAIM_MIN_IDLE));
  if (minIdle < 0) minIdle = 0;
  const ids: StreamId[] = [];
  const firstId = 5;
  let j = firstId;
  for (; j < argv.length; j++) {
    const parsed = parseIdArg(argv[j] as Bytes, 0, true);
    if (parsed === undefined) break;
    ids.push(parsed.id);
  }
  const server = client.server;
  const now = server.now();
  let deliveryTime: number | undefined;
  let retryCount: bigint | undefined;
  let force = false;
  let justId = false;
  let lastId: StreamId = MIN_ID;
  for (; j < argv.length; j++) {
    const moreargs = argv.length - 1 - j;
    const opt = argv[j] as Bytes;
    if (isToken(opt, 'FORCE')) force = true;
    else if (isToken(opt, 'JUSTID')) justId = true;
    else if (isToken(opt, 'IDLE') && moreargs) deliveryTime = now - num(longLongArg(argv[++j] as Bytes, ERR_XCLAIM_IDLE));
    else if (isToken(opt, 'TIME') && moreargs) deliveryTime = num(longLongArg(argv[++j] as Bytes, ERR_XCLAIM_TIME));
    else if (isToken(opt, 'RETRYCOUNT') && moreargs) retryCount = longLongArg(argv[++j] as Bytes, ERR_XCLAIM_RETRYCOUNT);
    else if (isToken(opt, 'LASTID') && moreargs) lastId = parseStrictId(argv[++j] as Bytes);
    else throw errUnrecognizedXclaimOption(opt);
  }
  // A LASTID that moves the group forward goes to replicas unless an XCLAIM carries it.
  let propagateLastId = false;
  if (cmpId(lastId, group.lastId) > 0) {
    group.lastId = lastId;
    propagateLastId = true;
  }
  if (deliveryTime === undefined || deliveryTime < 0 || deliveryTime > now) deliveryTime = now;
  const activeTime = streamFeatures(server).consumerActiveTime;
  // Redis 7.2 creates the consumer before claiming; 7.0 once something is claimed.
  let consumer = activeTime ? lookupOrCreateConsumer(client.db, key, group, argv[3] as Bytes, now) : undefined;
  const out: Reply[] = [];
  const groupName = argv[2] as Bytes;
  for (const [k, target] of ids.entries()) {
    let nack = group.pel.get(target);
    const entry = stream.entry(target);
    if (entry === undefined) {
      if (nack !== undefined) {
        // Its removal from the PEL is propagated as an XCLAIM of the deleted entry.
        propagateXclaim(client, key, groupName, group, argv[firstId + k] as Bytes, nack);
        propagateLastId = false;
        group.ack(target, nack);
        server.addDirty(1);
      }
      continue;
    }
    if (force && nack === undefined) {
      nack = new Nack(now, 1, undefined);
      group.pel.set(target, nack);
      stream.hasCgroupsRef = true;
    }
    if (nack === undefined) continue;
    if (nack.consumer !== undefined && minIdle !== 0 && now - nack.deliveryTime < minIdle) continue;
    consumer ??= lookupOrCreateConsumer(client.db, key, group, argv[3] as Bytes, now);
    nack.deliveryTime = deliveryTime;
    if (retryCount !== undefined && retryCount >= 0n) nack.deliveryCount = u64(retryCount);
    else if (!justId) nack.deliveryCount = incU64(nack.deliveryCount);
    assign(target, nack, consumer);
    if (activeTime) consumer.activeTime = now;
    out.push(justId ? formatId(target) : entryReply(entry));
    propagateXclaim(client, key, groupName, group, argv[firstId + k] as Bytes, nack);
    propagateLastId = false;
    server.addDirty(1);
  }
  if (propagateLastId) {
    propagateGroupId(client, key, groupName, group);
    server.addDirty(1);
  }
  return out;
};

/** LONG_MAX / max(sizeof(streamID), attempts factor). */
const MAX_AUTOCLAIM_COUNT = 576460752303423487n;

/** XAUTOCLAIM key group consumer min-idle-time start [COUNT count] [JUSTID] */
export const XAUTOCLAIM: CommandHandler = (client, argv) => {
  let minIdle = num(longLongArg(argv[4] as Bytes, ERR_XAUTOCLAIM_MIN_IDLE));
  if (minIdle < 0) minIdle = 0;
  const s = parseIntervalId(argv[5] as Bytes, 0);
  const startId = s.exclusive ? incrId(s.id) : s.id;
  if (startId === undefined) throw ERR_INVALID_START;
  let count = 100;
  let justId = false;
  for (let j = 6; j < argv.length; j++) {
    const moreargs = argv.length - 1 - j;
    if (isToken(argv[j], 'COUNT') && moreargs) {
      const value = tryParseInt64(argv[j + 1] as Bytes);
      if (value === undefined || value < 1n || value > MAX_AUTOCLAIM_COUNT) throw ERR_XAUTOCLAIM_COUNT;
      count = num(value);
      j++;
    } else if (isToken(argv[j], 'JUSTID')) {
      justId = true;
    } else {
      throw ERR_SYNTAX;
    }
  }
  const key = argv[1] as Bytes;
  const { stream, group } = streamAndGroup(readStream(client, key), key, argv[2] as Bytes);
  const server = client.server;
  const now = server.now();
  const activeTime = streamFeatures(server).consumerActiveTime;
  let attempts = count * 10;
  let consumer = activeTime ? lookupOrCreateConsumer(client.db, key, group, argv[3] as Bytes, now) : undefined;
  const claimed: Reply[] = [];
  const deleted: Reply[] = [];
  // The PEL is walked by seeking the next id each step: entries are removed on the way.
  let next = group.pel.ceiling(startId);
  const after = (id: StreamId) => {
    const successor = incrId(id);
    return successor === undefined ? undefined : group.pel.ceiling(successor);
  };
  while (attempts-- !== 0 && count !== 0 && next !== undefined) {
    const current = next;
    const nack = group.pel.get(current) as Nack;
    const entry = stream.entry(current);
    next = after(current);
    if (entry === undefined) {
      propagateXclaim(client, key, argv[2] as Bytes, group, formatId(current), nack);
      group.ack(current, nack);
      deleted.push(formatId(current));
      server.addDirty(1);
      count--;
      continue;
    }
    if (minIdle !== 0 && now - nack.deliveryTime < minIdle) continue;
    consumer ??= lookupOrCreateConsumer(client.db, key, group, argv[3] as Bytes, now);
    nack.deliveryTime = now;
    if (!justId) nack.deliveryCount = incU64(nack.deliveryCount);
    assign(current, nack, consumer);
    claimed.push(justId ? formatId(current) : entryReply(entry));
    propagateXclaim(client, key, argv[2] as Bytes, group, formatId(current), nack);
    server.addDirty(1);
    count--;
    if (activeTime) consumer.activeTime = now;
  }
  return [next === undefined ? '0-0' as Bytes : formatId(next), claimed, deleted];
};

export type { U64 };
