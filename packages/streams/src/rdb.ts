import {
  type Bytes, decodeListpack, type FakeServer, ListpackWriter, mallocSize, RDB_TYPE_STREAM_LISTPACKS, RDB_TYPE_STREAM_LISTPACKS_2,
  RDB_TYPE_STREAM_LISTPACKS_3, RDB_TYPE_STREAM_LISTPACKS_4, RdbError, type RdbReader, type RdbWriter,
} from '@fakeredis/core';
import { IDMP_MAX_DURATION, IDMP_MAX_MAXSIZE, IDMP_MIN_DURATION, IDMP_MIN_MAXSIZE, IdmpState, trackIdmp } from './idmp.js';
import { streamFeatures } from './features.js';
import { Consumer, ConsumerGroup, Nack } from './groups.js';
import { cmpId, deltaInt64, idKeyBytes, type StreamId, type U64, u64 } from './id.js';
import { StreamNode } from './node.js';
import { RedisStream } from './stream.js';

/** t_stream.c's entry flags. */
const FLAG_DELETED = 1;
const FLAG_SAMEFIELDS = 2;

/** The stream's radix-tree nodes, head first (RDB walks the tree in key order). */
function nodesOf(stream: RedisStream): StreamNode[] {
  const inner = stream as unknown as { nodes: StreamNode[]; head: number };
  return inner.nodes.slice(inner.head);
}

/** The stream's RDB type: STREAM_LISTPACKS_2 in 7.0, _3 (consumers' active time) from 7.2, _4 (idempotent producers) in 8.6. */
export function streamRdbType(_stream: RedisStream, server: FakeServer): number {
  if (streamFeatures(server).idmp) return RDB_TYPE_STREAM_LISTPACKS_4;
  return server.versionAtLeast('7.2.0') ? RDB_TYPE_STREAM_LISTPACKS_3 : RDB_TYPE_STREAM_LISTPACKS_2;
}

const u64Big = (x: U64): bigint => BigInt(x);

function idBytes(id: StreamId): Buffer {
  const out = Buffer.alloc(16);
  idKeyBytes(id, out);
  return out;
}

function readId(raw: Buffer): StreamId {
  return { ms: u64(raw.readBigUInt64BE(0)), seq: u64(raw.readBigUInt64BE(8)) };
}

/**
 * A node's listpack as t_stream.c builds it: the master entry (live count, deleted
 * count, the master fields, a 0 terminator), then each entry as flags, the id's deltas
 * from the master id, its fields unless they are the master's (SAMEFIELDS), its values
 * and its element count.
 */
function nodeListpack(node: StreamNode): Buffer {
  const lp = new ListpackWriter();
  lp.integer(node.live);
  lp.integer(node.deleted);
  lp.integer(node.masterFields.length);
  for (const field of node.masterFields) lp.string(field);
  lp.integer(0);
  for (const entry of node.entries) {
    const same = node.sameFields(entry.kv);
    const numFields = entry.kv.length / 2;
    lp.integer((entry.deleted ? FLAG_DELETED : 0) | (same ? FLAG_SAMEFIELDS : 0));
    lp.integer(deltaInt64(entry.id.ms, node.master.ms));
    lp.integer(deltaInt64(entry.id.seq, node.master.seq));
    if (!same) lp.integer(numFields);
    for (let i = 0; i < entry.kv.length; i += 2) {
      if (!same) lp.string(entry.kv[i] as Bytes);
      lp.string(entry.kv[i + 1] as Bytes);
    }
    lp.integer(same ? numFields + 3 : numFields * 2 + 4);
  }
  return lp.finish();
}

/**
 * rdbSaveObject of a stream: its nodes (key and listpack), length, last, first and max
 * deleted ids, entries added, then each group with its last id, entries read, global PEL
 * (ids, delivery times and counts) and consumers (name, seen time, from 7.2 active time,
 * and their PEL's ids).
 */
export function saveStream(stream: RedisStream, w: RdbWriter, server: FakeServer): void {
  const nodes = nodesOf(stream);
  w.length(nodes.length);
  for (const node of nodes) {
    w.blob(idBytes(node.master));
    w.blob(nodeListpack(node));
  }
  w.length(stream.length);
  for (const id of [stream.lastId, stream.firstId, stream.maxDeletedId]) {
    w.lengthBig(u64Big(id.ms));
    w.lengthBig(u64Big(id.seq));
  }
  w.lengthBig(u64Big(stream.entriesAdded));
  const groups = stream.groups === undefined ? [] : [...stream.groups.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  w.length(groups.length);
  const activeTime = server.versionAtLeast('7.2.0');
  for (const group of groups) {
    w.string(group.name);
    w.lengthBig(u64Big(group.lastId.ms));
    w.lengthBig(u64Big(group.lastId.seq));
    // SCG_INVALID_ENTRIES_READ (-1) is saved as an unsigned 64-bit length.
    w.lengthBig(BigInt.asUintN(64, BigInt(group.entriesRead)));
    w.length(group.pel.size);
    for (const [id, nack] of group.pel.entriesFrom()) {
      w.raw(idBytes(id));
      w.millis(nack.deliveryTime);
      w.lengthBig(u64Big(nack.deliveryCount));
    }
    const consumers = group.sortedConsumers();
    w.length(consumers.length);
    for (const consumer of consumers) {
      w.string(consumer.name);
      w.millis(consumer.seenTime);
      if (activeTime) w.millis(consumer.activeTime);
      w.length(consumer.pel.size);
      for (const [id] of consumer.pel.entriesFrom()) w.raw(idBytes(id));
    }
  }
  if (streamFeatures(server).idmp) saveIdmp(stream, w, server);
}

/**
 * STREAM_LISTPACKS_4's tail (Redis 8.6): the duration and size limit, per producer (pid
 * order) its iids in insertion order with their ids, then iids added and duplicates.
 */
function saveIdmp(stream: RedisStream, w: RdbWriter, server: FakeServer): void {
  const idmp = stream.idmp ?? new IdmpState(server.config.getNumber('stream-idmp-duration'), server.config.getNumber('stream-idmp-maxsize'));
  w.length(idmp.duration);
  w.length(idmp.maxEntries);
  const producers = idmp.sortedProducers();
  w.length(producers.length);
  for (const [pid, producer] of producers) {
    w.string(pid);
    w.length(producer.size);
    for (const [iid, entry] of producer) {
      w.string(iid);
      w.lengthBig(u64Big(entry.id.ms));
      w.lengthBig(u64Big(entry.id.seq));
    }
  }
  w.length(idmp.iidsAdded);
  w.length(idmp.iidsDuplicates);
}

/** rdbLoadStreamIdmpEntries and the limits and counters around it; a repeated pid is bad data, a repeated iid is skipped. */
function loadIdmp(r: RdbReader): IdmpState {
  const duration = Number(r.lengthBig());
  if (duration < IDMP_MIN_DURATION || duration > IDMP_MAX_DURATION) throw new RdbError('Stream IDMP duration out of range');
  const maxEntries = Number(r.lengthBig());
  if (maxEntries < IDMP_MIN_MAXSIZE || maxEntries > IDMP_MAX_MAXSIZE) throw new RdbError('Stream IDMP max entries out of range');
  const idmp = new IdmpState(duration, maxEntries);
  const producers = r.length();
  for (let p = 0; p < producers; p++) {
    const pid = r.string();
    if (idmp.producers.has(pid)) throw new RdbError('Stream IDMP entries loading failed.');
    const producer = idmp.producer(pid);
    const count = r.length();
    for (let i = 0; i < count; i++) {
      const iid = r.string();
      const id = { ms: u64(r.lengthBig()), seq: u64(r.lengthBig()) };
      if (!producer.has(iid)) producer.set(iid, { id });
    }
  }
  idmp.iidsAdded = Number(r.lengthBig());
  idmp.iidsDuplicates = Number(r.lengthBig());
  return idmp;
}

const int = (s: Bytes | undefined): number => {
  if (s === undefined || !/^-?[0-9]+$/.test(s)) throw new RdbError('Stream listpack integrity check failed.');
  return Number(s);
};
const intBig = (s: Bytes | undefined): bigint => {
  if (s === undefined || !/^-?[0-9]+$/.test(s)) throw new RdbError('Stream listpack integrity check failed.');
  return BigInt(s);
};

/** A node from its key and listpack, checked as streamValidateListpackIntegrity does. */
function loadNode(master: StreamId, lp: Buffer): StreamNode {
  const e = decodeListpack(lp);
  if (e.length === 0) throw new RdbError('Empty listpack inside stream');
  let p = 0;
  const live = int(e[p++]);
  const deleted = int(e[p++]);
  const numMaster = int(e[p++]);
  if (numMaster < 0 || p + numMaster >= e.length) throw new RdbError('Stream listpack integrity check failed.');
  const fields = e.slice(p, p + numMaster) as Bytes[];
  p += numMaster;
  if (int(e[p++]) !== 0) throw new RdbError('Stream listpack integrity check failed.');
  const node = new StreamNode(master, fields, 0);
  let seenLive = 0;
  let seenDeleted = 0;
  let prev: StreamId | undefined;
  while (p < e.length) {
    const start = p;
    const flags = int(e[p++]);
    const id = {
      ms: u64(BigInt.asUintN(64, u64Big(master.ms) + intBig(e[p++]))),
      seq: u64(BigInt.asUintN(64, u64Big(master.seq) + intBig(e[p++]))),
    };
    const same = (flags & FLAG_SAMEFIELDS) !== 0;
    const numFields = same ? numMaster : int(e[p++]);
    if (numFields < 0 || p + (same ? numFields : numFields * 2) >= e.length) throw new RdbError('Stream listpack integrity check failed.');
    const kv: Bytes[] = [];
    for (let i = 0; i < numFields; i++) {
      kv.push(same ? (fields[i] as Bytes) : (e[p++] as Bytes));
      kv.push(e[p++] as Bytes);
    }
    if (int(e[p++]) !== p - start - 1) throw new RdbError('Stream listpack integrity check failed.');
    if (prev !== undefined && cmpId(prev, id) >= 0) throw new RdbError('Stream listpack integrity check failed.');
    if (cmpId(id, master) < 0) throw new RdbError('Stream listpack integrity check failed.');
    prev = id;
    const isDeleted = (flags & FLAG_DELETED) !== 0;
    if (isDeleted) seenDeleted++;
    else seenLive++;
    node.entries.push({ id, kv, deleted: isDeleted });
  }
  if (seenLive !== live || seenDeleted !== deleted) throw new RdbError('Stream listpack integrity check failed.');
  node.live = live;
  node.deleted = deleted;
  node.bytes = lp.length;
  node.alloc = mallocSize(lp.length);
  return node;
}

/** rdbLoadObject of a stream, PELs resolved to their consumers; inconsistent ones are bad data. */
export function loadStream(type: number, r: RdbReader, server: FakeServer): RedisStream {
  const stream = new RedisStream();
  const count = r.length();
  const nodes: StreamNode[] = [];
  for (let i = 0; i < count; i++) {
    const key = r.blob();
    if (key.length !== 16) throw new RdbError('Stream node key entry is not the size of a stream ID');
    const master = readId(key);
    const node = loadNode(master, r.blob());
    const last = nodes[nodes.length - 1];
    if (last !== undefined && cmpId(last.lastId, master) >= 0) throw new RdbError('Listpack re-added with existing key');
    nodes.push(node);
  }
  (stream as unknown as { nodes: StreamNode[] }).nodes = nodes;
  stream.length = r.length();
  const readLenId = (): StreamId => ({ ms: u64(r.lengthBig()), seq: u64(r.lengthBig()) });
  stream.lastId = readLenId();
  let live = 0;
  for (const node of nodes) live += node.live;
  if (live !== stream.length) throw new RdbError('Stream length inconsistent with rax entries');
  // Stricter than Redis: entries past the last id would let XADD write ids out of order.
  const lastNode = nodes[nodes.length - 1];
  if (lastNode !== undefined && cmpId(lastNode.lastId, stream.lastId) > 0) throw new RdbError('Stream last id is smaller than its last entry');
  if (type >= RDB_TYPE_STREAM_LISTPACKS_2) {
    stream.firstId = readLenId();
    stream.maxDeletedId = readLenId();
    stream.entriesAdded = u64(r.lengthBig());
  } else {
    stream.entriesAdded = stream.length;
    stream.firstId = stream.edgeId(true, true);
  }
  if (server.versionAtLeast('7.2.0')) stream.consumerStruct = 32;
  stream.counters8 = streamFeatures(server).groupCounters8;
  const groupCount = r.length();
  for (let g = 0; g < groupCount; g++) {
    const name = r.string();
    const lastId = readLenId();
    let entriesRead: U64;
    if (type >= RDB_TYPE_STREAM_LISTPACKS_2) {
      const raw = r.lengthBig();
      entriesRead = raw === 2n ** 64n - 1n ? -1 : u64(raw);
    } else {
      entriesRead = stream.estimateDistance(lastId);
    }
    stream.groups ??= new Map();
    if (stream.groups.has(name)) throw new RdbError(`Duplicated consumer group name ${name}`);
    const group = new ConsumerGroup(name, lastId, entriesRead);
    stream.groups.set(name, group);
    const pelSize = r.length();
    for (let i = 0; i < pelSize; i++) {
      const id = readId(r.raw(16));
      const deliveryTime = Number(r.millis());
      const deliveryCount = u64(r.lengthBig());
      if (group.pel.has(id)) throw new RdbError('Duplicated global PEL entry loading stream consumer group');
      group.pel.set(id, new Nack(deliveryTime, deliveryCount, undefined));
      stream.hasCgroupsRef = true;
    }
    const consumerCount = r.length();
    for (let c = 0; c < consumerCount; c++) {
      const consumerName = r.string();
      if (group.consumers.has(consumerName)) throw new RdbError('Duplicate stream consumer detected.');
      const seenTime = Number(r.millis());
      const activeTime = type >= RDB_TYPE_STREAM_LISTPACKS_3 ? Number(r.millis()) : seenTime;
      const consumer = new Consumer(consumerName, seenTime, activeTime);
      group.consumers.set(consumerName, consumer);
      const ownSize = r.length();
      for (let i = 0; i < ownSize; i++) {
        const id = readId(r.raw(16));
        const nack = group.pel.get(id);
        if (nack === undefined) throw new RdbError('Consumer entry not found in group global PEL');
        if (nack.consumer !== undefined) throw new RdbError('Duplicated consumer PEL entry loading a stream consumer group');
        nack.consumer = consumer;
        consumer.pel.set(id, nack);
      }
    }
    for (const [, nack] of group.pel.entriesFrom()) {
      if (nack.consumer === undefined) throw new RdbError('Stream CG PEL entry without consumer');
    }
  }
  const features = streamFeatures(server);
  stream.allocSize8 = features.allocSize;
  if (type >= RDB_TYPE_STREAM_LISTPACKS_4) {
    stream.idmp = loadIdmp(r);
    if (stream.idmp.producers.size !== 0) trackIdmp(server, stream.idmp);
  }
  else if (features.idmp) stream.idmp = new IdmpState(server.config.getNumber('stream-idmp-duration'), server.config.getNumber('stream-idmp-maxsize'));
  void RDB_TYPE_STREAM_LISTPACKS;
  return stream;
}
