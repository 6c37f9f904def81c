import type { FakeServer } from '@fakeredis/core';
import type { WireConnection } from './connection.js';
import { showWire, type Wire } from './wire.js';

/** The pattern the event monitor subscribes to: both keyspace and keyevent channels. */
export const EVENT_PATTERN = '__key*__:*';
/** notify-keyspace-events a scenario with `events: true` runs under. */
export const DEFAULT_EVENT_CLASSES = 'KEA';

/** One keyspace notification as a subscriber sees it: the channel and the message. */
export interface KeyspaceMessage {
  channel: string;
  message: string;
}

/** What the monitor collected: the messages, and the raw pushes when read off a connection. */
export interface CollectedEvents {
  messages: KeyspaceMessage[];
  /** The pmessage replies as they came on the wire; undefined when observed in-process. */
  wires?: Wire[];
  /** Anything that is not a pmessage of the monitor's pattern (a bug on that side). */
  problems: string[];
}

/** Watches keyspace notifications during a scenario, on one server. */
export interface EventMonitor {
  /** Everything delivered up to now: waits for what is still in flight. */
  collect(timeoutMs: number): Promise<CollectedEvents>;
  close(): void;
}

/**
 * A monitor on a subscribed connection (the real server, or a fake with PSUBSCRIBE).
 * Notifications of a command are written to the subscriber before the command's own
 * reply is, and the server answers a connection in order, so a PING sent on the
 * monitoring connection once the steps are done is a barrier: every notification
 * published before it arrives before its reply. PING is allowed in subscribed mode
 * (RESP2 answers ["pong", ""], RESP3 +PONG).
 */
export async function subscribedMonitor(conn: WireConnection, close: () => void): Promise<EventMonitor> {
  const confirmation = await conn.send(['PSUBSCRIBE', EVENT_PATTERN]);
  const kind = confirmation.t === 'array' || confirmation.t === 'push' ? confirmation.v[0] : undefined;
  if (kind?.t !== 'bulk' || kind.v !== 'psubscribe') {
    throw new Error(`PSUBSCRIBE ${EVENT_PATTERN} failed: ${showWire(confirmation)}`);
  }
  return {
    async collect(timeoutMs) {
      // Sent without a waiter: the reader keeps the PING reply with the messages, in order.
      await conn.send(['PING'], 0);
      const deadline = Date.now() + timeoutMs;
      let barrier = conn.unsolicited.findIndex(isPong);
      while (barrier < 0 && Date.now() < deadline && !conn.closed) {
        await new Promise((r) => setTimeout(r, 2));
        barrier = conn.unsolicited.findIndex(isPong);
      }
      const problems: string[] = [];
      if (barrier < 0) problems.push(`no PING reply on the monitoring connection within ${timeoutMs} ms`);
      const wires = conn.unsolicited.splice(0, barrier < 0 ? conn.unsolicited.length : barrier + 1);
      if (barrier >= 0) wires.pop();
      const messages: KeyspaceMessage[] = [];
      for (const wire of wires) {
        const message = pmessage(wire);
        if (message === undefined) problems.push(`not a pmessage of ${EVENT_PATTERN}: ${showWire(wire)}`);
        else messages.push(message);
      }
      return { messages, wires, problems };
    },
    close,
  };
}

/**
 * A monitor that listens on the fake's notifier as the pub/sub hub does (a publisher
 * receives exactly the enabled notifications, channel and message), for a fake that
 * has no PSUBSCRIBE installed. Notifications are synchronous there: nothing is in flight.
 */
export function notifierMonitor(fake: FakeServer): EventMonitor {
  const messages: KeyspaceMessage[] = [];
  const remove = fake.notifier.addPublisher((channel, message) => {
    messages.push({ channel, message });
  });
  return {
    async collect() {
      return { messages: messages.splice(0), problems: [] };
    },
    close: () => {
      remove();
    },
  };
}

/** True when the fake can deliver notifications to a subscribed connection itself. */
export function fakeHasPsubscribe(fake: FakeServer): boolean {
  return fake.commands.get('psubscribe')?.handler !== undefined;
}

function isPong(wire: Wire): boolean {
  if (wire.t === 'simple') return wire.v === 'PONG';
  return wire.t === 'array' && wire.v.length === 2 && wire.v[0]?.t === 'bulk' && wire.v[0].v === 'pong';
}

/** The channel and message of a pmessage of the monitor's pattern, else undefined. */
function pmessage(wire: Wire): KeyspaceMessage | undefined {
  if ((wire.t !== 'array' && wire.t !== 'push') || wire.v.length !== 4) return undefined;
  const [kind, pattern, channel, message] = wire.v;
  if (kind?.t !== 'bulk' || kind.v !== 'pmessage' || pattern?.t !== 'bulk' || pattern.v !== EVENT_PATTERN) return undefined;
  if (channel?.t !== 'bulk' || message?.t !== 'bulk') return undefined;
  return { channel: channel.v, message: message.v };
}

/** Human-readable list of notifications, one per line. */
export function showMessages(messages: readonly KeyspaceMessage[], indent = ''): string {
  if (messages.length === 0) return '(none)';
  return messages.map((m) => `\n${indent}  ${JSON.stringify(m.channel)} ${JSON.stringify(m.message)}`).join('');
}

/** Undefined when both sides received the same notifications in the same order. */
export function compareEvents(expected: CollectedEvents, actual: CollectedEvents): string | undefined {
  const problems = [
    ...expected.problems.map((p) => `redis: ${p}`),
    ...actual.problems.map((p) => `fake: ${p}`),
  ];
  // Read off two connections, the pushes are compared exactly (types included).
  const same =
    expected.wires !== undefined && actual.wires !== undefined
      ? JSON.stringify(expected.wires) === JSON.stringify(actual.wires)
      : JSON.stringify(expected.messages) === JSON.stringify(actual.messages);
  if (same && problems.length === 0) return undefined;
  const lines = problems.map((p) => `\n  ${p}`).join('');
  return `${lines}\n  redis: ${showMessages(expected.messages, '  ')}\n  fake:  ${showMessages(actual.messages, '  ')}`;
}
