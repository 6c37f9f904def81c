import { type Bytes, defineModuleState, type FakeServer, mallocSize, xxh3128 } from '@fakeredis/core';
import { cmpId, type StreamId } from './id.js';

/** CONFIG_STREAM_IDMP_{MIN,MAX}_{DURATION,MAXSIZE} (Redis 8.6). */
export const IDMP_MIN_DURATION = 1;
export const IDMP_MAX_DURATION = 86400;
export const IDMP_MIN_MAXSIZE = 1;
export const IDMP_MAX_MAXSIZE = 10000;

/** sizeof(idmpProducer) and sizeof(idmpEntry) before its inline iid, for MEMORY USAGE. */
const PRODUCER_STRUCT = 24;
const ENTRY_STRUCT = 32;
/** One recorded iid (idmpEntry): the id its XADD added. IDMPAUTO's iid is the 16-byte hash of the fields and values (idempotencyHash). */
export interface IdmpEntry {
  readonly id: StreamId;
}

/**
 * A stream's idempotent-producer state (Redis 8.6): its duration and size limit (XCFGSET),
 * per producer id the iids in insertion order (a Map keeps Redis's dict and linked list in
 * one), and the all-time counters XINFO STREAM shows.
 */
export class IdmpState {
  /** Producers by pid; Redis lists them in byte order (a radix tree). */
  readonly producers = new Map<Bytes, Map<Bytes, IdmpEntry>>();
  iidsAdded = 0;
  iidsDuplicates = 0;
  /** The set of streams whose iids the server's cron expires, once this one joined it (commands/idmp.ts). */
  tracker: Set<IdmpState> | undefined;

  constructor(
    public duration: number,
    public maxEntries: number,
  ) {}

  /** idmpGetOrCreateProducer. */
  producer(pid: Bytes): Map<Bytes, IdmpEntry> {
    let producer = this.producers.get(pid);
    if (producer === undefined) {
      producer = new Map();
      this.producers.set(pid, producer);
    }
    return producer;
  }

  /** idmpInsertEntry: appended, the oldest evicted past the size limit. */
  insert(producer: Map<Bytes, IdmpEntry>, iid: Bytes, entry: IdmpEntry): void {
    producer.set(iid, entry);
    this.iidsAdded++;
    if (producer.size > this.maxEntries) producer.delete(producer.keys().next().value as Bytes);
  }

  /** The iids recorded over all producers (XINFO's iids-tracked). */
  iidsTracked(): number {
    let n = 0;
    for (const producer of this.producers.values()) n += producer.size;
    return n;
  }

  /**
   * handleExpiredIdmpEntries for one stream: each producer's iids whose id is at least the
   * duration old go from the head; a producer left empty goes.
   */
  expire(now: number): void {
    const threshold = now - this.duration * 1000;
    for (const [pid, producer] of this.producers) {
      for (const [iid, entry] of producer) {
        if (Number(entry.id.ms) > threshold) break;
        producer.delete(iid);
      }
      if (producer.size === 0) this.producers.delete(pid);
    }
  }

  /** streamClearIdmpEntries (XCFGSET changing a limit). */
  clear(): void {
    this.producers.clear();
  }

  /** streamDup's copy. */
  clone(): IdmpState {
    const copy = new IdmpState(this.duration, this.maxEntries);
    copy.iidsAdded = this.iidsAdded;
    copy.iidsDuplicates = this.iidsDuplicates;
    for (const [pid, producer] of this.producers) copy.producers.set(pid, new Map(producer));
    // COPY registers the copy for the cron as Redis's copyCommand does.
    if (this.tracker !== undefined && copy.producers.size !== 0) {
      copy.tracker = this.tracker;
      this.tracker.add(copy);
    }
    return copy;
  }

  /** Producers in pid byte order (RDB, AOF). */
  sortedProducers(): Array<[Bytes, Map<Bytes, IdmpEntry>]> {
    return [...this.producers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** What the stream's alloc_size counts: producer structs and entries (the producers' tree and dicts are not counted by Redis). */
  allocSize(): number {
    let size = 0;
    for (const producer of this.producers.values()) {
      size += mallocSize(PRODUCER_STRUCT);
      for (const iid of producer.keys()) size += mallocSize(ENTRY_STRUCT + iid.length);
    }
    return size;
  }
}

/** idmpLookup: 0 not recorded, 1 recorded with this id, -1 recorded with another id. */
export function lookupIid(producer: Map<Bytes, IdmpEntry> | undefined, iid: Bytes, id: StreamId): number {
  const entry = producer?.get(iid);
  if (entry === undefined) return 0;
  return cmpId(entry.id, id) === 0 ? 1 : -1;
}

interface IdmpCron {
  /** Streams with recorded iids (Redis's per-database stream_idmp_keys; a copy joins its original's set). */
  readonly tracked: Set<IdmpState>;
  timer?: ReturnType<typeof setInterval>;
  stopTicking?: () => void;
}

const idmpCronState = defineModuleState<IdmpCron>('streams.idmp', () => ({ tracked: new Set() }));

/**
 * trackStreamIdmpEntries: the stream's iids are looked at by handleExpiredIdmpEntries,
 * which serverCron runs once a second (here: every second, and on every tick of a clock
 * driven by hand), until the stream has no producer left.
 */
export function trackIdmp(server: FakeServer, idmp: IdmpState): void {
  const cron = server.moduleState(idmpCronState);
  idmp.tracker = cron.tracked;
  cron.tracked.add(idmp);
  if (cron.timer !== undefined || server.closed) return;
  const run = (): void => {
    const now = server.clock.now();
    for (const state of cron.tracked) {
      state.expire(now);
      if (state.producers.size === 0) cron.tracked.delete(state);
    }
    if (cron.tracked.size === 0 || server.closed) {
      clearInterval(cron.timer);
      cron.stopTicking?.();
      cron.timer = undefined;
      cron.stopTicking = undefined;
    }
  };
  cron.timer = setInterval(run, 1000);
  cron.timer.unref?.();
  cron.stopTicking = server.clock.onTick(run);
}

const M64 = (1n << 64n) - 1n;
const rotl1 = (v: bigint): bigint => ((v << 1n) | (v >> 63n)) & M64;

/**
 * createIdempotencyHash (Redis 8.6's IDMPAUTO): each field-value pair hashed as the field,
 * its length (8 bytes, little-endian) and the value; the pair hashes combined by sums and
 * xors (so the order of the pairs does not matter); the 16 bytes of the result, low half
 * first, as the iid.
 */
export function idempotencyHash(kv: readonly string[]): string {
  let sumLo = 0n;
  let sumHi = 0n;
  let xorLo = 0n;
  let xorHi = 0n;
  for (let i = 0; i < kv.length; i += 2) {
    const field = Buffer.from(kv[i] as string, 'latin1');
    const value = Buffer.from(kv[i + 1] as string, 'latin1');
    const length = Buffer.alloc(8);
    length.writeBigUInt64LE(BigInt(field.length));
    const [lo, hi] = xxh3128(Buffer.concat([field, length, value]));
    sumLo = (sumLo + lo) & M64;
    sumHi = (sumHi + hi) & M64;
    xorLo ^= lo;
    xorHi ^= hi;
  }
  const out = Buffer.alloc(16);
  out.writeBigUInt64LE(sumLo ^ rotl1(xorHi), 0);
  out.writeBigUInt64LE(sumHi ^ rotl1(xorLo), 8);
  return out.toString('latin1');
}
