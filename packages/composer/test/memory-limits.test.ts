import type { Bytes } from '@fakeredis/core';
import { describe, expect, it } from 'vitest';
import { connectInMemory } from '../src/memory-connection.js';
import type { MemorySocket } from '../src/memory-socket.js';
import { Server70 } from './fixtures.js';

// The in-memory transport is accepted and accounted as a TCP connection is.

const ends = (port: number) => ({ client: { address: '127.0.0.1', port }, server: { address: '127.0.0.1', port: 6379 } });

/** Everything the socket reads until it ends. */
function readAll(socket: MemorySocket): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    socket.on('data', (d: Buffer) => {
      text += d.toString('latin1');
    });
    socket.on('end', () => resolve(text));
  });
}

describe('in-memory connections', () => {
  it('are refused past maxclients with Redis error, counted in rejected_connections', async () => {
    const server = new Server70({ config: { maxclients: 1 } });
    const first = connectInMemory(server, ends(50001));
    const second = connectInMemory(server, ends(50002));
    expect(await readAll(second)).toBe('-ERR max number of clients reached\r\n');
    expect(server.stats.rejectedConnections).toBe(1);
    expect([...server.clients.values()].filter((c) => c.transport)).toHaveLength(1);
    first.destroy();
  });

  it('count output the client has not read against client-output-buffer-limit', async () => {
    const server = new Server70({ config: { 'client-output-buffer-limit': 'pubsub 100000 0 0' } });
    const socket = connectInMemory(server, ends(50003));
    const ended = readAll(socket);
    const client = [...server.clients.values()].find((c) => c.transport !== undefined);
    if (client === undefined) throw new Error('no client');
    client.channels.add('ch' as Bytes);
    // Messages written in one tick have not reached the reader: they pile up as unsent output.
    for (let i = 0; i < 10 && !client.closed; i++) {
      client.push(['message', 'ch', 'x'.repeat(30_000)]);
      server.flushOutput();
    }
    expect(client.closed).toBe(true);
    // Closed as Redis closes such a client: what had not reached the reader is dropped.
    expect((await ended).length).toBe(0);
  });
});
