// The dual package hazard: @fakeredis/all loaded through import (ESM build) and require
// (CommonJS build) are two copies; their clients must still share one server per address.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as esm from '@fakeredis/all';

const cjs = createRequire(import.meta.url)('@fakeredis/all');
assert.notEqual(esm.FakeServer, cjs.FakeServer, 'expected two copies of the package');
assert.equal(esm.FakeRedis.registry, cjs.FakeRedis.registry, 'one registry per process');
const client = process.argv[2];
if (client === 'ioredis') {
  const a = new esm.FakeRedis(6390);
  const b = new cjs.FakeRedis({ port: 6390, host: 'localhost' });
  await a.set('k', 'from esm');
  assert.equal(await b.get('k'), 'from esm');
  assert.equal(a.server, b.server);
  await a.quit();
  await b.quit();
} else {
  const a = esm.createClient({ url: 'redis://127.0.0.1:6390' });
  const b = cjs.createClient({ socket: { port: 6390, host: 'localhost' } });
  await a.connect();
  await b.connect();
  await a.set('k', 'from esm');
  assert.equal(await b.get('k'), 'from esm');
  await a.quit();
  await b.quit();
}
assert.equal(esm.FakeRedis.getServer({ port: 6390 }).command('GET', 'k'), 'from esm');
assert.equal(cjs.FakeRedis.getServer({ port: 6390 }), esm.FakeRedis.getServer({ port: 6390 }));
console.log('dual ok');
