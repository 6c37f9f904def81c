// Issue #2's figures: awaited SET+GET through each client, and server.call against a bare Map.
import { FakeRedis, FakeServer } from '@fakeredis/all';
import { MemorySocket } from '@fakeredis/composer';
import Redis from 'ioredis';
import RedisMock from 'ioredis-mock';
import { interleaved, report, startRedis } from '../harness.mjs';

export async function run({ scale }) {
  const pairs = Math.round(20_000 * scale);
  const setGet = (client) => async (i) => {
    await client.set(`key:${i}`, `value:${i}`);
    await client.get(`key:${i}`);
  };

  // Interleaved rounds (FAKEREDIS_BENCH_ROUNDS, default 5), medians: a busy machine
  // slows every client alike.
  const rounds = Math.max(1, Number(process.env.FAKEREDIS_BENCH_ROUNDS ?? 5));
  const fake = new FakeRedis({ server: new FakeServer() });
  const fake2 = new FakeRedis({ server: new FakeServer(), protocol: 2 });
  // The floor of any ioredis-based fake: ioredis over the same in-memory socket to a
  // responder that does no Redis work (answers +OK to every command, RESP2).
  const floor = new Redis({ protocol: 2, enableReadyCheck: false, Connector: FloorConnector });
  const mock = new RedisMock();
  const redis = await startRedis();
  const real = redis ? new Redis({ port: redis.port, host: '127.0.0.1' }) : undefined;
  const clients = [fake, fake2, floor, mock, ...(real ? [real] : [])];
  const [fakeResult, fake2Result, floorResult, mockResult, realResult] = await interleaved(pairs, rounds, clients.map((client) => ({ fn: setGet(client) })));
  for (const client of clients) client.disconnect();
  redis?.stop();
  const rows = [
    { name: 'FakeRedis (ioredis RESP3, in-memory)', result: fakeResult },
    { name: 'FakeRedis (ioredis RESP2, in-memory)', result: fake2Result },
    { name: 'ioredis-mock', result: mockResult },
    { name: 'ioredis floor (in-memory socket, no server work)', result: floorResult },
    { name: 'ioredis -> redis-server (loopback)', result: realResult, note: 'no redis-server' },
  ];
  rows[0].baseline = rows[2];
  rows[1].baseline = rows[2];
  rows[3].baseline = rows[2];
  rows[4].baseline = rows[0];
  report(`sequential awaited SET+GET pairs (${pairs}; ops/s counts pairs, median of ${rounds} interleaved rounds)`, rows);
  // Issue #20's goal: FakeRedis at least 0.9x the floor of any ioredis-based fake.
  console.log(`FakeRedis vs the ioredis floor: RESP3 ${(fakeResult.opsPerSec / floorResult.opsPerSec).toFixed(2)}x, RESP2 ${(fake2Result.opsPerSec / floorResult.opsPerSec).toFixed(2)}x`);
  if (realResult) console.log(`FakeRedis vs redis-server: ${(fakeResult.opsPerSec / realResult.opsPerSec).toFixed(2)}x`);

  const n = Math.round(1_000_000 * scale);
  const server = new FakeServer();
  const keys = Array.from({ length: 1000 }, (_, i) => `key:${i}`);
  const map = new Map();
  const [callResult, mapResult] = await interleaved(n, rounds, [
    {
      sync: true,
      fn: (i) => {
        const key = keys[i % 1000];
        server.call('SET', key, 'value');
        server.call('GET', key);
      },
    },
    {
      sync: true,
      fn: (i) => {
        const key = keys[i % 1000];
        map.set(key, 'value');
        map.get(key);
      },
    },
  ]);
  const callRow = { name: 'server.call SET+GET', result: callResult };
  const mapRow = { name: 'bare Map set+get', result: mapResult };
  callRow.baseline = mapRow;
  report(`synchronous SET+GET pairs (${n}; median of ${rounds} interleaved rounds)`, [callRow, mapRow]);
  console.log(`server.call is ${(mapResult.opsPerSec / callResult.opsPerSec).toFixed(2)}x slower than a bare Map`);
}

/** An ioredis Connector whose socket answers +OK to each command without parsing it. */
class FloorConnector {
  connect() {
    const end = { address: '127.0.0.1', port: 6379 };
    let socket;
    socket = MemorySocket.toPeer(end, end, {
      receive(chunk) {
        const text = chunk.toString('latin1');
        let commands = text.startsWith('*') ? 1 : 0;
        for (let i = text.indexOf('\r\n*'); i >= 0; i = text.indexOf('\r\n*', i + 3)) commands++;
        socket.deliver(Buffer.from('+OK\r\n'.repeat(commands)));
      },
      receiveEof() {},
    });
    return Promise.resolve(socket);
  }
  disconnect() {}
  check() {
    return true;
  }
}
