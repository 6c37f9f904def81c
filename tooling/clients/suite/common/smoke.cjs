// A package-manager install check: both builds load, and the bin answers.
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { dirname, join } = require('node:path');

(async () => {
  const cjs = require('@fakeredis/all');
  const esm = await import('@fakeredis/all');
  const server = new cjs.FakeServer();
  assert.equal(server.command('SET', 'k', 'v'), 'OK');
  assert.equal(server.command('GET', 'k'), 'v');
  const redis = new esm.FakeRedis();
  await redis.set('k', 'v');
  assert.equal(await redis.get('k'), 'v');
  await redis.quit();
  const client = esm.createClient();
  await client.connect();
  assert.equal(await client.get('k'), 'v');
  await client.quit();
  // Lua scripts run on the engine @fakeredis/scripting carries in its dist (no dependency on
  // lua-redis-wasm, whose engines field refuses Node 20): inline and on a worker (a script
  // naming pcall runs there), from both builds.
  const allDir = dirname(require.resolve('@fakeredis/all'));
  const scriptingEntry = require.resolve('@fakeredis/scripting', { paths: [allDir] });
  assert.throws(() => require.resolve('lua-redis-wasm', { paths: [dirname(scriptingEntry)] }), { code: 'MODULE_NOT_FOUND' });
  await require(scriptingEntry).preloadLuaEngine();
  assert.equal(server.command('EVAL', 'return redis.call("GET", KEYS[1])', '1', 'k'), 'v');
  assert.equal(server.command('EVAL', 'local ok, v = pcall(redis.call, "GET", KEYS[1]) return v', '1', 'k'), 'v');
  const scripted = new esm.FakeRedis();
  assert.equal(await scripted.eval('return redis.call("GET", KEYS[1])', 1, 'k'), 'v');
  assert.equal(await scripted.eval('local ok, v = pcall(redis.call, "GET", KEYS[1]) return v', 1, 'k'), 'v');
  await scripted.quit();
  // The linked bin when the package manager made one (npm, pnpm for a direct dependency),
  // else the file package.json names (yarn 1 links no bins of nested dependencies).
  const linked = join(process.cwd(), 'node_modules', '.bin', 'fakeredis-server');
  const serverDir = dirname(require.resolve('@fakeredis/server/package.json', { paths: [require.resolve('@fakeredis/all')] }));
  const bin = existsSync(linked) ? linked : join(serverDir, require(join(serverDir, 'package.json')).bin['fakeredis-server']);
  const version = execFileSync(bin, ['--version'], { encoding: 'utf8' });
  assert.match(version, /^fakeredis-server v=0\.\d+\.\d+/);
  console.log('smoke ok');
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
