// A package-manager install check: both builds load, and the bin answers.
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');

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
  // The linked bin when the package manager made one (npm, pnpm for a direct dependency),
  // else the file package.json names (yarn 1 links no bins of nested dependencies).
  const { existsSync } = require('node:fs');
  const { dirname, join } = require('node:path');
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
