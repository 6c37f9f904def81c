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
 * the JSON's `display` is the display_text COMMAND DOCS prints (a `display_text` key is
 * not read), and a flag written as the string "true" (Valkey's CLIENT CAPA) is set.
 */
function normalizeArgument(arg) {
  const out = {};
  for (const [key, value] of Object.entries(arg)) {
    if (key === 'display') out.display_text ??= value;
    // A JSON `display_text` (8.6's XADD) is not read by the generator: the name is printed.
    else if (key === 'display_text') continue;
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

/** The files that hold every field (../shared/commands/README.md): nothing is carried over into them. */
const COMPLETE = new Set(['redis-7.2.4.json', 'valkey-8.0.1.json', 'valkey-8.1.1.json', 'valkey-9.1.2.json']);

/**
 * Redis 7.0.15 whole; every later file as an overlay of the one before it in its chain
 * (Redis 7.2.4, 7.4.1, 8.0.6, 8.6.3; Valkey 8.0.1, 8.1.1, 9.1.2, whose chain starts from
 * Redis 7.0.15). Factual-only files are filled from the file before them. KeyDB 6.3.4 is
 * an overlay of Redis 7.0.15 (keydb()).
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
      // Complete files (BSD: Redis 7.2, Valkey) say what they lack: XREAD has no complexity in 7.2.4.
      if (!COMPLETE.has(file)) {
        for (const [name, entry] of Object.entries(next.commands)) {
          next.commands[name] = fillFromPredecessor(entry, previous.commands[name]);
        }
      }
      overlays.push(overlayOf(previous, next));
      previous = next;
    }
  }
  overlays.push(overlayOf(base, keydb(base, load('keydb-6.3.4.json'))));
  return JSON.stringify({ base, overlays }) + '\n';
}

/**
 * KeyDB 6.3.4 is Redis 6.2 underneath, and its file is the running server's COMMAND reply
 * (names, arities, flags, first/last/step, ACL categories). Its commands that Redis 7.0.15
 * also has keep 7.0.15's entries without what 7.0 added (subcommands and arguments whose
 * `since` is 7.0.0 or later, later history), with KeyDB's arity (TTL key [member] ...);
 * its own commands (KEYDB.*, EXPIREMEMBER ..., STRALGO) are built from the reply.
 */
function keydb(base, runtime) {
  const commands = {};
  const before70 = (entry) => (entry.since ?? '0') < '7.0.0';
  const strip = (args) => args?.filter(before70).map((a) => (a.arguments ? { ...a, arguments: strip(a.arguments) } : a));
  for (const [name, reply] of Object.entries(runtime.commands)) {
    const own = base.commands[name];
    if (own !== undefined && before70(own)) {
      const entry = { ...own, arity: reply.arity };
      if (entry.arguments) entry.arguments = strip(entry.arguments);
      if (entry.history) entry.history = entry.history.filter(([version]) => version < '7.0.0');
      if (entry.history?.length === 0) delete entry.history;
      commands[name] = entry;
      for (const [sub, spec] of Object.entries(base.commands)) {
        if (sub.startsWith(`${name} `) && before70(spec)) commands[sub] = spec.arguments ? { ...spec, arguments: strip(spec.arguments) } : spec;
      }
    } else {
      commands[name] = fromCommandReply(reply);
    }
    // Redis 6.2's COMMAND INFO prints the entry as the server had it (flags such as random
    // and sort_for_script, a container's flags, 6.2's categories): kept as it came.
    commands[name] = {
      ...commands[name],
      command_reply: { flags: reply.flags, first_key: reply.first_key, last_key: reply.last_key, step: reply.step, acl_categories: reply.acl_categories },
    };
  }
  // STRALGO's keys follow its KEYS token (6.2's lcsGetKeys in db.c).
  commands.STRALGO = { ...commands.STRALGO, get_keys_function: 'lcsGetKeys' };
  // 6.2 has no subcommand arities: its handlers check their own argc (keydb-server 6.3.4).
  // configCommand takes one pattern and one parameter/value pair; GETKEYS a bare command
  // name, SCRIPT EXISTS no sha, and ACL LOAD/SAVE and XINFO HELP ignore further arguments.
  const arities = { 'CONFIG GET': 3, 'CONFIG SET': 4, 'COMMAND GETKEYS': -3, 'SCRIPT EXISTS': -2, 'ACL LOAD': -2, 'ACL SAVE': -2, 'XINFO HELP': -2 };
  for (const [name, arity] of Object.entries(arities)) commands[name] = { ...commands[name], arity };
  // QUIT is no table entry in 6.2 (processCommand answers it), but it works as in 7.0.
  commands.QUIT = base.commands.QUIT;
  return { server: 'keydb', version: runtime.version, commands };
}

const RUNTIME_FLAGS = { write: 'WRITE', readonly: 'READONLY', denyoom: 'DENYOOM', admin: 'ADMIN', pubsub: 'PUBSUB', noscript: 'NOSCRIPT', blocking: 'BLOCKING', loading: 'LOADING', stale: 'STALE', skip_monitor: 'SKIP_MONITOR', skip_slowlog: 'SKIP_SLOWLOG', fast: 'FAST', no_auth: 'NO_AUTH', may_replicate: 'MAY_REPLICATE' };

/** A command group from ACL categories (6.2's COMMAND reply has no group). */
function groupOf(categories) {
  const groups = { '@string': 'string', '@hash': 'hash', '@set': 'set', '@sortedset': 'sorted-set', '@list': 'list', '@scripting': 'scripting', '@keyspace': 'generic' };
  for (const category of categories) if (groups[category] !== undefined) return groups[category];
  return 'server';
}

/** A command known only from a 6.2-style COMMAND reply: its key range becomes one key spec. */
function fromCommandReply(reply) {
  const entry = {
    summary: '',
    since: '6.3.4',
    group: groupOf(reply.acl_categories),
    arity: reply.arity,
    command_flags: reply.flags.map((f) => RUNTIME_FLAGS[f]).filter(Boolean),
    acl_categories: reply.acl_categories.map((c) => c.slice(1).toUpperCase()),
  };
  if (reply.flags.includes('random')) entry.command_tips = ['NONDETERMINISTIC_OUTPUT'];
  if (reply.first_key > 0) {
    const write = reply.flags.includes('write');
    entry.key_specs = [{
      flags: write ? ['RW', 'UPDATE'] : ['RO', 'ACCESS'],
      begin_search: { index: { pos: reply.first_key } },
      find_keys: { range: { lastkey: reply.last_key < 0 ? reply.last_key : reply.last_key - reply.first_key, step: reply.step, limit: 0 } },
    }];
  }
  return entry;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!existsSync(sharedDir)) {
    console.error(`no command metadata at ${sharedDir}`);
    process.exit(1);
  }
  writeFileSync(outFile, generate());
  console.log(`wrote ${outFile}`);
}
