import type { Bytes } from '@fakeredis/core';
import { IdMap } from './id-map.js';
import { RaxLeftovers } from './rax.js';
import type { StreamId, U64 } from './id.js';

/** A pending entry (streamNACK): shared by the group's PEL and its owner's PEL. */
export class Nack {
  constructor(
    public deliveryTime: number,
    public deliveryCount: U64,
    public consumer: Consumer | undefined,
  ) {}
}

/** A consumer of a group (streamConsumer). */
export class Consumer {
  readonly pel = new IdMap<Nack>();
  constructor(
    readonly name: Bytes,
    /** Last time it was looked up (7.0's seen-time; 7.2's seen-time too). */
    public seenTime: number,
    /** 7.2: last time it read or claimed something; -1 never. */
    public activeTime = -1,
  ) {}
}

/** SCG_INVALID_ENTRIES_READ. */
export const INVALID_ENTRIES_READ = -1;

/** A consumer group (streamCG). */
export class ConsumerGroup {
  readonly pel = new IdMap<Nack>();
  readonly consumers = new Map<Bytes, Consumer>();
  /** The name of the consumer whose deletion emptied the group (its radix tree's head keeps that size). */
  lastConsumerRemoved: Bytes | undefined;
  /** What deletions left allocated in the consumers' tree (Redis 8.6's MEMORY USAGE). */
  readonly consumerLeftovers = new RaxLeftovers();

  constructor(
    readonly name: Bytes,
    public lastId: StreamId,
    /** entries_read, INVALID_ENTRIES_READ when unknown. */
    public entriesRead: U64,
  ) {}

  /** Consumers in name order (Redis keeps them in a radix tree). */
  sortedConsumers(): Consumer[] {
    return [...this.consumers.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** streamDelConsumer: its pending entries leave the group's PEL too. */
  deleteConsumer(consumer: Consumer): void {
    for (const [id] of consumer.pel.entriesFrom()) this.pel.delete(id);
    this.consumers.delete(consumer.name);
    this.lastConsumerRemoved = consumer.name;
    this.consumerLeftovers.removed(this.consumers.keys(), consumer.name);
  }

  /** Removes a pending entry from the group and its owner. */
  ack(id: StreamId, nack: Nack): void {
    this.pel.delete(id);
    nack.consumer?.pel.delete(id);
  }

  /** streamDup's copy: NACKs shared again between the copies' PELs. */
  clone(): ConsumerGroup {
    const copy = new ConsumerGroup(this.name, this.lastId, this.entriesRead);
    const copies = new Map<Nack, Nack>();
    const copied = this.pel.clone((nack) => {
      const c = new Nack(nack.deliveryTime, nack.deliveryCount, undefined);
      copies.set(nack, c);
      return c;
    });
    for (const [id, nack] of copied.entriesFrom()) copy.pel.set(id, nack);
    for (const consumer of this.consumers.values()) {
      const c = new Consumer(consumer.name, consumer.seenTime, consumer.activeTime);
      for (const [id, nack] of consumer.pel.entriesFrom()) {
        const n = copies.get(nack) as Nack;
        n.consumer = c;
        c.pel.set(id, n);
      }
      copy.consumers.set(c.name, c);
    }
    return copy;
  }
}
