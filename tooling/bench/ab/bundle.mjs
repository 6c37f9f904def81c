#!/usr/bin/env node
// `node tooling/bench/ab/bundle.mjs <name>`: bundles the sources as they are now into
// tooling/bench/node_modules/.ab/<name>.mjs (where ioredis resolves), to compare two
// states of the code in one process with ab.mjs / ab-tcp.mjs: bundle "base", change the
// code, bundle "new".
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const name = process.argv[2];
if (!name) throw new Error('usage: bundle.mjs <name>');
const outDir = fileURLToPath(new URL('../node_modules/.ab/', import.meta.url));
mkdirSync(outDir, { recursive: true });
const rolldown = fileURLToPath(new URL('../../../node_modules/.bin/rolldown', import.meta.url));
const result = spawnSync(rolldown, ['-c', fileURLToPath(new URL('bundle.config.mjs', import.meta.url))], {
  stdio: 'inherit',
  env: { ...process.env, AB_OUT: `${outDir}${name}.mjs` },
});
process.exit(result.status ?? 1);
