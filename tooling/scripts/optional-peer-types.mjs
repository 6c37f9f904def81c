#!/usr/bin/env node
// Makes a package's declaration files compile in a project that has only one of the
// optional peer dependencies (ioredis or redis) installed, without skipLibCheck: every
// import from a client library, and every declaration marked `/** @optionalPeerType ... */`
// in the sources, gets a `// @ts-ignore` line, so a missing (or other-major) client turns
// those types into `any` instead of an error. Run after tsdown: node optional-peer-types.mjs dist
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PEER_IMPORT = /^\s*(import|export)\b.*\bfrom\s+["'](ioredis|redis)(\/[^"']*)?["'];?\s*$/;
const MARKER = /^(\s*)\/\*\*\s*@optionalPeerType\b(.*?)\*\/\s*$/;

const dir = process.argv[2] ?? 'dist';
let changed = 0;
for (const name of readdirSync(dir)) {
  if (!/\.d\.[cm]?ts$/.test(name)) continue;
  const path = join(dir, name);
  const lines = readFileSync(path, 'utf8').split('\n');
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const marker = MARKER.exec(line);
    if (marker) {
      out.push(`${marker[1]}// @ts-ignore optional peer type:${marker[2].trimEnd()}`);
      changed++;
      continue;
    }
    if (PEER_IMPORT.test(line) && !/@ts-ignore/.test(out.at(-1) ?? '')) {
      out.push('// @ts-ignore optional peer dependency: may be missing, or another major version');
      changed++;
    }
    out.push(line);
  }
  writeFileSync(path, out.join('\n'));
}
// A package whose declarations import no client (they may reach one through another package) has nothing to mark.
