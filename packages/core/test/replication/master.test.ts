import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Bytes, coreMixins, FakeServer, MutableString, rdbParse } from '../../src/index.js';
import { jemallocSizeClass, ReplicationBacklog } from '../../src/replication/backlog.js';
import { connect, encode } from '../connection/wire.js';

/**
 * The master side in process, over in-memory connections (the comparisons with
 * redis-server 7.0.15 and a real replica are in @fakeredis/server's replication tests).
 */

/** Strings written straight into database 0 (core has no SET). */
function seed(server: FakeServer, data: Record<string, string>): void {
  for (const [key, value] of Object.entries(data)) server.db(0).set(key as Bytes, new MutableString(value as Bytes));
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** A replica's handshake on an in-memory connection; what it has received so far. */
function attachReplica(server: FakeServer, capa: string[] = ['capa', 'eof', 'capa', 'psync2']) {
  const link = connect(server, '127.0.0.1:50100');
  let received = '';
  const write = link.client.transport!.write;
  (link.client.transport as { write: (s: string) => void }).write = (s) => {
    received += s;
    write(s);
  };
  expect(link.send('REPLCONF', 'listening-port', '7777')).toBe('+OK\r\n');
  if (capa.length > 0) expect(link.send('REPLCONF', ...capa)).toBe('+OK\r\n');
  received = '';
  link.send('PSYNC', '?', '-1');
  return { link, received: () => received, take: () => { const r = received; received = ''; return r; } };
}

describe('the fake as a master, in process', () => {
  it('a diskless full resync: FULLRESYNC, the EOF-marked RDB of the dataset, the stream from the first ACK', async () => {
    const server = new FakeServer({ mixins: coreMixins, config: { 'repl-diskless-sync-delay': 0 } });
    seed(server, { k: 'v', a: '1', b: '2', c: '3' });
    const replica = attachReplica(server);
    const got = replica.take();
    const m = /^\+FULLRESYNC ([0-9a-f]{40}) 0\r\n\$EOF:([0-9a-f]{40})\r\n/.exec(got);
    expect(m).not.toBeNull();
    const [head, replid, mark] = m as RegExpExecArray;
    expect(replid).toBe(server.replicationId);
    const rdb = got.slice(head.length, got.length - 40);
    expect(got.endsWith(mark as string)).toBe(true);
    const loaded = rdbParse(server, Buffer.from(rdb, 'latin1'));
    expect(loaded.keys.map((k) => k.key)).toEqual(['k', 'a', 'b', 'c']);
    expect(rdb).toContain('repl-stream-db');
    await tick();
    server.call('DEL', 'a');
    expect(replica.take()).toBe('');
    replica.link.send('REPLCONF', 'ACK', '0');
    expect(replica.take()).toBe(encode(['SELECT', '0']) + encode(['DEL', 'a']));
    server.call('MOVE', 'b', '2');
    server.call('SELECT', '2');
    server.call('RENAME', 'b', 'd');
    const stream = encode(['SELECT', '0']) + encode(['DEL', 'a']) + encode(['MOVE', 'b', '2']) + encode(['SELECT', '2']) + encode(['RENAME', 'b', 'd']);
    expect(replica.take()).toBe(stream.slice(encode(['SELECT', '0']).length + encode(['DEL', 'a']).length));
    expect(server.masterReplOffset).toBe(stream.length);
    server.close();
  });

  it('WAIT blocks, asks for an ACK, and answers the replicas that acknowledged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fakeredis-repl-'));
    const server = new FakeServer({ mixins: coreMixins, config: { 'repl-diskless-sync': 'no', dir } });
    seed(server, { x: '0' });
    const replica = attachReplica(server, []);
    expect(replica.received()).toMatch(/^\+FULLRESYNC [0-9a-f]{40} 0\r\n$/);
    for (let i = 0; i < 100 && !/\$\d+\r\nREDIS/.test(replica.received()); i++) await new Promise((r) => setTimeout(r, 10));
    expect(replica.received()).toMatch(/\r\n\$\d+\r\nREDIS0010/);
    replica.take();
    const a = connect(server);
    expect(a.send('DEL', 'x')).toBe(':1\r\n');
    expect(a.send('WAIT', '1', '0')).toBe('');
    await tick();
    const offset = server.masterReplOffset;
    expect(replica.take()).toBe(encode(['SELECT', '0']) + encode(['DEL', 'x']) + encode(['REPLCONF', 'GETACK', '*']));
    let out = '';
    const write = a.client.transport!.write;
    (a.client.transport as { write: (s: string) => void }).write = (s) => { out += s; write(s); };
    replica.link.send('REPLCONF', 'ACK', String(offset));
    expect(out).toBe(':1\r\n');
    expect(server.call('ROLE')).toEqual(['master', offset, [['127.0.0.1', '7777', String(offset)]]]);
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('replicas are never paused: their ACKs count during CLIENT PAUSE ALL', async () => {
    const server = new FakeServer({ mixins: coreMixins, config: { 'repl-diskless-sync-delay': 0 } });
    const replica = attachReplica(server);
    await tick();
    const a = connect(server);
    expect(a.send('CLIENT', 'PAUSE', '100000', 'ALL')).toBe('+OK\r\n');
    replica.link.send('REPLCONF', 'ACK', '0');
    expect(replica.link.client.replica?.state).toBe('online');
    replica.link.send('REPLCONF', 'ACK', '5');
    expect(replica.link.client.replica?.ackOffset).toBe(5);
    server.close();
  });

  it('min-replicas-to-write refuses writes with NOREPLICAS, not reads or PING', () => {
    const server = new FakeServer({ mixins: coreMixins, config: { 'min-replicas-to-write': 1 } });
    seed(server, { k: 'v' });
    const a = connect(server);
    expect(a.send('DEL', 'k')).toBe('-NOREPLICAS Not enough good replicas to write.\r\n');
    expect(a.send('EXISTS', 'k')).toBe(':1\r\n');
    expect(a.send('PING')).toBe('+PONG\r\n');
    expect(a.send('MULTI') + a.send('DEL', 'k') + a.send('EXEC')).toBe('+OK\r\n-NOREPLICAS Not enough good replicas to write.\r\n-EXECABORT Transaction discarded because of previous errors.\r\n');
    server.call('CONFIG', 'SET', 'min-replicas-max-lag', '0');
    expect(a.send('DEL', 'k')).toBe(':1\r\n');
    server.close();
  });

  it("the direct API's client cannot be a replica", () => {
    const server = new FakeServer({ mixins: coreMixins });
    expect(() => server.command('PSYNC', '?', '-1')).toThrow(/need a connection/);
    expect(() => server.command('SYNC')).toThrow(/need a connection/);
    expect(server.call('PING')).toEqual(expect.anything());
    server.close();
  });

  it('the backlog: jemalloc-sized blocks, trimmed a block at a time past repl-backlog-size', () => {
    expect([16424, 20480, 20481, 40000, 65576].map(jemallocSizeClass)).toEqual([20480, 20480, 24576, 40960, 81920]);
    const backlog = new ReplicationBacklog(0);
    let offset = 0;
    for (let i = 0; i < 10; i++) offset = backlog.feed('x'.repeat(5000), offset, 16384);
    expect(offset).toBe(50000);
    // Blocks of 20440 bytes: two full ones and a third; the first goes once the rest passes 16384.
    expect(backlog.histlen).toBe(50000 - 20440);
    expect(backlog.offset).toBe(20441);
    // Offsets count from 1: from 49990 on is the last 11 bytes (addReplyReplicationBacklog).
    expect(backlog.from(49990).join('')).toBe('x'.repeat(11));
    expect(backlog.memory).toBe(2 * (20480 + 24));
  });
});
