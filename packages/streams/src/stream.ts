import {
  type Bytes, defineValueType, type FakeServer, RDB_TYPE_STREAM_LISTPACKS, RDB_TYPE_STREAM_LISTPACKS_2, RDB_TYPE_STREAM_LISTPACKS_3,
  mallocSize, RDB_TYPE_STREAM_LISTPACKS_4, type RedisObject, ROBJ_SIZE, type ValueDigest,
} from '@fakeredis/core';
import { type ConsumerGroup, INVALID_ENTRIES_READ } from './groups.js';
import type { IdmpState } from './idmp.js';
import { cmpId, formatId, isZeroId, MAX_ID, MIN_ID, type StreamId, type U64 } from './id.js';
import { type StreamEntry, StreamNode } from './node.js';
import { idKey, RAX_STRUCT, raxAllocSize, RaxLeftovers, raxMemoryUsage, raxNodeCount } from './rax.js';
import { loadStream, saveStream, streamRdbType } from './rdb.js';

/** STREAM_LISTPACK_MAX_SIZE: a node never grows past 1 GiB. */
const LISTPACK_MAX_SIZE = 1 << 30;
/** STREAM_LISTPACK_MAX_PRE_ALLOCATE. */
const MAX_PREALLOC = 4096;

/** sizeof(stream), sizeof(streamCG), sizeof(streamNACK), sizeof(streamConsumer) on 64-bit Redis. */
const STREAM_STRUCT = 80;
const CG_STRUCT = 40;
const NACK_STRUCT = 24;
/** Redis 8.6's sizeof(stream), sizeof(streamCG), sizeof(streamNACK), sizeof(streamConsumer). */
const STREAM_STRUCT_8 = 160;
const CG_STRUCT_8 = 56;
const NACK_STRUCT_8 = 64;
const CONSUMER_STRUCT_8 = 32;

/** What appending reads from the config (stream-node-max-entries / -bytes). */
export interface NodeLimits {
  readonly maxEntries: number;
  readonly maxBytes: number;
}

export function nodeLimits(server: FakeServer): NodeLimits {
  return {
    maxEntries: server.config.getNumber('stream-node-max-entries'),
    maxBytes: server.config.getNumber('stream-node-max-bytes'),
  };
}

/** How XADD and XTRIM trim (streamAddTrimArgs). */
export interface TrimArgs {
  readonly strategy: 'maxlen' | 'minid';
  readonly maxlen: number;
  readonly minid: StreamId;
  readonly approx: boolean;
  /** 0: no limit. */
  readonly limit: number;
  /** Redis 8.2's delete strategy (KEEPREF when absent): what a trimmed entry does to the groups' PELs. */
  readonly refs?: RefStrategy;
}

/** Redis 8.2's KEEPREF / DELREF / ACKED (DELETE_STRATEGY_*). */
export type RefStrategy = 'keepref' | 'delref' | 'acked';

/**
 * A stream value (Redis's stream struct): listpack nodes in id order, each a StreamNode,
 * found by binary search over the nodes' first ids and then inside the node, so seeking
 * an id is O(log n), appending O(1), reading k entries O(k). Trimming drops whole nodes
 * from the head (a moving head index, compacted now and then) or marks entries deleted
 * inside one, as Redis does; nothing copies the stream. Consumer groups live beside.
 */
export class RedisStream implements RedisObject {
  readonly type = 'stream';
  private nodes: StreamNode[] = [];
  private head = 0;
  length = 0;
  lastId: StreamId = MIN_ID;
  firstId: StreamId = MIN_ID;
  maxDeletedId: StreamId = MIN_ID;
  entriesAdded: U64 = 0;
  /** Consumer groups by name; undefined until the first is created (cgroups == NULL). */
  groups: Map<Bytes, ConsumerGroup> | undefined;
  /** sizeof(streamConsumer): 24 in 7.0, 32 from 7.2 (active_time), for MEMORY USAGE. */
  consumerStruct = 24;
  /** Redis 8.6's group read counters (StreamFeatures.groupCounters8), set with the stream's server. */
  counters8 = false;
  /** Redis 8.6's idempotent producers (StreamFeatures.idmp); undefined where the version has none. */
  idmp: IdmpState | undefined;
  /** Redis 8.6's MEMORY USAGE (StreamFeatures.allocSize). */
  allocSize8 = false;
  /** Redis 8.2's cgroups_ref index exists: made at the first pending entry, kept until the stream goes. */
  hasCgroupsRef = false;
  /** A node was ever added (an emptied radix tree keeps its head's size). */
  private hadNodes = false;
  /** The group whose destruction emptied the groups' tree, for the same reason. */
  lastGroupRemoved: Bytes | undefined;
  /** What deletions left allocated in the groups' tree (Redis 8.6's MEMORY USAGE). */
  readonly groupLeftovers = new RaxLeftovers();

  encoding(): string {
    return 'stream';
  }

  /** Radix-tree keys: the number of nodes. */
  get nodeCount(): number {
    return this.nodes.length - this.head;
  }

  /** The nodes' first ids, in order. */
  *nodeKeys(): IterableIterator<StreamId> {
    for (let i = this.head; i < this.nodes.length; i++) yield (this.nodes[i] as StreamNode).master;
  }

  /** radix-tree-nodes of XINFO STREAM. */
  raxNodes(): number {
    return raxNodeCount(this.nodeKeys());
  }

  /** Shapes of the nodes, head first (tests inspect the layout). */
  nodeShape(): Array<{ live: number; deleted: number; bytes: number; alloc: number }> {
    return this.nodes.slice(this.head).map(({ live, deleted, bytes, alloc }) => ({ live, deleted, bytes, alloc }));
  }

  // ---- appending -------------------------------------------------------------------

  /**
   * streamAppendItem once the id is decided (greater than lastId): to the tail node, or
   * to a new one when the tail is full by bytes (its listpack plus the new strings'
   * lengths) or by entries (live and deleted).
   */
  append(entryId: StreamId, kv: readonly Bytes[], limits: NodeLimits): void {
    const entry: StreamEntry = { id: entryId, kv, deleted: false };
    let tail = this.nodes.length > this.head ? (this.nodes[this.nodes.length - 1] as StreamNode) : undefined;
    if (tail !== undefined) {
      let total = 0;
      for (let i = 0; i < kv.length; i++) total += (kv[i] as Bytes).length;
      const maxBytes = limits.maxBytes === 0 || limits.maxBytes > LISTPACK_MAX_SIZE ? LISTPACK_MAX_SIZE : limits.maxBytes;
      if (tail.bytes + total >= maxBytes || (limits.maxEntries !== 0 && tail.live + tail.deleted >= limits.maxEntries)) {
        tail.shrinkToFit();
        tail = undefined;
      }
    }
    if (tail === undefined) {
      this.hadNodes = true;
      const prealloc = limits.maxBytes > 0 && limits.maxBytes < MAX_PREALLOC ? limits.maxBytes : MAX_PREALLOC;
      this.nodes.push(StreamNode.create(entry, prealloc));
    } else {
      tail.setLive(tail.live + 1);
      tail.appendEntry(entry);
    }
    this.length++;
    this.entriesAdded = typeof this.entriesAdded === 'number' && this.entriesAdded < Number.MAX_SAFE_INTEGER ? this.entriesAdded + 1 : BigInt(this.entriesAdded) + 1n;
    this.lastId = entryId;
    if (this.length === 1) this.firstId = entryId;
  }

  // ---- lookups ---------------------------------------------------------------------

  /** Index of the last node whose first id is <= id (the head when none is). */
  private nodeIndexFor(target: StreamId): number {
    let lo = this.head;
    let hi = this.nodes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (cmpId((this.nodes[mid] as StreamNode).master, target) <= 0) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Live entries with start <= id <= end, in order (reversed with `rev`), at most `count` (0: all). */
  *range(start: StreamId, end: StreamId, rev = false): IterableIterator<StreamEntry> {
    if (this.nodes.length === this.head || cmpId(start, end) > 0) return;
    if (!rev) {
      let n = this.nodeIndexFor(start);
      let i = (this.nodes[n] as StreamNode).lowerBound(start, cmpId);
      for (; n < this.nodes.length; n++, i = 0) {
        const entries = (this.nodes[n] as StreamNode).entries;
        for (; i < entries.length; i++) {
          const entry = entries[i] as StreamEntry;
          if (cmpId(entry.id, end) > 0) return;
          if (!entry.deleted) yield entry;
        }
      }
    } else {
      let n = this.nodeIndexFor(end);
      const last = this.nodes[n] as StreamNode;
      let i = last.lowerBound(end, cmpId);
      if (i < last.entries.length && cmpId((last.entries[i] as StreamEntry).id, end) === 0) i++;
      i--;
      while (n >= this.head) {
        const entries = (this.nodes[n] as StreamNode).entries;
        for (; i >= 0; i--) {
          const entry = entries[i] as StreamEntry;
          if (cmpId(entry.id, start) < 0) return;
          if (!entry.deleted) yield entry;
        }
        n--;
        if (n >= this.head) i = (this.nodes[n] as StreamNode).entries.length - 1;
      }
    }
  }

  /** The live entry with this id (streamEntryExists and its fields). */
  entry(target: StreamId): StreamEntry | undefined {
    if (this.nodes.length === this.head) return undefined;
    const node = this.nodes[this.nodeIndexFor(target)] as StreamNode;
    const entry = node.entries[node.lowerBound(target, cmpId)];
    return entry !== undefined && !entry.deleted && cmpId(entry.id, target) === 0 ? entry : undefined;
  }

  /** streamLastValidID: the last live id (0-0 when empty). */
  lastValidId(): StreamId {
    for (const entry of this.range(MIN_ID, MAX_ID, true)) return entry.id;
    return MIN_ID;
  }

  /** streamGetEdgeID(first, skip_tombstones): 2^64-1 ids when none, as Redis sets them. */
  edgeId(first: boolean, skipTombstones: boolean): StreamId {
    if (skipTombstones) {
      for (const entry of this.range(MIN_ID, MAX_ID, !first)) return entry.id;
    } else if (this.nodes.length > this.head) {
      const node = (first ? this.nodes[this.head] : this.nodes[this.nodes.length - 1]) as StreamNode;
      return first ? (node.entries[0] as StreamEntry).id : node.lastId;
    }
    return first ? MAX_ID : MIN_ID;
  }

  // ---- deleting --------------------------------------------------------------------

  /**
   * streamDeleteItem: marks the entry deleted and updates its node's counts, or drops
   * the node when it was its last live entry. True when a live entry had that id.
   */
  deleteEntry(target: StreamId): boolean {
    if (this.nodes.length === this.head) return false;
    const n = this.nodeIndexFor(target);
    const node = this.nodes[n] as StreamNode;
    const entry = node.entries[node.lowerBound(target, cmpId)];
    if (entry === undefined || entry.deleted || cmpId(entry.id, target) !== 0) return false;
    entry.deleted = true;
    if (node.live === 1) {
      this.removeNode(n);
    } else {
      node.setLive(node.live - 1);
      node.setDeleted(node.deleted + 1);
    }
    this.length--;
    return true;
  }

  /** removeNode, answering the index of the node that followed it. */
  private removeNodeAt(n: number): number {
    const wasHead = n === this.head;
    this.removeNode(n);
    return wasHead ? this.head : n;
  }

  private removeNode(n: number): void {
    if (n === this.head) {
      this.nodes[this.head++] = undefined as unknown as StreamNode;
      if (this.head > 64 && this.head * 2 > this.nodes.length) {
        this.nodes = this.nodes.slice(this.head);
        this.head = 0;
      }
    } else {
      this.nodes.splice(n, 1);
    }
  }

  /**
   * streamTrim: the number of entries removed. With DELREF or ACKED (Redis 8.2) a node
   * that could go whole is walked entry by entry instead (DELREF drops each entry's
   * pending references, ACKED keeps entries still referenced), and `~` no longer stops
   * at the first node it cannot drop whole.
   */
  trim(args: TrimArgs): number {
    let deleted = 0;
    const maxlen = args.maxlen;
    const refs = args.refs ?? 'keepref';
    let n = this.head;
    while (n < this.nodes.length) {
      if (args.strategy === 'maxlen' && this.length <= maxlen) break;
      const node = this.nodes[n] as StreamNode;
      const entries = node.live;
      if (args.limit !== 0 && deleted + entries > args.limit) break;
      const eligible = args.strategy === 'maxlen' ? this.length - entries >= maxlen : cmpId(node.lastId, args.minid) < 0;
      if (eligible && refs === 'keepref') {
        n = this.removeNodeAt(n);
        this.length -= entries;
        deleted += entries;
        continue;
      }
      if (args.approx && refs === 'keepref') break;
      let fromNode = 0;
      for (const entry of node.entries) {
        const stop = args.strategy === 'maxlen' ? this.length <= maxlen : cmpId(entry.id, args.minid) >= 0;
        if (stop) break;
        if (entry.deleted) continue;
        if (refs === 'acked' && this.entryIsReferenced(entry.id)) continue;
        if (refs === 'delref') this.dropEntryRefs(entry.id);
        entry.deleted = true;
        fromNode++;
        this.length--;
      }
      deleted += fromNode;
      if (eligible && fromNode === entries) {
        n = this.removeNodeAt(n);
        continue;
      }
      node.setLive(entries - fromNode);
      node.setDeleted(node.deleted + fromNode);
      if (!eligible) break;
      n++;
    }
    if (this.length === 0) this.firstId = MIN_ID;
    else if (deleted !== 0) this.firstId = this.edgeId(true, true);
    return deleted;
  }

  /**
   * streamEntryIsReferenced (Redis 8.2): some group has not read the entry yet (its last
   * id is below it) or holds it pending.
   */
  entryIsReferenced(target: StreamId): boolean {
    if (this.groups === undefined) return false;
    for (const group of this.groups.values()) if (cmpId(group.lastId, target) < 0) return true;
    for (const group of this.groups.values()) if (group.pel.get(target) !== undefined) return true;
    return false;
  }

  /** streamCleanupEntryCGroupRefs (Redis 8.2): the entry leaves every group's PEL and its consumer's. */
  dropEntryRefs(target: StreamId): void {
    if (this.groups === undefined) return;
    for (const group of this.groups.values()) {
      const nack = group.pel.get(target);
      if (nack !== undefined) group.ack(target, nack);
    }
  }

  // ---- consumer groups: lag and read counters ---------------------------------------

  /** streamRangeHasTombstones (start inclusive, to the end when `end` is undefined). */
  rangeHasTombstones(start: StreamId | undefined, end?: StreamId): boolean {
    if (this.length === 0 || isZeroId(this.maxDeletedId)) return false;
    if (cmpId(this.firstId, this.maxDeletedId) > 0) return false;
    const s = start ?? MIN_ID;
    const e = end ?? MAX_ID;
    return cmpId(s, this.maxDeletedId) <= 0 && cmpId(this.maxDeletedId, e) <= 0;
  }

  /** streamEstimateDistanceFromFirstEverEntry: an id's read counter, or INVALID_ENTRIES_READ. */
  estimateDistance(target: StreamId): U64 {
    if (this.entriesAdded === 0) return 0;
    if (this.length === 0 && cmpId(target, this.lastId) < 1) return this.entriesAdded;
    // 8.6: an id before a deleted entry has fragmentation ahead.
    if (this.counters8 && !isZeroId(target) && cmpId(target, this.maxDeletedId) < 0) return INVALID_ENTRIES_READ;
    const cmpLast = cmpId(target, this.lastId);
    if (cmpLast === 0) return this.entriesAdded;
    if (cmpLast > 0) return INVALID_ENTRIES_READ;
    const cmpFirst = cmpId(target, this.firstId);
    if (isZeroId(this.maxDeletedId) || cmpId(this.maxDeletedId, this.firstId) < 0) {
      if (cmpFirst < 0) return subU64(this.entriesAdded, this.length);
      if (cmpFirst === 0) return subU64(this.entriesAdded, this.length - 1);
    }
    return INVALID_ENTRIES_READ;
  }

  /** streamReplyWithCGLag: the lag, or null when it cannot be known. */
  lag(group: ConsumerGroup): U64 | null {
    if (this.entriesAdded === 0) return 0;
    if (this.counters8) {
      // 8.6: an emptied stream has no lag; a group and deletions all behind the first entry lag by the length.
      if (this.length === 0) return 0;
      if (cmpId(group.lastId, this.firstId) < 0 && cmpId(this.maxDeletedId, this.firstId) < 0) return this.length;
    }
    if (group.entriesRead !== INVALID_ENTRIES_READ && !this.rangeHasTombstones(group.lastId)) {
      return subU64(this.entriesAdded, group.entriesRead);
    }
    const read = this.estimateDistance(group.lastId);
    return read === INVALID_ENTRIES_READ ? null : subU64(this.entriesAdded, read);
  }

  // ---- RedisObject -----------------------------------------------------------------

  /**
   * rewriteStreamObject: XADD per entry (an empty stream `XADD key MAXLEN 0 0-1 x y`), then
   * XSETID with ENTRIESADDED and MAXDELETEDID; per group (in name order, a rax's) XGROUP
   * CREATE with ENTRIESREAD, then per consumer (name order) XGROUP CREATECONSUMER when its
   * PEL is empty, else an XCLAIM ... TIME RETRYCOUNT JUSTID FORCE per pending entry;
   * then Redis 8.6's idempotent-producer state.
   */
  *aofRewrite(key: Bytes, server: FakeServer): IterableIterator<Bytes[]> {
    const b = (x: unknown): Bytes => String(x) as Bytes;
    if (this.length > 0) {
      for (const entry of this.range(MIN_ID, MAX_ID)) yield ['XADD' as Bytes, key, formatId(entry.id), ...entry.kv];
    } else {
      yield ['XADD' as Bytes, key, 'MAXLEN' as Bytes, '0' as Bytes, '0-1' as Bytes, 'x' as Bytes, 'y' as Bytes];
    }
    yield ['XSETID' as Bytes, key, formatId(this.lastId), 'ENTRIESADDED' as Bytes, b(this.entriesAdded), 'MAXDELETEDID' as Bytes, formatId(this.maxDeletedId)];
    const byName = (a: { name: Bytes }, z: { name: Bytes }): number => (a.name < z.name ? -1 : a.name > z.name ? 1 : 0);
    for (const group of [...(this.groups?.values() ?? [])].sort(byName)) {
      yield ['XGROUP' as Bytes, 'CREATE' as Bytes, key, group.name, formatId(group.lastId), 'ENTRIESREAD' as Bytes, b(group.entriesRead)];
      for (const consumer of group.sortedConsumers()) {
        if (consumer.pel.size === 0) {
          yield ['XGROUP' as Bytes, 'CREATECONSUMER' as Bytes, key, group.name, consumer.name];
          continue;
        }
        for (const [id, nack] of consumer.pel.entriesFrom()) {
          yield [
            'XCLAIM' as Bytes, key, group.name, consumer.name, '0' as Bytes, formatId(id), 'TIME' as Bytes, b(nack.deliveryTime),
            'RETRYCOUNT' as Bytes, b(nack.deliveryCount), 'JUSTID' as Bytes, 'FORCE' as Bytes,
          ];
        }
      }
    }
    // 8.6: XCFGSET when the stream's IDMP limits are not the configured defaults, then an
    // XIDMPRECORD per recorded iid (producers in byte order) whose entry still exists.
    const idmp = this.idmp;
    if (idmp === undefined) return;
    if (idmp.duration !== server.config.getNumber('stream-idmp-duration') || idmp.maxEntries !== server.config.getNumber('stream-idmp-maxsize')) {
      yield ['XCFGSET' as Bytes, key, 'IDMP-DURATION' as Bytes, b(idmp.duration), 'IDMP-MAXSIZE' as Bytes, b(idmp.maxEntries)];
    }
    for (const pid of [...idmp.producers.keys()].sort()) {
      for (const [iid, entry] of idmp.producers.get(pid) as Map<Bytes, { id: StreamId }>) {
        if (this.entry(entry.id) !== undefined) yield ['XIDMPRECORD' as Bytes, key, pid, iid, formatId(entry.id)];
      }
    }
  }

  /** DEBUG DIGEST: each entry's id ("ms.seq") then its fields and values, mixed in order. */
  digest(digest: ValueDigest): void {
    for (const entry of this.range(MIN_ID, MAX_ID)) {
      digest.mix(`${entry.id.ms}.${entry.id.seq}` as Bytes);
      for (const part of entry.kv) digest.mix(part);
    }
  }

  clone(): RedisStream {
    const copy = new RedisStream();
    copy.nodes = this.nodes.slice(this.head).map((node) => node.clone());
    copy.length = this.length;
    copy.firstId = this.firstId;
    copy.lastId = this.lastId;
    copy.maxDeletedId = this.maxDeletedId;
    copy.entriesAdded = this.entriesAdded;
    copy.consumerStruct = this.consumerStruct;
    copy.counters8 = this.counters8;
    copy.idmp = this.idmp?.clone();
    copy.allocSize8 = this.allocSize8;
    // streamDup makes the groups' tree with the first group it copies.
    if (this.groups !== undefined && this.groups.size !== 0) {
      copy.groups = new Map();
      for (const [name, group] of this.groups) {
        copy.groups.set(name, group.clone());
        // streamDup links each copied pending entry again: the index exists if one does.
        if (group.pel.size !== 0) copy.hasCgroupsRef = true;
      }
    }
    return copy;
  }

  /**
   * Allocations freeing it walks (lazyfreeGetFreeEffort): the radix tree's nodes, and per
   * group one plus the first group's PEL size, as Redis estimates it.
   */
  freeEffort(): number {
    let effort = this.raxNodes();
    const first = this.groups?.values().next().value;
    if (first !== undefined) effort += (this.groups as Map<Bytes, ConsumerGroup>).size * (1 + first.pel.size);
    return effort;
  }

  /**
   * objectComputeSize for a stream: the object and stream structs, the radix tree
   * (streamRadixTreeMemoryUsage), the allocations of the first `samples` listpacks
   * averaged over all but the last node plus the last node's own, and per group its
   * struct, PEL tree and NACKs and per consumer its struct, name and PEL tree.
   */
  memoryUsage(samples: number): number {
    if (this.allocSize8) return this.allocSize();
    const consumerStruct = this.consumerStruct;
    const nodeCount = this.nodeCount;
    let size = ROBJ_SIZE + STREAM_STRUCT + raxMemoryUsage(nodeCount, this.raxNodes());
    const limit = samples === 0 ? Number.POSITIVE_INFINITY : samples;
    let lpsize = 0;
    let sampled = 0;
    for (let i = this.head; i < this.nodes.length && sampled < limit; i++, sampled++) lpsize += (this.nodes[i] as StreamNode).alloc;
    if (nodeCount <= sampled) {
      size += lpsize;
    } else {
      if (sampled !== 0) lpsize = Math.floor(lpsize / sampled);
      size += lpsize * (nodeCount - 1) + (this.nodes[this.nodes.length - 1] as StreamNode).alloc;
    }
    if (this.groups !== undefined) {
      for (const group of this.groups.values()) {
        size += CG_STRUCT + raxMemoryUsage(group.pel.size, raxNodeCount(group.pel.keys())) + NACK_STRUCT * group.pel.size;
        for (const consumer of group.consumers.values()) {
          size += consumerStruct + consumer.name.length + raxMemoryUsage(consumer.pel.size, raxNodeCount(consumer.pel.keys()));
        }
      }
    }
    return size;
  }

  /**
   * Redis 8.6's MEMORY USAGE (kvobjAllocSize): the object with its name embedded (and room
   * for an expiry once the name reaches 128 bytes) plus the stream's alloc_size.
   */
  keyMemoryUsage(key: Bytes, samples: number): number | undefined {
    if (!this.allocSize8) return undefined;
    const sdsHeader = key.length < 32 ? 1 : key.length < 256 ? 3 : key.length < 65536 ? 5 : 9;
    return mallocSize(ROBJ_SIZE + (key.length >= 128 ? 8 : 0) + 1 + sdsHeader + key.length + 1) + this.memoryUsage(samples);
  }

  /**
   * alloc_size (Redis 8.6): what the stream counts as it allocates: its struct, its radix
   * tree and the listpacks' bytes (lpBytes, not their allocations), the groups' tree, each
   * group's struct, PEL tree, consumers' tree and NACKs, each consumer's struct, name (an
   * sds's header, length and terminator) and PEL tree, the cgroups_ref index of pending
   * ids, and the idempotent producers and their iids.
   */
  private allocSize(): number {
    const keys: string[] = [];
    let size = STREAM_STRUCT_8;
    for (let i = this.head; i < this.nodes.length; i++) {
      const node = this.nodes[i] as StreamNode;
      keys.push(idKey(node.master));
      size += node.bytes;
    }
    size += RAX_STRUCT + raxAllocSize(keys, this.hadNodes ? 16 : 0);
    if (this.groups !== undefined) {
      const groups = [...this.groups.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      size += RAX_STRUCT + raxAllocSize(groups.map((g) => g.name), this.lastGroupRemoved?.length ?? 0) + this.groupLeftovers.total();
      const pending = new Set<string>();
      for (const group of groups) {
        const pel: string[] = [];
        for (const id of group.pel.keys()) {
          const k = idKey(id);
          pel.push(k);
          pending.add(k);
        }
        const consumers = group.sortedConsumers();
        size += mallocSize(CG_STRUCT_8) + RAX_STRUCT + raxAllocSize(pel, group.pel.hadKeys ? 16 : 0) + NACK_STRUCT_8 * pel.length;
        size += RAX_STRUCT + raxAllocSize(consumers.map((c) => c.name), group.lastConsumerRemoved?.length ?? 0) + group.consumerLeftovers.total();
        for (const consumer of consumers) {
          const own: string[] = [];
          for (const id of consumer.pel.keys()) own.push(idKey(id));
          size += mallocSize(CONSUMER_STRUCT_8) + sdsSize(consumer.name.length) + RAX_STRUCT + raxAllocSize(own, consumer.pel.hadKeys ? 16 : 0);
        }
      }
      // The index had a key since it was made at the first pending entry.
      if (this.hasCgroupsRef) size += RAX_STRUCT + raxAllocSize([...pending].sort(), 16);
    }
    return size + (this.idmp?.allocSize() ?? 0);
  }
}

/** sdsAllocSize of a consumer's name: a type-5 sds (under 32 bytes) counts its exact bytes, others their allocation. */
function sdsSize(len: number): number {
  if (len > 0 && len < 32) return 1 + len + 1;
  return mallocSize((len < 256 ? 3 : len < 65536 ? 5 : 9) + len + 1);
}

/** a - b for a >= b >= 0 (counters as U64). */
export function subU64(a: U64, b: U64): U64 {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const r = BigInt(a) - BigInt(b);
  return r <= 9007199254740991n && r >= -9007199254740991n ? Number(r) : r;
}

/** The stream value type: TYPE stream, events of class t, never deleted when empty. */
export const streamType = defineValueType<RedisStream>({
  name: 'stream',
  eventClass: 't',
  isEmpty: () => false,
  rdbTypes: [RDB_TYPE_STREAM_LISTPACKS_2, RDB_TYPE_STREAM_LISTPACKS_3, RDB_TYPE_STREAM_LISTPACKS_4, RDB_TYPE_STREAM_LISTPACKS],
  rdbType: streamRdbType,
  rdbSave: saveStream,
  rdbLoad: loadStream,
});
