#!/usr/bin/env node
// `pnpm bench [suite ...]`: runs the bench suites side by side in one process and prints
// ops/s and ratios. FAKEREDIS_BENCH_SCALE scales the operation counts (default 1).
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const scale = Number(process.env.FAKEREDIS_BENCH_SCALE ?? 1);
const wanted = process.argv.slice(2);
const suites = readdirSync(join(here, 'suites'))
  .filter((f) => f.endsWith('.mjs'))
  .map((f) => f.replace(/\.mjs$/, ''))
  .filter((name) => wanted.length === 0 || wanted.includes(name));

console.log(`# fakeredis benchmarks (node ${process.version}, scale ${scale})`);
for (const name of suites) {
  const suite = await import(join(here, 'suites', `${name}.mjs`));
  await suite.run({ scale });
}
