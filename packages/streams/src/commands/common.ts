import { type Bytes, type Client, type Database, ERR_NOT_INTEGER, type ErrorReply, NULL_ARRAY, type Reply, tryParseInt64 } from '@fakeredis/core';
import { ERR_INVALID_ID } from '../errors.js';
import { Consumer, type ConsumerGroup, INVALID_ENTRIES_READ, Nack } from '../groups.js';
import { cmpId, formatId, incU64, MAX_ID, parseIdArg, type StreamId, type U64 } from '../id.js';
import type { StreamEntry } from '../node.js';
import { propagateGroupId, propagateXclaim } from '../propagate.js';
import { type RedisStream, streamType } from '../stream.js';

/** getLongLongFromObjectOrReply: an int64 argument as a bigint, or `err`. */
export function longLongArg(arg: Bytes, err: ErrorReply = ERR_NOT_INTEGER): bigint {
  const value = tryParseInt64(arg);
  if (value === undefined) throw err;
  return value;
}

/** A bigint known to be within int64 as a number (exact below 2^53; counts compare fine above). */
export function num(value: bigint): number {
  return Number(value);
}

/** streamParseIDOrReply (non-strict: "-" and "+" allowed). */
export function parseId(arg: Bytes, missingSeq: U64 = 0): StreamId {
  const parsed = parseIdArg(arg, missingSeq, false);
  if (parsed === undefined) throw ERR_INVALID_ID;
  return parsed.id;
}

/** streamParseStrictIDOrReply. */
export function parseStrictId(arg: Bytes, missingSeq: U64 = 0): StreamId {
  const parsed = parseIdArg(arg, missingSeq, true);
  if (parsed === undefined) throw ERR_INVALID_ID;
  return parsed.id;
}

/** streamParseIntervalIDOrReply: "(" makes the bound exclusive (and strict). */
export function parseIntervalId(arg: Bytes, missingSeq: U64): { id: StreamId; exclusive: boolean } {
  if (arg.length > 1 && arg[0] === '(') return { id: parseStrictId(arg.slice(1) as Bytes, missingSeq), exclusive: true };
  return { id: parseId(arg, missingSeq), exclusive: false };
}

/** One entry as Redis replies it: [id, [field, value, ...]]. */
export function entryReply(entry: StreamEntry): Reply {
  return [formatId(entry.id), entry.kv.slice() as Bytes[]];
}

/**
 * The consumer that reads or claims, looked up or created (with its event), its seen time
 * now: 7.0's lookup refreshes it (SLC_DEFAULT), 7.2's callers set it.
 */
export function lookupOrCreateConsumer(db: Database, key: Bytes, group: ConsumerGroup, name: Bytes, now: number): Consumer {
  const found = group.consumers.get(name);
  if (found === undefined) return createConsumer(db, key, group, name, now) as Consumer;
  found.seenTime = now;
  return found;
}

/** streamCreateConsumer: undefined when it exists; the xgroup-createconsumer event otherwise. */
export function createConsumer(db: Database, key: Bytes, group: ConsumerGroup, name: Bytes, now: number): Consumer | undefined {
  if (group.consumers.has(name)) return undefined;
  const consumer = new Consumer(name, now);
  group.consumers.set(name, consumer);
  group.consumerLeftovers.added(name);
  streamType.notify(db, 'xgroup-createconsumer', key);
  // streamCreateConsumer's server.dirty++ (XGROUP CREATECONSUMER, XREADGROUP, XCLAIM, XAUTOCLAIM).
  db.server.addDirty(1);
  return consumer;
}

export interface GroupRead {
  readonly group: ConsumerGroup;
  readonly consumer: Consumer;
  readonly noack: boolean;
  /** streamPropInfo: the reading client, the key and the group name as given, to propagate the read. */
  readonly spi?: { readonly client: Client; readonly key: Bytes; readonly groupName: Bytes };
}

/**
 * streamReplyWithRange from `start` to the end, at most `count` entries (0: all). With a
 * group it advances the group's last id and read counter and records each entry in the
 * group's and consumer's PELs (unless NOACK).
 */
export function readRange(stream: RedisStream, start: StreamId, count: number, read: GroupRead | undefined, now: number, activeTime: boolean): Reply[] {
  const out: Reply[] = [];
  // The group's last id goes to replicas only after a NOACK read (else each XCLAIM carries it).
  let propagateLastId = false;
  // 8.6 propagates the group's last id after every read that moved it, and each XCLAIM
  // with the last id the group had before the read.
  const claimLastId = stream.counters8 ? read?.group.lastId : undefined;
  for (const entry of stream.range(start, MAX_ID)) {
    if (read !== undefined) {
      const group = read.group;
      if (cmpId(entry.id, group.lastId) > 0) {
        // 8.6 counts on only from a last id inside the stream and looks for tombstones after it.
        const counting = stream.counters8
          ? cmpId(group.lastId, stream.firstId) >= 0 && !stream.rangeHasTombstones(group.lastId)
          : !stream.rangeHasTombstones(entry.id);
        if (group.entriesRead !== INVALID_ENTRIES_READ && counting) {
          group.entriesRead = incU64(group.entriesRead);
        } else if (stream.entriesAdded !== 0) {
          group.entriesRead = stream.estimateDistance(entry.id);
        }
        group.lastId = entry.id;
        if (read.noack || stream.counters8) propagateLastId = true;
      }
    }
    out.push(entryReply(entry));
    if (read !== undefined && !read.noack) {
      const { group, consumer } = read;
      let nack = group.pel.get(entry.id);
      if (nack === undefined) {
        nack = new Nack(now, 1, consumer);
        group.pel.set(entry.id, nack);
        stream.hasCgroupsRef = true;
        consumer.pel.set(entry.id, nack);
      } else {
        nack.consumer?.pel.delete(entry.id);
        nack.consumer = consumer;
        nack.deliveryTime = now;
        nack.deliveryCount = 1;
        consumer.pel.set(entry.id, nack);
      }
      if (activeTime) consumer.activeTime = now;
      if (read.spi !== undefined) propagateXclaim(read.spi.client, read.spi.key, read.spi.groupName, group, formatId(entry.id), nack, claimLastId);
    }
    if (count !== 0 && out.length === count) break;
  }
  if (read?.spi !== undefined && propagateLastId) propagateGroupId(read.spi.client, read.spi.key, read.spi.groupName, read.group);
  return out;
}

/** streamReplyWithRangeFromConsumerPEL: the consumer's own pending entries from `start`. */
export function readHistory(stream: RedisStream, start: StreamId, count: number, consumer: Consumer, now: number): Reply[] {
  const out: Reply[] = [];
  for (const [pendingId, nack] of consumer.pel.entriesFrom(start)) {
    if (count !== 0 && out.length >= count) break;
    const entry = stream.entry(pendingId);
    if (entry === undefined) {
      out.push([formatId(pendingId), NULL_ARRAY]);
    } else {
      out.push(entryReply(entry));
      nack.deliveryTime = now;
      nack.deliveryCount = incU64(nack.deliveryCount);
    }
  }
  return out;
}

/** The stream at a key for reading (WRONGTYPE for another type). */
export function readStream(client: Client, key: Bytes): RedisStream | undefined {
  return streamType.read(client, key);
}
