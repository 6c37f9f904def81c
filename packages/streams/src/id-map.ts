import { cmpId, type StreamId } from './id.js';

const CHUNK = 128;

interface Chunk<V> {
  keys: StreamId[];
  values: V[];
}

/**
 * A map from stream ids to values in id order (a PEL: Redis keeps it in a radix tree):
 * sorted chunks of at most 128 ids, so get, insert and remove are O(log n + 128), a
 * seek is O(log n) and iteration from it O(k). Appends of increasing ids (what
 * XREADGROUP does) fill the last chunk.
 */
export class IdMap<V> {
  private chunks: Array<Chunk<V>> = [];
  private count = 0;
  /** Something was ever inserted: an emptied radix tree keeps its head's allocation (Redis 8.6's MEMORY USAGE). */
  hadKeys = false;

  get size(): number {
    return this.count;
  }

  /** Index of the chunk that holds or would hold `key`. */
  private chunkFor(key: StreamId): number {
    const chunks = this.chunks;
    let lo = 0;
    let hi = chunks.length - 1;
    if (hi <= 0) return 0;
    // The last chunk whose first key is <= key (0 when none is).
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (cmpId((chunks[mid] as Chunk<V>).keys[0] as StreamId, key) <= 0) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private static position(keys: StreamId[], key: StreamId): number {
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmpId(keys[mid] as StreamId, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  get(key: StreamId): V | undefined {
    const chunk = this.chunks[this.chunkFor(key)];
    if (chunk === undefined) return undefined;
    const i = IdMap.position(chunk.keys, key);
    return i < chunk.keys.length && cmpId(chunk.keys[i] as StreamId, key) === 0 ? chunk.values[i] : undefined;
  }

  has(key: StreamId): boolean {
    return this.get(key) !== undefined;
  }

  /** Inserts or replaces. */
  set(key: StreamId, value: V): void {
    this.hadKeys = true;
    if (this.chunks.length === 0) {
      this.chunks.push({ keys: [key], values: [value] });
      this.count = 1;
      return;
    }
    const c = this.chunkFor(key);
    const chunk = this.chunks[c] as Chunk<V>;
    const keys = chunk.keys;
    const last = keys[keys.length - 1] as StreamId;
    let i: number;
    if (cmpId(last, key) < 0) {
      i = keys.length;
    } else {
      i = IdMap.position(keys, key);
      if (i < keys.length && cmpId(keys[i] as StreamId, key) === 0) {
        chunk.values[i] = value;
        return;
      }
    }
    this.count++;
    if (keys.length < CHUNK) {
      keys.splice(i, 0, key);
      chunk.values.splice(i, 0, value);
      return;
    }
    if (i === keys.length && c === this.chunks.length - 1) {
      this.chunks.push({ keys: [key], values: [value] });
      return;
    }
    keys.splice(i, 0, key);
    chunk.values.splice(i, 0, value);
    const half = keys.length >> 1;
    this.chunks.splice(c + 1, 0, { keys: keys.splice(half), values: chunk.values.splice(half) });
  }

  delete(key: StreamId): boolean {
    const c = this.chunkFor(key);
    const chunk = this.chunks[c];
    if (chunk === undefined) return false;
    const i = IdMap.position(chunk.keys, key);
    if (i >= chunk.keys.length || cmpId(chunk.keys[i] as StreamId, key) !== 0) return false;
    chunk.keys.splice(i, 1);
    chunk.values.splice(i, 1);
    this.count--;
    if (chunk.keys.length === 0) this.chunks.splice(c, 1);
    return true;
  }

  first(): [StreamId, V] | undefined {
    const chunk = this.chunks[0];
    return chunk === undefined ? undefined : [chunk.keys[0] as StreamId, chunk.values[0] as V];
  }

  last(): [StreamId, V] | undefined {
    const chunk = this.chunks[this.chunks.length - 1];
    if (chunk === undefined) return undefined;
    const n = chunk.keys.length - 1;
    return [chunk.keys[n] as StreamId, chunk.values[n] as V];
  }

  /** Entries with id >= `from` (all without), in id order; stable while the map is not changed. */
  *entriesFrom(from?: StreamId): IterableIterator<[StreamId, V]> {
    let c = from === undefined ? 0 : this.chunkFor(from);
    let i = from === undefined || this.chunks[c] === undefined ? 0 : IdMap.position((this.chunks[c] as Chunk<V>).keys, from);
    for (; c < this.chunks.length; c++, i = 0) {
      const chunk = this.chunks[c] as Chunk<V>;
      for (; i < chunk.keys.length; i++) yield [chunk.keys[i] as StreamId, chunk.values[i] as V];
    }
  }

  /** The first id >= `from`, or undefined. */
  ceiling(from: StreamId): StreamId | undefined {
    for (const [key] of this.entriesFrom(from)) return key;
    return undefined;
  }

  *keys(): IterableIterator<StreamId> {
    for (const chunk of this.chunks) yield* chunk.keys;
  }

  clone(mapValue: (value: V) => V): IdMap<V> {
    const copy = new IdMap<V>();
    copy.chunks = this.chunks.map((chunk) => ({ keys: chunk.keys.slice(), values: chunk.values.map(mapValue) }));
    copy.count = this.count;
    copy.hadKeys = this.count > 0;
    return copy;
  }
}
