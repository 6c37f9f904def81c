import { type Bytes, bytesFromBuffer, bytesFromText, bytesToBuffer, bytesToText } from '../bytes.js';
import { compileGlob } from '../glob.js';
import type { PubSubHub } from './hub.js';

/** A channel or pattern name: text (sent as UTF-8, as clients send it) or raw bytes. */
export type PubSubName = string | Uint8Array;

/** A published message as a test helper sees it. */
export interface PubSubMessage {
  /** 'message' (PUBLISH, keyspace events), 'pmessage' (matched by a pattern), 'smessage' (SPUBLISH). */
  readonly kind: 'message' | 'pmessage' | 'smessage';
  /** The channel and the message as text (UTF-8 decoded). */
  readonly channel: string;
  readonly message: string;
  /** The pattern that matched, for a 'pmessage'. */
  readonly pattern?: string;
  /** The same, as raw bytes. */
  readonly channelBuffer: Buffer;
  readonly messageBuffer: Buffer;
}

export interface NextMessageOptions {
  /** The name is a glob pattern (as PSUBSCRIBE takes) rather than a channel. */
  pattern?: boolean;
  /** Wait for SPUBLISH on a shard channel rather than PUBLISH. */
  shard?: boolean;
  /** Reject when nothing arrives within this many milliseconds; default: wait on. */
  timeoutMs?: number;
}

export interface WaitForSubscribersOptions {
  /** The name is a pattern: wait for PSUBSCRIBE subscribers of exactly that pattern. */
  pattern?: boolean;
  /** The name is a shard channel (SSUBSCRIBE). */
  shard?: boolean;
  /** How many subscribers to wait for; default 1. */
  count?: number;
  /** Reject when they are not there within this many milliseconds; default: wait on. */
  timeoutMs?: number;
}

interface Waiter {
  readonly settle: (error?: Error) => void;
}

interface MessageWaiter extends Waiter {
  /** The kind of message the waiter takes for this publish, or undefined when it is not for it. */
  readonly accepts: (channel: Bytes, shard: boolean) => PubSubMessage['kind'] | undefined;
  readonly pattern: string | undefined;
  readonly deliver: (message: PubSubMessage) => void;
}

interface SubscriberWaiter extends Waiter {
  readonly ready: () => boolean;
}

/**
 * What tests use to wait on pub/sub without sleeping: the next message on a channel or
 * pattern, the moment a channel has subscribers, every publish. They see messages as
 * they are published, whether or not a client subscribes, and are never receivers.
 */
export class PubSubObservers {
  private readonly listeners = new Set<(message: PubSubMessage) => void>();
  private readonly messageWaiters = new Set<MessageWaiter>();
  private readonly subscriberWaiters = new Set<SubscriberWaiter>();

  constructor(private readonly hub: PubSubHub) {}

  /** Calls `listener` on every PUBLISH and SPUBLISH (keyspace events included); returns the unsubscribe. */
  onMessage(listener: (message: PubSubMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the next message published on a channel, pattern or shard channel. */
  nextMessage(name: PubSubName, options: NextMessageOptions = {}): Promise<PubSubMessage> {
    if (options.pattern && options.shard) throw new TypeError('shard channels take no patterns');
    const target = toBytes(name);
    const wantShard = options.shard === true;
    const matchesPattern = options.pattern ? compileGlob(target) : undefined;
    const what = `${wantShard ? 'shard channel' : options.pattern ? 'pattern' : 'channel'} '${bytesToText(target)}'`;
    const pattern = matchesPattern === undefined ? undefined : bytesToText(target);
    const timeoutText = `no message on ${what}`;
    return this.wait<PubSubMessage, MessageWaiter>(this.messageWaiters, options.timeoutMs, timeoutText, (resolve, settle) => ({
      settle,
      deliver: resolve,
      pattern,
      accepts: (channel, shard) => {
        if (shard !== wantShard) return undefined;
        if (matchesPattern !== undefined) return matchesPattern(channel) ? 'pmessage' : undefined;
        if (channel !== target) return undefined;
        return shard ? 'smessage' : 'message';
      },
    }));
  }

  /** Resolves once a channel (or pattern, or shard channel) has at least `count` subscribers. */
  waitForSubscribers(name: PubSubName, options: WaitForSubscribersOptions = {}): Promise<void> {
    if (options.pattern && options.shard) throw new TypeError('shard channels take no patterns');
    const target = toBytes(name);
    const count = options.count ?? 1;
    const size = options.shard
      ? () => this.hub.shardNumsub(target)
      : options.pattern
        ? () => this.hub.numpatsub(target)
        : () => this.hub.numsub(target);
    if (size() >= count) return Promise.resolve();
    const what = `${options.shard ? 'shard channel' : options.pattern ? 'pattern' : 'channel'} '${bytesToText(target)}'`;
    const timeoutText = `fewer than ${count} subscribers on ${what}`;
    return this.wait<void, SubscriberWaiter>(this.subscriberWaiters, options.timeoutMs, timeoutText, (_resolve, settle) => ({
      settle,
      ready: () => size() >= count,
    }));
  }

  /** Engine side: a message was published. */
  published(channel: Bytes, message: Bytes, shard: boolean): void {
    if (this.listeners.size === 0 && this.messageWaiters.size === 0) return;
    const text = { channel: bytesToText(channel), message: bytesToText(message) };
    const make = (kind: PubSubMessage['kind'], pattern?: string): PubSubMessage => ({
      kind,
      ...text,
      ...(pattern === undefined ? {} : { pattern }),
      channelBuffer: bytesToBuffer(channel),
      messageBuffer: bytesToBuffer(message),
    });
    for (const listener of [...this.listeners]) {
      // A failing test listener must not fail the command that published: it is rethrown
      // outside it, where the test runner reports it.
      try {
        listener(make(shard ? 'smessage' : 'message'));
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
    for (const waiter of [...this.messageWaiters]) {
      const kind = waiter.accepts(channel, shard);
      if (kind !== undefined) waiter.deliver(make(kind, waiter.pattern));
    }
  }

  /** Engine side: a client subscribed to something. */
  subscribed(): void {
    if (this.subscriberWaiters.size === 0) return;
    for (const waiter of [...this.subscriberWaiters]) if (waiter.ready()) waiter.settle();
  }

  /** Engine side: the server closed; nothing more will arrive. */
  serverClosed(): void {
    const error = new Error('the fake server closed');
    for (const waiter of [...this.messageWaiters, ...this.subscriberWaiters]) waiter.settle(error);
  }

  /**
   * A promise settled by a waiter kept in `set` until it settles, with an optional
   * timeout (unref'd, so a forgotten wait never keeps the process alive).
   */
  private wait<T, W extends Waiter>(
    set: Set<W>,
    timeoutMs: number | undefined,
    timeoutText: string,
    make: (resolve: (value: T) => void, settle: (error?: Error) => void) => W,
  ): Promise<T> {
    if (this.hub.closed) return Promise.reject(new Error('the fake server closed'));
    return new Promise<T>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let value: T | undefined;
      const settle = (error?: Error) => {
        if (!set.delete(waiter)) return;
        if (timer !== undefined) clearTimeout(timer);
        if (error) reject(error);
        else resolve(value as T);
      };
      const waiter = make((v) => {
        value = v;
        settle();
      }, settle);
      set.add(waiter);
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => settle(new Error(`${timeoutText} within ${timeoutMs} ms`)), timeoutMs);
        timer.unref?.();
      }
    });
  }
}

function toBytes(name: PubSubName): Bytes {
  return typeof name === 'string' ? bytesFromText(name) : bytesFromBuffer(name);
}
