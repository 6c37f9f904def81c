#!/usr/bin/env node
// Generates @fakeredis/core's command metadata from ../shared/commands/*.json (the Redis
// and Valkey command files): Redis 7.0.15 whole, later versions as overlays of the
// entries that differ. Run by `pnpm gen:commands`; the output is committed so packages
// build without the shared folder, and a test checks it is current.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const sharedDir = process.env.FAKEREDIS_SHARED_COMMANDS ?? resolve(root, '../shared/commands');
const outFile = join(root, 'packages/core/src/metadata/commands.generated.json');

// get_keys_function is kept: COMMAND GETKEYS falls back to the named key-extraction procedure.
const DROPPED = new Set(['function']);

function load(file) {
  const data = JSON.parse(readFileSync(join(sharedDir, file), 'utf8'));
  const commands = {};
  for (const [name, entry] of Object.entries(data.commands)) {
    commands[name] = Object.fromEntries(Object.entries(entry).filter(([k]) => !DROPPED.has(k)));
  }
  return { server: data.server, version: data.version, commands };
}

export function generate() {
  const base = load('redis-7.0.15.json');
  const overlays = ['redis-7.2.4.json', 'valkey-8.0.1.json'].map((file) => {
    const next = load(file);
    const changed = {};
    for (const [name, entry] of Object.entries(next.commands)) {
      if (!isDeepStrictEqual(base.commands[name], entry)) changed[name] = entry;
    }
    const removed = Object.keys(base.commands).filter((name) => !(name in next.commands));
    return { server: next.server, version: next.version, changed, removed };
  });
  return JSON.stringify({ base, overlays }) + '\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!existsSync(sharedDir)) {
    console.error(`no command metadata at ${sharedDir}`);
    process.exit(1);
  }
  writeFileSync(outFile, generate());
  console.log(`wrote ${outFile}`);
}
