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
const DROPPED = new Set(['function', 'reply_schema']);

function load(file) {
  const data = JSON.parse(readFileSync(join(sharedDir, file), 'utf8'));
  const commands = {};
  for (const [name, entry] of Object.entries(data.commands)) {
    const kept = Object.fromEntries(Object.entries(entry).filter(([k]) => !DROPPED.has(k)));
    if (kept.arguments) kept.arguments = kept.arguments.map(normalizeArgument);
    commands[name] = kept;
  }
  return { server: data.server, version: data.version, commands };
}

/**
 * An argument as the servers' command-table generator reads it (generate-command-code.py):
 * the JSON's `display` is the display_text COMMAND DOCS prints, and a flag written as the
 * string "true" (Valkey's CLIENT CAPA) is set.
 */
function normalizeArgument(arg) {
  const out = {};
  for (const [key, value] of Object.entries(arg)) {
    if (key === 'display') out.display_text ??= value;
    else if (key === 'arguments') out.arguments = value.map(normalizeArgument);
    else out[key] = value === 'true' && ['optional', 'multiple', 'multiple_token'].includes(key) ? true : value;
  }
  return out;
}

/**
 * The files of Redis 7.4 and later hold factual fields only (their licence): the texts
 * (summary, complexity, history notes, argument summaries, key-spec notes) and the
 * get-keys procedure are carried over from the same command in the version before,
 * where it has them. A command new in that version has none.
 */
function fillFromPredecessor(entry, before) {
  if (before === undefined) return entry;
  const filled = { ...entry };
  for (const field of ['summary', 'complexity', 'get_keys_function']) {
    if (filled[field] === undefined && before[field] !== undefined) filled[field] = before[field];
  }
  if (Array.isArray(filled.history)) {
    const texts = new Map((before.history ?? []).map(([version, text]) => [version, text]));
    filled.history = filled.history.map((h) => (Array.isArray(h) ? h : [h, texts.get(h) ?? '']));
  }
  if (filled.arguments && before.arguments) filled.arguments = fillArguments(filled.arguments, before.arguments);
  if (filled.key_specs && before.key_specs) {
    filled.key_specs = filled.key_specs.map((spec, i) => {
      const old = before.key_specs[i];
      if (spec.notes !== undefined || old?.notes === undefined) return spec;
      const same = isDeepStrictEqual(spec.begin_search, old.begin_search) && isDeepStrictEqual(spec.find_keys, old.find_keys);
      return same ? { notes: old.notes, ...spec } : spec;
    });
  }
  return filled;
}

function fillArguments(args, before) {
  return args.map((arg) => {
    const old = before.find((o) => o.name === arg.name && o.type === arg.type);
    if (old === undefined) return arg;
    const filled = { ...arg };
    if (filled.summary === undefined && old.summary !== undefined) filled.summary = old.summary;
    if (filled.arguments && old.arguments) filled.arguments = fillArguments(filled.arguments, old.arguments);
    return filled;
  });
}

/** Every entry of `next` that differs from `base`, and the names `next` lacks. */
function overlayOf(base, next) {
  const changed = {};
  for (const [name, entry] of Object.entries(next.commands)) {
    if (!isDeepStrictEqual(base.commands[name], entry)) changed[name] = entry;
  }
  const removed = Object.keys(base.commands).filter((name) => !(name in next.commands));
  return { server: next.server, version: next.version, changed, removed };
}

/**
 * Redis 7.0.15 whole; every later file as an overlay of the one before it in its chain
 * (Redis 7.2.4, 7.4.1, 8.0.6, 8.6.3; Valkey 8.0.1, 8.1.1, 9.1.2, whose chain starts from
 * Redis 7.0.15). Factual-only files are filled from the file before them.
 */
export function generate() {
  const base = load('redis-7.0.15.json');
  const chains = [
    ['redis-7.2.4.json', 'redis-7.4.1.json', 'redis-8.0.6.json', 'redis-8.6.3.json'],
    ['valkey-8.0.1.json', 'valkey-8.1.1.json', 'valkey-9.1.2.json'],
  ];
  const overlays = [];
  for (const chain of chains) {
    let previous = base;
    for (const file of chain) {
      const next = load(file);
      for (const [name, entry] of Object.entries(next.commands)) {
        next.commands[name] = fillFromPredecessor(entry, previous.commands[name]);
      }
      overlays.push(overlayOf(previous, next));
      previous = next;
    }
  }
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
