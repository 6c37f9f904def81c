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
  // Every @fakeredis package the install holds (all's dependencies, transitively): each entry
  // point of its `exports` loads through require and import, and the declaration files its
  // conditions name are in the tarball.
  const { pathToFileURL } = require('node:url');
  const seen = new Map();
  const visit = (name, fromDir) => {
    const manifestPath = require.resolve(`${name}/package.json`, { paths: [fromDir] });
    if (seen.has(name)) return;
    const dir = dirname(manifestPath);
    const manifest = require(manifestPath);
    seen.set(name, 0);
    for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
      if (typeof target !== 'object') continue;
      for (const kind of ['import', 'require']) {
        for (const file of Object.values(target[kind] ?? {})) assert.ok(existsSync(join(dir, file)), `${name} ${subpath}: ${file} is missing`);
      }
      seen.set(name, seen.get(name) + 1);
      loads.push(
        (async () => {
          const viaRequire = require(join(dir, target.require.default));
          const viaImport = await import(pathToFileURL(join(dir, target.import.default)).href);
          assert.deepEqual(Object.keys(viaImport).filter((k) => k !== 'default' && k !== 'module.exports').sort(), Object.keys(viaRequire).sort(), `${name} ${subpath}: the builds export alike`);
        })(),
      );
    }
    for (const dependency of Object.keys(manifest.dependencies ?? {})) if (dependency.startsWith('@fakeredis/')) visit(dependency, dir);
  };
  const loads = [];
  visit('@fakeredis/all', process.cwd());
  visit('@fakeredis/server', process.cwd());
  await Promise.all(loads);
  assert.ok(seen.size >= 15, `only ${seen.size} packages found`);
  console.log(`${seen.size} packages, ${[...seen.values()].reduce((a, b) => a + b, 0)} entry points load from both builds`);

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
