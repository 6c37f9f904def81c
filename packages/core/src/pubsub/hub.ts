import { type Bytes, bytesFromText, bytesToText } from '../bytes.js';
import type { Client } from '../client.js';
import type { KeyIndex } from '../database.js';
import { compileGlob, type GlobMatcher } from '../glob.js';
import { PushReply } from '../reply.js';
import type { FakeServer } from '../server.js';
import { dictMemory, listMemory, newTables, type SubscriptionTables } from './memory.js';
import {
  type NextMessageOptions,
  PubSubObservers,
  type PubSubMessage,
  type PubSubName,
  type WaitForSubscribersOptions,
} from './observers.js';

const MESSAGE = 'message' as Bytes;
const PMESSAGE = 'pmessage' as Bytes;
const SMESSAGE = 'smessage' as Bytes;
const SUNSUBSCRIBE = 'sunsubscribe' as Bytes;

/** A pattern's subscribers and its matcher, compiled once when first subscribed. */
interface PatternSubscribers {
  readonly matches: GlobMatcher;
  readonly clients: Set<Client>;
}

/**
 * Subscriber counts by name, as `subscriptions()` reports them: names as text (UTF-8
 * decoded), in subscription order.
 */
export interface SubscriptionCounts {
  readonly channels: Map<string, number>;
  readonly patterns: Map<string, number>;
  readonly shardChannels: Map<string, number>;
}

/**
 * The server's pub/sub registry (Redis's server.pubsub_channels, pubsub_patterns and
 * pubsubshard_channels): who listens to what, and the delivery of published messages,
 * keyspace notifications included. A client's own subscriptions stay on the client
 * (`channels`, `patterns`, `shardChannels`, which CLIENT LIST reads); the hub keeps both
 * sides in step. Subscribers of a channel or pattern are served in subscription order.
 *
 * Test helpers (`nextMessage`, `waitForSubscribers`, `onMessage`, `subscriptions`) see
 * every publish without being subscribers: they never count as receivers.
 */
export class PubSubHub {
  private readonly channelSubscribers = new Map<Bytes, Set<Client>>();
  private readonly patternSubscribers = new Map<Bytes, PatternSubscribers>();
  private readonly shardSubscribers = new Map<Bytes, Set<Client>>();
  /** Each client's subscription tables, for its memory figure (CLIENT LIST tot-mem). */
  private readonly tables = new WeakMap<Client, SubscriptionTables>();
  /** Test helpers waiting on messages and subscriptions. */
  private readonly observers: PubSubObservers;
  /** An index a module keeps of the shard channels that have subscribers (told as channels come and go). */
  shardChannelIndex: Pick<KeyIndex, 'added' | 'removed'> | undefined;
  /** Who passes PUBLISH / SPUBLISH on (a cluster node to the others). */
  private readonly commandListeners: Array<(channel: Bytes, message: Bytes, sharded: boolean) => void> = [];

  constructor(private readonly server: FakeServer) {
    this.observers = new PubSubObservers(this);
    server.notifier.addPublisher((channel, message) => {
      this.publish(channel, message);
    });
    // A client that goes away or RESETs leaves no trace, and is sent nothing about it.
    const drop = (client: Client) => this.dropClient(client);
    (server.hooks.clientRemoved ??= []).push(drop);
    (server.hooks.clientReset ??= []).push(drop);
    server.onClose(() => this.observers.serverClosed());
  }

  // ---- counts (INFO, PUBSUB NUMPAT, NUMSUB) --------------------------------------

  /** Channels with at least one subscriber (INFO pubsub_channels). */
  get channelCount(): number {
    return this.channelSubscribers.size;
  }

  /** Distinct patterns with at least one subscriber (PUBSUB NUMPAT, INFO pubsub_patterns). */
  get patternCount(): number {
    return this.patternSubscribers.size;
  }

  /** Shard channels with at least one subscriber (INFO pubsubshard_channels). */
  get shardChannelCount(): number {
    return this.shardSubscribers.size;
  }

  /** Subscribers of a channel, pattern subscriptions excluded (PUBSUB NUMSUB). */
  numsub(channel: Bytes): number {
    return this.channelSubscribers.get(channel)?.size ?? 0;
  }

  /** Subscribers of a pattern. */
  numpatsub(pattern: Bytes): number {
    return this.patternSubscribers.get(pattern)?.clients.size ?? 0;
  }

  /** Subscribers of a shard channel (PUBSUB SHARDNUMSUB). */
  shardNumsub(channel: Bytes): number {
    return this.shardSubscribers.get(channel)?.size ?? 0;
  }

  /** Active channels, all or those matching a glob pattern (PUBSUB CHANNELS). */
  activeChannels(pattern?: Bytes): Bytes[] {
    return filterNames(this.channelSubscribers.keys(), pattern);
  }

  /** Active shard channels, all or those matching a glob pattern (PUBSUB SHARDCHANNELS). */
  activeShardChannels(pattern?: Bytes): Bytes[] {
    return filterNames(this.shardSubscribers.keys(), pattern);
  }

  /** True once the server has closed: nothing more will be published. */
  get closed(): boolean {
    return this.server.closed;
  }

  /** Every channel, pattern and shard channel with its number of subscribers. */
  subscriptions(): SubscriptionCounts {
    const sizes = <V>(map: Map<Bytes, V>, size: (v: V) => number) =>
      new Map([...map].map(([name, v]) => [displayName(name), size(v)]));
    return {
      channels: sizes(this.channelSubscribers, (clients) => clients.size),
      patterns: sizes(this.patternSubscribers, (entry) => entry.clients.size),
      shardChannels: sizes(this.shardSubscribers, (clients) => clients.size),
    };
  }

  // ---- test helpers --------------------------------------------------------------

  /**
   * Resolves with the next message published on a channel (or, with `pattern`, on any
   * channel matching a glob pattern; with `shard`, by SPUBLISH), keyspace notifications
   * included. Call it before the action that publishes: it sees only later messages.
   */
  nextMessage(name: PubSubName, options?: NextMessageOptions): Promise<PubSubMessage> {
    return this.observers.nextMessage(name, options);
  }

  /** Resolves once a channel (pattern, shard channel) has at least `count` subscribers (default 1). */
  waitForSubscribers(name: PubSubName, options?: WaitForSubscribersOptions): Promise<void> {
    return this.observers.waitForSubscribers(name, options);
  }

  /** Calls `listener` on every publish (keyspace notifications included); returns the unsubscribe. */
  onMessage(listener: (message: PubSubMessage) => void): () => void {
    return this.observers.onMessage(listener);
  }

  /**
   * What a client's subscriptions add to its memory (pubsubMemOverhead, in CLIENT LIST's
   * tot-mem): dict entries and buckets for channels and shard channels; for patterns, a
   * list node each in Redis 7.0, a dict from 7.2.
   */
  clientMemory(client: Client): number {
    const tables = this.tables.get(client);
    if (tables === undefined) return 0;
    const patterns = this.server.versionAtLeast('7.2.0')
      ? dictMemory(client.patterns.size, tables.patterns)
      : listMemory(client.patterns.size);
    return patterns + dictMemory(client.channels.size, tables.channels) + dictMemory(client.shardChannels.size, tables.shardChannels);
  }

  private tablesOf(client: Client): SubscriptionTables {
    let tables = this.tables.get(client);
    if (tables === undefined) {
      tables = newTables();
      this.tables.set(client, tables);
    }
    return tables;
  }

  // ---- subscriptions -------------------------------------------------------------

  /** Subscribes a client to a channel; false when it already was. */
  subscribe(client: Client, channel: Bytes): boolean {
    if (client.channels.has(channel)) return false;
    this.tablesOf(client).channels.beforeAdd(client.channels.size);
    client.channels.add(channel);
    addSubscriber(this.channelSubscribers, channel, client);
    this.observers.subscribed();
    return true;
  }

  /** Unsubscribes a client from a channel; false when it was not subscribed. */
  unsubscribe(client: Client, channel: Bytes): boolean {
    if (!client.channels.delete(channel)) return false;
    this.tables.get(client)?.channels.changed();
    removeSubscriber(this.channelSubscribers, channel, client);
    return true;
  }

  /** Subscribes a client to a glob pattern; false when it already was. */
  psubscribe(client: Client, pattern: Bytes): boolean {
    if (client.patterns.has(pattern)) return false;
    this.tablesOf(client).patterns.beforeAdd(client.patterns.size);
    client.patterns.add(pattern);
    let entry = this.patternSubscribers.get(pattern);
    if (entry === undefined) {
      entry = { matches: compileGlob(pattern), clients: new Set() };
      this.patternSubscribers.set(pattern, entry);
    }
    entry.clients.add(client);
    this.observers.subscribed();
    return true;
  }

  /** Unsubscribes a client from a pattern; false when it was not subscribed. */
  punsubscribe(client: Client, pattern: Bytes): boolean {
    if (!client.patterns.delete(pattern)) return false;
    this.tables.get(client)?.patterns.changed();
    const entry = this.patternSubscribers.get(pattern);
    if (entry !== undefined) {
      entry.clients.delete(client);
      if (entry.clients.size === 0) this.patternSubscribers.delete(pattern);
    }
    return true;
  }

  /** Subscribes a client to a shard channel; false when it already was. */
  ssubscribe(client: Client, channel: Bytes): boolean {
    if (client.shardChannels.has(channel)) return false;
    this.tablesOf(client).shardChannels.beforeAdd(client.shardChannels.size);
    client.shardChannels.add(channel);
    if (!this.shardSubscribers.has(channel)) this.shardChannelIndex?.added(channel);
    addSubscriber(this.shardSubscribers, channel, client);
    this.observers.subscribed();
    return true;
  }

  /** Unsubscribes a client from a shard channel; false when it was not subscribed. */
  sunsubscribe(client: Client, channel: Bytes): boolean {
    if (!client.shardChannels.delete(channel)) return false;
    this.tables.get(client)?.shardChannels.changed();
    removeSubscriber(this.shardSubscribers, channel, client);
    if (!this.shardSubscribers.has(channel)) this.shardChannelIndex?.removed(channel);
    return true;
  }

  /** Drops every subscription of a client without telling it (disconnect, kill, RESET). */
  dropClient(client: Client): void {
    for (const channel of [...client.channels]) this.unsubscribe(client, channel);
    for (const pattern of [...client.patterns]) this.punsubscribe(client, pattern);
    for (const channel of [...client.shardChannels]) this.sunsubscribe(client, channel);
  }

  // ---- publishing ----------------------------------------------------------------

  /**
   * Sends a message to a channel's subscribers, then to the subscribers of every pattern
   * that matches it; returns the number of deliveries (a client subscribed through a
   * channel and a pattern receives, and counts, twice). Keyspace notifications come here.
   */
  publish(channel: Bytes, message: Bytes): number {
    let receivers = 0;
    const clients = this.channelSubscribers.get(channel);
    if (clients !== undefined) {
      const push = new PushReply([MESSAGE, channel, message]);
      for (const client of clients) this.deliver(client, push);
      receivers += clients.size;
    }
    if (this.patternSubscribers.size > 0) {
      for (const [pattern, entry] of this.patternSubscribers) {
        if (!entry.matches(channel)) continue;
        const push = new PushReply([PMESSAGE, pattern, channel, message]);
        for (const client of entry.clients) this.deliver(client, push);
        receivers += entry.clients.size;
      }
    }
    this.observers.published(channel, message, false);
    this.server.flushIfIdle();
    return receivers;
  }

  /** Sends a message to a shard channel's subscribers (patterns do not apply). */
  spublish(channel: Bytes, message: Bytes): number {
    const clients = this.shardSubscribers.get(channel);
    let receivers = 0;
    if (clients !== undefined) {
      const push = new PushReply([SMESSAGE, channel, message]);
      for (const client of clients) this.deliver(client, push);
      receivers = clients.size;
    }
    this.observers.published(channel, message, true);
    this.server.flushIfIdle();
    return receivers;
  }

  /**
   * PUBLISH / SPUBLISH (pubsubPublishMessageAndPropagateToCluster): delivered here, then
   * passed to the `onPublishCommand` listeners (a cluster's other nodes).
   */
  publishCommand(channel: Bytes, message: Bytes, sharded: boolean): number {
    const receivers = sharded ? this.spublish(channel, message) : this.publish(channel, message);
    for (const listener of this.commandListeners) listener(channel, message, sharded);
    return receivers;
  }

  /** Calls `listener` after each PUBLISH / SPUBLISH delivered here (keyspace events are not passed on). */
  onPublishCommand(listener: (channel: Bytes, message: Bytes, sharded: boolean) => void): void {
    this.commandListeners.push(listener);
  }

  /**
   * pubsubShardUnsubscribeAllClients: a shard channel loses every subscriber (its slot
   * moved away), each told with a `sunsubscribe` message carrying its shard count.
   */
  unsubscribeShardChannel(channel: Bytes): void {
    const clients = this.shardSubscribers.get(channel);
    if (clients === undefined) return;
    for (const client of [...clients]) {
      this.sunsubscribe(client, channel);
      this.deliver(client, new PushReply([SUNSUBSCRIBE, channel, client.shardChannels.size]));
    }
    this.server.flushIfIdle();
  }

  /**
   * Writes a message to a subscriber. Redis 7.0 writes it where the client's output
   * stands: for the client whose command published it (PUBLISH to itself, a keyspace
   * event of its own write), before the command's reply, and inside EXEC's reply when
   * the transaction published it. Redis 7.2 holds such a message until after the reply
   * (after EXEC's whole reply too).
   */
  private deliver(client: Client, push: PushReply): void {
    if (this.server.versionAtLeast('7.2.0')) {
      if (client === this.server.currentClient) client.deferPush(push);
      else client.push(push);
    } else if (client.execReplies !== undefined) {
      client.execReplies.push(push);
    } else {
      client.push(push);
    }
  }
}

/** A name as text: UTF-8 when it is valid UTF-8, else its bytes as latin1 (names stay distinct). */
function displayName(name: Bytes): string {
  const text = bytesToText(name);
  return bytesFromText(text) === name ? text : name;
}

function addSubscriber(map: Map<Bytes, Set<Client>>, name: Bytes, client: Client): void {
  let clients = map.get(name);
  if (clients === undefined) {
    clients = new Set();
    map.set(name, clients);
  }
  clients.add(client);
}

/** Removes a subscriber, and the channel once nobody listens (as Redis frees it). */
function removeSubscriber(map: Map<Bytes, Set<Client>>, name: Bytes, client: Client): void {
  const clients = map.get(name);
  if (clients === undefined) return;
  clients.delete(client);
  if (clients.size === 0) map.delete(name);
}

/** Names matching a glob pattern (Redis's stringmatchlen: "*" misses the empty name); all without one. */
function filterNames(names: Iterable<Bytes>, pattern: Bytes | undefined): Bytes[] {
  if (pattern === undefined) return [...names];
  const matches = compileGlob(pattern);
  const out: Bytes[] = [];
  for (const name of names) if (matches(name)) out.push(name);
  return out;
}
