import { type Database, type FakeServer, heapify, heapPop, heapPush } from '@fakeredis/core';
import type { HashValue } from '../value/hash-value.js';
import { expireHashFields } from './expire-fields.js';

interface Item {
  at: number;
  hash: HashValue;
}

/**
 * The active expiry of hash fields (Redis's db->hexpires): hashes with TTL fields, by
 * their earliest TTL. The server's expiry cycle runs it; each due hash loses its expired
 * fields and is scheduled again for its next TTL. A hash records where it lives (set
 * when a key is added: new key, RENAME, MOVE, COPY); after SWAPDB it is found in the
 * database that now holds its key. Items of hashes deleted or overwritten are dropped
 * when they come up, or all at once when the heap has grown.
 */
export class FieldExpiryRegistry {
  private heap: Item[] = [];
  /** Hashes with a live item. */
  private scheduled = 0;
  private validateAt = 1024;

  constructor(private readonly server: FakeServer) {}

  /** Makes sure the hash is looked at by its earliest field TTL. */
  schedule(hash: HashValue): void {
    const at = hash.nextExpiry();
    if (at === undefined) return;
    if (hash.scheduledAt !== undefined && hash.scheduledAt <= at) return;
    if (hash.scheduledAt === undefined) this.scheduled++;
    hash.scheduledAt = at;
    heapPush(this.heap, { at, hash });
    if (this.heap.length > this.validateAt) this.validate();
    this.server.expiryScheduled();
  }

  /** One active expiry pass; returns how many hashes still wait. */
  run(now: number): number {
    const heap = this.heap;
    while (heap.length > 0 && (heap[0] as Item).at < now) {
      const { at, hash } = heapPop(this.heap) as Item;
      if (hash.scheduledAt !== at) continue;
      hash.scheduledAt = undefined;
      this.scheduled--;
      const db = this.locate(hash);
      if (db === undefined || hash.home === undefined) continue;
      if (!expireHashFields(db, hash.home.key, hash, now)) this.schedule(hash);
    }
    return this.scheduled;
  }

  /** The database holding the hash under its key, or undefined when it is gone. */
  private locate(hash: HashValue): Database | undefined {
    const home = hash.home;
    if (home === undefined) return undefined;
    if (home.db.peek(home.key)?.value === hash) return home.db;
    for (const db of this.server.databases) {
      if (db.peek(home.key)?.value === hash) {
        home.db = db;
        return db;
      }
    }
    return undefined;
  }

  /** Drops items of hashes that went away or were rescheduled; amortized O(1) per push. */
  private validate(): void {
    const live: Item[] = [];
    for (const item of this.heap) {
      if (item.hash.scheduledAt !== item.at) continue;
      if (this.locate(item.hash) === undefined) {
        item.hash.scheduledAt = undefined;
        this.scheduled--;
        continue;
      }
      live.push(item);
    }
    heapify(live);
    this.heap = live;
    this.validateAt = Math.max(1024, 2 * live.length);
  }
}

const registries = new WeakMap<FakeServer, FieldExpiryRegistry>();

/** The server's registry (created when the hash mixin is installed). */
export function fieldExpiry(server: FakeServer): FieldExpiryRegistry {
  let registry = registries.get(server);
  if (registry === undefined) {
    registry = new FieldExpiryRegistry(server);
    registries.set(server, registry);
  }
  return registry;
}
