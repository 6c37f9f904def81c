import type { Bytes } from './bytes.js';
import { ConfigError, type ConfigParameter } from './config/store.js';

/** notify-keyspace-events class letters and their bits, as Redis numbers them. */
const CLASS_BITS: Record<string, number> = {
  K: 1 << 0, // keyspace channel
  E: 1 << 1, // keyevent channel
  g: 1 << 2,
  $: 1 << 3,
  l: 1 << 4,
  s: 1 << 5,
  h: 1 << 6,
  z: 1 << 7,
  x: 1 << 8,
  e: 1 << 9,
  t: 1 << 10,
  m: 1 << 11,
  d: 1 << 12,
  n: 1 << 13,
};
const ALL_LETTERS = 'g$lshzxetd';
const ALL = [...ALL_LETTERS].reduce((bits, c) => bits | (CLASS_BITS[c] as number), 0);

/**
 * Parses the parameter's letters into bits, with Redis's error for a bad letter. The
 * letters are read as a C string: a NUL byte ends them (keyspaceEventsStringToFlags).
 */
export function parseNotifyFlags(value: string): number {
  let flags = 0;
  for (const c of value) {
    if (c === '\0') break;
    if (c === 'A') flags |= ALL;
    else {
      const bit = CLASS_BITS[c];
      if (bit === undefined) throw new ConfigError("Invalid event class character. Use 'Ag$lshzxeKEtmdn'.");
      flags |= bit;
    }
  }
  return flags;
}

/**
 * Formats bits back as Redis's canonical string ("AKE", "gxE" ...), quirks included:
 * with every class of A set, `n` is not shown although it stays on ("KEAn" reads "AKE").
 */
export function formatNotifyFlags(flags: number): string {
  let out = '';
  if ((flags & ALL) === ALL) out = 'A';
  else for (const c of `${ALL_LETTERS}n`) if (flags & (CLASS_BITS[c] as number)) out += c;
  if (flags & (CLASS_BITS.K as number)) out += 'K';
  if (flags & (CLASS_BITS.E as number)) out += 'E';
  if (flags & (CLASS_BITS.m as number)) out += 'm';
  return out;
}

/**
 * The `notify-keyspace-events` parameter. Redis keeps the bits, not the text: CONFIG GET
 * formats them, so a value whose text loses a class ("KEAn" shows as "AKE") keeps it
 * working. The bits parsed by a CONFIG SET are applied as they are; a rollback restores
 * from the text, as Redis's does (it re-parses the value it read back).
 */
export function notifyKeyspaceEventsParameter(notifier: KeyspaceNotifier, defaultValue: string): ConfigParameter {
  let parsed: number | undefined;
  return {
    name: 'notify-keyspace-events',
    default: defaultValue,
    parse: (value) => {
      parsed = parseNotifyFlags(value);
      return formatNotifyFlags(parsed);
    },
    apply: (value) => {
      notifier.flags = parsed ?? parseNotifyFlags(value);
      parsed = undefined;
    },
  };
}

export interface KeyspaceEvent {
  eventClass: string;
  event: string;
  key: Bytes;
  db: number;
}

/** Receives a keyspace notification as a pub/sub publish: channel and message. */
export type NotificationPublisher = (channel: Bytes, message: Bytes) => void;

/**
 * Keyspace notifications: decides from `notify-keyspace-events` whether an event is
 * sent, and publishes it on `__keyspace@<db>__:<key>` and `__keyevent@<db>__:<event>`
 * through the pub/sub hub. Every event, sent or not, also reaches the event listeners
 * (tests and tooling observe emit points there).
 */
export class KeyspaceNotifier {
  flags = 0;
  private readonly publishers = new Set<NotificationPublisher>();
  private readonly listeners = new Set<(event: KeyspaceEvent) => void>();


  /** Connects a publisher (the pub/sub hub) that delivers enabled notifications. */
  addPublisher(publisher: NotificationPublisher): () => void {
    this.publishers.add(publisher);
    return () => this.publishers.delete(publisher);
  }

  /** Observes every event a command emits, whether or not the config enables it. */
  onEvent(listener: (event: KeyspaceEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(eventClass: string, event: string, key: Bytes, db: number): void {
    if (this.listeners.size > 0) {
      for (const listener of this.listeners) listener({ eventClass, event, key, db });
    }
    const flags = this.flags;
    if (flags === 0 || !(flags & (CLASS_BITS[eventClass] ?? 0))) return;
    if (this.publishers.size === 0) return;
    if (flags & (CLASS_BITS.K as number)) {
      this.publish(`__keyspace@${db}__:${key}` as Bytes, event as Bytes);
    }
    if (flags & (CLASS_BITS.E as number)) {
      this.publish(`__keyevent@${db}__:${event}` as Bytes, key);
    }
  }

  private publish(channel: Bytes, message: Bytes): void {
    for (const publisher of this.publishers) publisher(channel, message);
  }
}
