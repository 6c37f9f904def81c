// Issue #2's figures: awaited SET+GET through each client, and server.call against a bare Map.
import { FakeRedis, FakeServer } from '@fakeredis/all';
import { MemorySocket } from '@fakeredis/composer';
import Redis from 'ioredis';
import RedisMock from 'ioredis-mock';
import { measure, measureSync, report, startRedis } from '../harness.mjs';

export async function run({ scale }) {
  const pairs = Math.round(20_000 * scale);
  const setGet = (client) => async (i) => {
    await client.set(`key:${i}`, `value:${i}`);
    await client.get(`key:${i}`);
  };

  const fake = new FakeRedis({ server: new FakeServer() });
  const fakeResult = await measure(pairs, setGet(fake));
  fake.disconnect();
  const fake2 = new FakeRedis({ server: new FakeServer(), protocol: 2 });
  const fake2Result = await measure(pairs, setGet(fake2));
  fake2.disconnect();

  // The floor of any ioredis-based fake: ioredis over the same in-memory socket to a
  // responder that does no Redis work (answers +OK to every command, RESP2).
  const floor = new Redis({ protocol: 2, enableReadyCheck: false, Connector: FloorConnector });
  const floorResult = await measure(pairs, setGet(floor));
  floor.disconnect();

  const mock = new RedisMock();
  const mockResult = await measure(pairs, setGet(mock));
  mock.disconnect();

  const redis = await startRedis();
  let realResult;
  if (redis) {
    const client = new Redis({ port: redis.port, host: '127.0.0.1' });
    realResult = await measure(pairs, setGet(client));
    client.disconnect();
    redis.stop();
  }
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
  report(`sequential awaited SET+GET pairs (${pairs}; ops/s counts pairs)`, rows);
  if (realResult) console.log(`FakeRedis vs redis-server: ${(fakeResult.opsPerSec / realResult.opsPerSec).toFixed(2)}x`);

  const n = Math.round(1_000_000 * scale);
  const server = new FakeServer();
  const keys = Array.from({ length: 1000 }, (_, i) => `key:${i}`);
  const callResult = measureSync(n, (i) => {
    const key = keys[i % 1000];
    server.call('SET', key, 'value');
    server.call('GET', key);
  });
  const map = new Map();
  const mapResult = measureSync(n, (i) => {
    const key = keys[i % 1000];
    map.set(key, 'value');
    map.get(key);
  });
  const callRow = { name: 'server.call SET+GET', result: callResult };
  const mapRow = { name: 'bare Map set+get', result: mapResult };
  callRow.baseline = mapRow;
  report(`synchronous SET+GET pairs (${n})`, [callRow, mapRow]);
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
