import type { FakeServer } from '@fakeredis/core';
import { connectFake, type WireConnection } from '../connection.js';
import { type KeyspaceMessage, notifierMonitor } from '../events.js';
import type { CommandStep, Step } from '../runner.js';
import type { Wire } from '../wire.js';
import { rowClasses } from './scenario.js';
import type { EventRow } from './types.js';

/**
 * Runs a row on the fake alone (rows newer than the reference redis-server): set-up
 * with notifications off, then the steps under the row's classes. Returns the
 * notifications and every step's reply (for the caller to check the scenario ran).
 */
export async function runRowOnFake(row: EventRow, fake: FakeServer, classes = rowClasses(row)): Promise<{ messages: KeyspaceMessage[]; replies: Wire[] }> {
  const conns = new Map<string, { conn: WireConnection; close: () => void }>();
  const replies: Wire[] = [];
  const run = async (steps: readonly Step[]) => {
    for (const step of steps) {
      if ('sleep' in step) await new Promise((r) => setTimeout(r, step.sleep));
      else if ('advance' in step) fake.clock.advance(step.advance);
      else if (Array.isArray(step) || 'cmd' in step) {
        const command: CommandStep = Array.isArray(step) ? { cmd: step } : step;
        const name = command.conn ?? 'a';
        let entry = conns.get(name);
        if (entry === undefined) conns.set(name, (entry = connectFake(fake)));
        replies.push(await entry.conn.send(command.cmd, command.replies ?? 1));
      } else throw new Error(`step ${JSON.stringify(step)} is not supported on the fake alone`);
    }
  };
  const monitor = notifierMonitor(fake);
  try {
    fake.config.set('notify-keyspace-events', '');
    await run(row.setup ?? []);
    fake.config.set('notify-keyspace-events', classes);
    await run(row.steps);
    return { messages: (await monitor.collect(0)).messages, replies };
  } finally {
    monitor.close();
    for (const { close } of conns.values()) close();
  }
}
