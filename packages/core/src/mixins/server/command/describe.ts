import type { Bytes } from '../../../bytes.js';
import type { ArgumentSpec, CommandSpec, KeySpec } from '../../../metadata/types.js';
import { MapReply, type Reply, SetReply, SimpleString } from '../../../reply.js';
import type { CommandEntry } from '../../../dispatch/table.js';
import type { ServerProfile } from '../../../profile.js';

/**
 * How COMMAND INFO and COMMAND DOCS describe a command, derived from its metadata as Redis
 * derives it when it builds its command table: the legacy (first, last, step) key range,
 * flags with the derived `movablekeys`, ACL categories with the implicit ones.
 */

/** Command flags COMMAND INFO prints, in Redis's order; the others are hidden. */
const SHOWN_FLAGS = [
  'write', 'readonly', 'denyoom', 'module', 'admin', 'pubsub', 'noscript', 'blocking', 'loading',
  'stale', 'skip_monitor', 'skip_slowlog', 'asking', 'fast', 'no_auth', 'no_mandatory_keys',
  'no_async_loading', 'no_multi', 'movablekeys', 'allow_busy',
];

/** ACL categories in the order of Redis's category table. */
export const ACL_CATEGORIES = [
  'keyspace', 'read', 'write', 'set', 'sortedset', 'list', 'hash', 'string', 'bitmap', 'hyperloglog',
  'geo', 'stream', 'pubsub', 'admin', 'fast', 'slow', 'blocking', 'dangerous', 'connection',
  'transaction', 'scripting',
];

const KEY_FLAG_NAMES: Array<[string, string]> = [
  ['RO', 'RO'], ['RW', 'RW'], ['OW', 'OW'], ['RM', 'RM'], ['ACCESS', 'access'], ['UPDATE', 'update'],
  ['INSERT', 'insert'], ['DELETE', 'delete'], ['NOT_KEY', 'not_key'], ['INCOMPLETE', 'incomplete'],
  ['VARIABLE_FLAGS', 'variable_flags'],
];

const DOC_FLAG_NAMES: Array<[string, string]> = [['DEPRECATED', 'deprecated'], ['SYSCMD', 'syscmd']];
const ARG_FLAG_NAMES: Array<[keyof ArgumentSpec, string]> = [
  ['optional', 'optional'], ['multiple', 'multiple'], ['multiple_token', 'multiple_token'],
];

export interface LegacyKeyRange {
  first: number;
  last: number;
  step: number;
  /** The key specs cannot be expressed as one range (Redis's CMD_MOVABLE_KEYS). */
  movable: boolean;
}

function isIndexRange(ks: KeySpec): boolean {
  return ks.begin_search.index !== undefined && ks.find_keys.range !== undefined;
}

/**
 * The (first, last, step) triple COMMAND INFO shows, glued from consecutive plain range
 * specs (Redis's populateCommandLegacyRangeSpec); movable when any spec does not fit.
 */
export function legacyKeyRange(spec: CommandSpec): LegacyKeyRange {
  const specs = spec.key_specs ?? [];
  if (specs.length === 0) return { first: 0, last: 0, step: 0, movable: false };
  const only = specs[0] as KeySpec;
  if (specs.length === 1 && isIndexRange(only)) {
    const pos = only.begin_search.index?.pos as number;
    const range = only.find_keys.range as { lastkey: number; step: number };
    return {
      first: pos,
      last: range.lastkey >= 0 ? pos + range.lastkey : range.lastkey,
      step: range.step,
      movable: only.flags?.includes('INCOMPLETE') ?? false,
    };
  }
  let movable = false;
  let firstkey = Number.MAX_SAFE_INTEGER;
  let lastkey = 0;
  let prevLastkey = 0;
  for (const ks of specs) {
    if (!isIndexRange(ks)) {
      movable = true;
      continue;
    }
    const pos = ks.begin_search.index?.pos as number;
    const range = ks.find_keys.range as { lastkey: number; step: number };
    if (range.step !== 1 || (prevLastkey && prevLastkey !== pos - 1)) {
      movable = true;
      continue;
    }
    if (ks.flags?.includes('INCOMPLETE')) movable = true;
    firstkey = Math.min(firstkey, pos);
    const absolute = range.lastkey >= 0 ? range.lastkey + pos : range.lastkey;
    // Redis compares unsigned: a negative (counted from the end) lastkey wins.
    lastkey = Math.max(lastkey >>> 0, absolute >>> 0) | 0;
    prevLastkey = lastkey;
  }
  if (firstkey === Number.MAX_SAFE_INTEGER) return { first: 0, last: 0, step: 0, movable: true };
  return { first: firstkey, last: lastkey, step: 1, movable };
}

/** A module's command: Redis puts every one in the group "module" and flags it CMD_MODULE. */
const isModuleCommand = (spec: CommandSpec): boolean => spec.group === 'module';

/** COMMAND INFO's flags: the shown command flags plus `module` and `movablekeys`, in Redis's order. */
export function commandFlags(spec: CommandSpec): string[] {
  const flags = new Set((spec.command_flags ?? []).map((f) => f.toLowerCase()));
  if (isModuleCommand(spec)) flags.add('module');
  if (legacyKeyRange(spec).movable) flags.add('movablekeys');
  return SHOWN_FLAGS.filter((f) => flags.has(f));
}

/**
 * ACL categories: the declared ones and those Redis implies from the flags; a module
 * command has only those its module declares (setImplicitACLCategories is for built-in
 * commands only).
 */
export function aclCategories(spec: CommandSpec): string[] {
  const cats = new Set((spec.acl_categories ?? []).map((c) => c.toLowerCase()));
  if (isModuleCommand(spec)) return ACL_CATEGORIES.filter((c) => cats.has(c));
  const flags = new Set((spec.command_flags ?? []).map((f) => f.toLowerCase()));
  if (flags.has('write')) cats.add('write');
  if (flags.has('readonly') && !cats.has('scripting')) cats.add('read');
  if (flags.has('admin')) {
    cats.add('admin');
    cats.add('dangerous');
  }
  if (flags.has('pubsub')) cats.add('pubsub');
  if (flags.has('fast')) cats.add('fast');
  if (flags.has('blocking')) cats.add('blocking');
  if (!cats.has('fast')) cats.add('slow');
  return ACL_CATEGORIES.filter((c) => cats.has(c));
}

const b = (s: string) => s as Bytes;
const statuses = (names: string[]) => new SetReply(names.map((n) => new SimpleString(n)));

/** Key-spec flags as Redis prints them (COMMAND INFO, GETKEYSANDFLAGS). */
export function keySpecFlags(flags: readonly string[] | undefined): SetReply {
  const set = new Set(flags ?? []);
  return statuses(KEY_FLAG_NAMES.filter(([f]) => set.has(f)).map(([, name]) => name));
}

function keySpecReply(ks: KeySpec): MapReply {
  const entries: Array<[Reply, Reply]> = [];
  if (ks.notes !== undefined) entries.push([b('notes'), b(ks.notes)]);
  entries.push([b('flags'), keySpecFlags(ks.flags)]);
  const bs = ks.begin_search;
  const begin = bs.index
    ? [b('index'), new MapReply([[b('index'), bs.index.pos]])]
    : bs.keyword
      ? [b('keyword'), new MapReply([[b('keyword'), b(bs.keyword.keyword)], [b('startfrom'), bs.keyword.startfrom]])]
      : [b('unknown'), new MapReply([])];
  entries.push([b('begin_search'), new MapReply([[b('type'), begin[0] as Reply], [b('spec'), begin[1] as Reply]])]);
  const fk = ks.find_keys;
  const find = fk.range
    ? [b('range'), new MapReply([[b('lastkey'), fk.range.lastkey], [b('keystep'), fk.range.step], [b('limit'), fk.range.limit]])]
    : fk.keynum
      ? [b('keynum'), new MapReply([[b('keynumidx'), fk.keynum.keynumidx], [b('firstkey'), fk.keynum.firstkey], [b('keystep'), fk.keynum.step]])]
      : [b('unknown'), new MapReply([])];
  entries.push([b('find_keys'), new MapReply([[b('type'), find[0] as Reply], [b('spec'), find[1] as Reply]])]);
  return new MapReply(entries);
}

/** One command's COMMAND INFO entry (with its installed subcommands), in the profile's shape. */
export function commandInfoReply(entry: CommandEntry, shape: ServerProfile['commandInfo']): Reply {
  const spec = entry.spec;
  const range = legacyKeyRange(spec);
  const subs = [...entry.subcommands.values()];
  const reply = spec.command_reply;
  if (shape === '6.2' && reply !== undefined) {
    return [b(entry.fullName), spec.arity, statuses(reply.flags), reply.first_key, reply.last_key, reply.step, statuses(reply.acl_categories)];
  }
  const fields: Reply[] = [
    b(entry.fullName),
    spec.arity,
    statuses(commandFlags(spec)),
    range.first,
    range.last,
    range.step,
    statuses(aclCategories(spec).map((c) => `@${c}`)),
  ];
  if (shape === '6.2') return fields;
  fields.push(
    new SetReply((spec.command_tips ?? []).map((t) => b(t.toLowerCase()))),
    new SetReply((spec.key_specs ?? []).map(keySpecReply)),
    subs.length > 0 ? subs.map((sub) => commandInfoReply(sub, shape)) : shape === 'valkey-9.0' ? [] : new SetReply([]),
  );
  return fields;
}

export interface DocsOptions {
  /** Print arguments' display_text (Redis 7.2 and later, Valkey). */
  displayText?: boolean;
}

function argumentReply(arg: ArgumentSpec, options: DocsOptions): MapReply {
  const entries: Array<[Reply, Reply]> = [
    // Redis's command-table generator lower-cases argument names and upper-cases tokens;
    // the token written '""' in the JSON (MIGRATE's empty key) is the empty string.
    [b('name'), b(arg.name.toLowerCase())],
    [b('type'), b(arg.type)],
  ];
  // Redis 7.2 shows a display text for every argument but oneof and block ones.
  if (options.displayText && arg.type !== 'oneof' && arg.type !== 'block') {
    entries.push([b('display_text'), b(arg.display_text ?? arg.name.toLowerCase())]);
  }
  if (arg.key_spec_index !== undefined) entries.push([b('key_spec_index'), arg.key_spec_index]);
  if (arg.token !== undefined) entries.push([b('token'), b(arg.token === '""' ? '' : arg.token.toUpperCase())]);
  if (arg.summary !== undefined) entries.push([b('summary'), b(arg.summary)]);
  if (arg.since !== undefined) entries.push([b('since'), b(arg.since)]);
  if (arg.deprecated_since !== undefined) entries.push([b('deprecated_since'), b(arg.deprecated_since)]);
  const flags = ARG_FLAG_NAMES.filter(([key]) => arg[key] === true).map(([, name]) => name);
  if (flags.length > 0) entries.push([b('flags'), statuses(flags)]);
  if (arg.type === 'oneof' || arg.type === 'block') {
    entries.push([b('arguments'), (arg.arguments ?? []).map((a) => argumentReply(a, options))]);
  }
  return new MapReply(entries);
}

/** One command's COMMAND DOCS map (with its installed subcommands). */
export function commandDocsReply(entry: CommandEntry, options: DocsOptions = {}): MapReply {
  const spec = entry.spec;
  const entries: Array<[Reply, Reply]> = [];
  if (spec.summary !== undefined) entries.push([b('summary'), b(spec.summary)]);
  if (spec.since !== undefined) entries.push([b('since'), b(spec.since)]);
  entries.push([b('group'), b(spec.group.replace(/_/g, '-'))]);
  if (spec.complexity !== undefined) entries.push([b('complexity'), b(spec.complexity)]);
  if (entry.module !== undefined) entries.push([b('module'), b(entry.module)]);
  if (spec.doc_flags !== undefined && spec.doc_flags.length > 0) {
    const set = new Set(spec.doc_flags);
    entries.push([b('doc_flags'), statuses(DOC_FLAG_NAMES.filter(([f]) => set.has(f)).map(([, n]) => n))]);
  }
  if (spec.deprecated_since !== undefined) entries.push([b('deprecated_since'), b(spec.deprecated_since)]);
  if (spec.replaced_by !== undefined) entries.push([b('replaced_by'), b(spec.replaced_by)]);
  if (spec.history !== undefined && spec.history.length > 0) {
    entries.push([b('history'), new SetReply(spec.history.map(([since, change]) => [b(since), b(change)]))]);
  }
  if (spec.arguments !== undefined && spec.arguments.length > 0) {
    entries.push([b('arguments'), spec.arguments.map((a) => argumentReply(a, options))]);
  }
  if (entry.subcommands.size > 0) {
    entries.push([
      b('subcommands'),
      new MapReply([...entry.subcommands.values()].map((sub) => [b(sub.fullName), commandDocsReply(sub, options)])),
    ]);
  }
  return new MapReply(entries);
}
