import {
  BooleanReply, type Bytes, bytesFromText, bytesToBuffer, type Client, type CommandHandler, DoubleReply, ErrorReply, errWrongArity, MapReply, OK,
  type Reply, SimpleString, tryParseInt64,
} from '@fakeredis/core';
import { BsonError, bsonFirstValue } from './bson.js';
import { JsonDocument, jsonType } from './document.js';
import {
  ERR_ARRAY_INDEX_OUT_OF_RANGE, ERR_BAD_INPUT_NUMBER, ERR_DEBUG_SUBCOMMAND, ERR_FORMAT_RESP2, ERR_INDEX_OUT_OF_BOUNDS, ERR_LEGACY_FORMAT,
  ERR_NEW_OBJECTS_AT_ROOT, ERR_NONEXISTENT_KEY, ERR_NOT_A_NUMBER, ERR_PARSE_INTEGER, ERR_PATH_DOES_NOT_EXIST, ERR_PATH_MUST_END_WITH_KEY,
  ERR_SYNTAX, ERR_UTF8, ERR_WRONG_FORMAT, ERR_WRONG_REDIS_TYPE, ERR_WRONG_REPLY_FORMAT, ERR_WRONG_STATIC_PATH, errorText, errPathOr,
  errWrongPathType,
} from './errors.js';
import { compile, isStatic, type Match, PathSyntaxError, type Query, select } from './path.js';
import {
  cloneValue, type FormatOptions, grow, intValue, JArray, JFloat, JObject, JsonSyntaxError, type JValue, kindOf, parseJson, type Serializable,
  serialize, toDouble, typeName, valueMemory, valuesEqual,
} from './value.js';

/**
 * JSON.* as RedisJSON 2.8.19's src/commands.rs answers them (over ivalue_manager.rs and
 * key_value.rs). Every command is registered with arity -1 and reads its arguments with
 * redis-module-rs's NextArg (a missing one is RM_WrongArity, text that is not UTF-8
 * "Couldn't parse as UTF-8 string"). Paths are legacy (`.a`, `a`, `[0]`: one value, errors
 * when missing) unless they start with `$` followed by nothing, `.` or `[` (JSONPath:
 * arrays of results, nulls where a value is of the wrong kind). A key opened for writing is
 * signalled modified when the command ends (RM_CloseKey); a change is replicated verbatim
 * and announced with the module's keyspace event (class 'd').
 */

const ROOT = '$';

// ---------------------------------------------------------------------------------------
// Arguments

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** RedisString::try_as_str. */
function text(arg: Bytes): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(arg)) return arg;
  try {
    return utf8.decode(bytesToBuffer(arg));
  } catch {
    throw ERR_UTF8;
  }
}

/** The arguments after the command name, read as NextArg reads them. */
class Args {
  private i = 1;
  constructor(
    readonly argv: Bytes[],
    readonly name: string,
  ) {}

  get remaining(): number {
    return this.argv.length - this.i;
  }

  next(): Bytes | undefined {
    return this.i < this.argv.length ? this.argv[this.i++] : undefined;
  }

  arg(): Bytes {
    const a = this.next();
    if (a === undefined) throw errWrongArity(this.name);
    return a;
  }

  str(): string {
    return text(this.arg());
  }

  /** RedisString::parse_integer (RM_StringToLongLong). */
  i64(): bigint {
    const n = tryParseInt64(this.arg());
    if (n === undefined) throw ERR_PARSE_INTEGER;
    return n;
  }
}

/** redisjson.rs's Path: a legacy path is converted to JSONPath (`.a` to `$.a`, `a` to `$.a`, `.` to `$`). */
class JsonPath {
  readonly path: string;
  readonly legacy: boolean;
  constructor(readonly original: string) {
    if (original.startsWith('$') && (original.length < 2 || original[1] === '.' || original[1] === '[')) {
      this.path = original;
      this.legacy = false;
    } else {
      this.path = original === '.' ? '$' : original.startsWith('.') ? `$${original}` : `$.${original}`;
      this.legacy = true;
    }
  }
}

/** `args.next_str().unwrap_or(default_path())`: a missing or non-UTF-8 path is the root. */
function optionalPath(args: Args): JsonPath {
  const a = args.next();
  if (a === undefined) return new JsonPath('.');
  try {
    return new JsonPath(text(a));
  } catch {
    return new JsonPath('.');
  }
}

/** compile, its error as the module replies it. */
function query(path: string): Query {
  try {
    return compile(path);
  } catch (e) {
    if (e instanceof PathSyntaxError) throw errorText(e.message);
    throw e;
  }
}

const values = (path: string, doc: JValue): JValue[] => select(query(path), doc).map((m) => m.value);
const paths = (path: string, doc: JValue): Match[] => select(query(path), doc, true);

/** get_first: the first match, "ERR Path does not exist" when none. */
function first(path: string, doc: JValue): JValue {
  const found = select(query(path), doc);
  if (found.length === 0) throw ERR_PATH_DOES_NOT_EXIST;
  return found[0]!.value;
}

/** manager.from_str: serde_json's error text as is (no error code). */
function parseValue(textArg: string): JValue {
  try {
    return parseJson(textArg);
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw errorText(e.message);
    throw e;
  }
}

/** serde_json::from_str(...)? inside a command: its text behind "ERR " (From<Error> for RedisError). */
function parseArgument(textArg: string): JValue {
  try {
    return parseJson(textArg);
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw errorText(`ERR ${e.message}`);
    throw e;
  }
}

// ---------------------------------------------------------------------------------------
// Keys

/** open_key_read + get_value: undefined when absent, the module's error for another type. */
function readDoc(client: Client, key: Bytes): JsonDocument | undefined {
  const v = client.db.lookupRead(key, client);
  if (v === undefined) return undefined;
  if (!(v instanceof JsonDocument)) throw ERR_WRONG_REDIS_TYPE;
  return v;
}

/** A key opened for writing (IValueKeyHolderWrite). */
class WriteKey {
  constructor(
    readonly client: Client,
    readonly key: Bytes,
  ) {}

  /** get_value: the document, undefined when the key is absent. */
  doc(): JsonDocument | undefined {
    const v = this.client.db.lookupWrite(this.key, this.client);
    if (v === undefined) return undefined;
    if (!(v instanceof JsonDocument)) throw ERR_WRONG_REDIS_TYPE;
    return v;
  }

  /** get_value or the nonexistent-key error. */
  root(): JsonDocument {
    const doc = this.doc();
    if (doc === undefined) throw ERR_NONEXISTENT_KEY;
    return doc;
  }

  /** set_root: replaces the document, or creates the key. */
  setRoot(value: JValue): void {
    const doc = this.doc();
    if (doc !== undefined) doc.root = value;
    else jsonType.add(this.client.db, this.key, new JsonDocument(value));
  }

  delete(): void {
    this.client.db.delete(this.key);
  }

  /** notify_keyspace_event (class 'd') and apply_changes (RedisModule_ReplicateVerbatim). */
  changed(event: string): void {
    const db = this.client.db;
    db.server.notifyKeyspaceEvent('d', event, this.key, db.index);
    replicate(this.client);
  }
}

/** Clients whose current command asked to be replicated verbatim (read by the mixin's propagation rule). */
export const replicated = new WeakSet<Client>();

function replicate(client: Client): void {
  replicated.add(client);
  // RedisModule_ReplicateVerbatim's server.dirty++.
  client.db.server.addDirty(1);
}

/** Runs a write command; every key it opened is signalled modified at the end, as RM_CloseKey does. */
function writing<T>(client: Client, keys: Bytes[], body: (open: (key: Bytes) => WriteKey) => T): T {
  try {
    return body((key) => {
      keys.push(key);
      return new WriteKey(client, key);
    });
  } finally {
    for (const key of keys) client.db.signalModifiedKey(key);
  }
}

const writeCommand = (body: (client: Client, args: Args, open: (key: Bytes) => WriteKey) => Reply, name: string): CommandHandler =>
  (client, argv) => {
    // A replication request is the current command's own; it alone counts as a change.
    replicated.delete(client);
    client.server.addDirty(0);
    return writing(client, [], (open) => body(client, new Args(argv, name), open));
  };

// ---------------------------------------------------------------------------------------
// Mutations at a tracked path (ivalue_manager.rs's replace / update)

const REMOVE = Symbol('remove');
type Edit = (current: JValue) => JValue | typeof REMOVE;

/**
 * Applies `edit` to the value at `path` (keys, and array indexes as decimal text); the
 * root when the path is empty (removing it leaves null, as IValue::take). False when the
 * path leads nowhere. An error thrown by `edit` leaves what it already did.
 */
function editAt(doc: JsonDocument, path: string[], edit: Edit): boolean {
  if (path.length === 0) {
    const r = edit(doc.root);
    doc.root = r === REMOVE ? null : r;
    return true;
  }
  let target: JValue = doc.root;
  for (let i = 0; i < path.length; i++) {
    const token = path[i]!;
    const last = i === path.length - 1;
    if (target instanceof JObject) {
      const v = target.get(token);
      if (last) {
        if (v === undefined) return false;
        const r = edit(v);
        if (r === REMOVE) target.remove(token);
        else target.set(token, r);
        return true;
      }
      if (v === undefined) return false;
      target = v;
    } else if (target instanceof JArray) {
      // token.parse::<usize>()? on a key path used on an array.
      if (!/^\+?\d+$/.test(token)) throw new ErrorReply('ERR invalid digit found in string');
      const idx = Number(token);
      if (last) {
        if (idx >= target.items.length) return false;
        const r = edit(target.items[idx]!);
        if (r === REMOVE) target.items.splice(idx, 1);
        else target.items[idx] = r;
        return true;
      }
      const v = target.items[idx];
      if (v === undefined) return false;
      target = v;
    } else {
      return false;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------
// Path ordering for writes (compare_paths_for_mutation, prepare_paths_for_updating)

const asIndex = (s: string): bigint | undefined => (/^\+?\d+$/.test(s) && BigInt(s) < 1n << 64n ? BigInt(s) : undefined);
const cmpText = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** Deeper paths first, higher array indexes first, keys before indexes, keys in byte order. */
function comparePaths(a: string[], b: string[]): number {
  for (let i = 0; ; i++) {
    if (i >= a.length && i >= b.length) return 0;
    if (i >= b.length) return -1;
    if (i >= a.length) return 1;
    const ia = asIndex(a[i]!);
    const ib = asIndex(b[i]!);
    if (ia === undefined && ib === undefined) {
      const c = cmpText(a[i]!, b[i]!);
      if (c !== 0) return c;
    } else if (ia === undefined) {
      return -1;
    } else if (ib === undefined) {
      return 1;
    } else if (ia !== ib) {
      return ia > ib ? -1 : 1;
    }
  }
}

/** Sorted for mutation, and only the top-most of nested paths kept (JSON.DEL, JSON.SET). */
function prepareForUpdate(list: string[][]): string[][] {
  if (list.length < 2) return list;
  list.sort(comparePaths);
  const joined = list.map((p) => p.join(','));
  const sorted = [...joined].sort((a, b) => {
    const ia = asIndex(a);
    const ib = asIndex(b);
    return ia !== undefined && ib !== undefined ? (ia < ib ? -1 : ia > ib ? 1 : 0) : cmpText(a, b);
  });
  return list.filter((_, n) => {
    const path = joined[n]!;
    const found = sorted.find((p) => path.startsWith(p) && (path.length === p.length || path[p.length] === ','));
    return found === path;
  });
}

// ---------------------------------------------------------------------------------------
// Replies

type ReplyFormat = 'STRING' | 'STRINGS' | 'EXPAND1' | 'EXPAND';

interface Format extends FormatOptions {
  format: ReplyFormat;
  resp3: boolean;
}

/** ReplyFormat::from_str (case-sensitive). */
function replyFormat(arg: string): ReplyFormat {
  if (arg === 'STRING' || arg === 'STRINGS' || arg === 'EXPAND1' || arg === 'EXPAND') return arg;
  throw ERR_WRONG_REPLY_FORMAT;
}

const isResp3Reply = (f: Format): boolean => f.resp3 && f.format !== 'STRING' && f.format !== 'STRINGS';
const bulk = (s: string): Bytes => bytesFromText(s);

/** value_to_resp3: EXPAND nests natively, EXPAND1 only the scalars (arrays and objects as JSON text). */
function toResp3(v: JValue, f: Format): Reply {
  switch (kindOf(v)) {
    case 'null': return null;
    case 'bool': return new BooleanReply(v as boolean);
    case 'long': return typeof v === 'bigint' ? v : (v as number);
    case 'double': return new DoubleReply(toDouble(v));
    case 'string': if (f.format === 'EXPAND') return bulk(v as string); break;
    case 'array': if (f.format === 'EXPAND') return (v as JArray).items.map((x) => toResp3(x, f)); break;
    case 'object':
      if (f.format === 'EXPAND') {
        const o = v as JObject;
        return new MapReply(o.keys.map((k, i) => [bulk(k), toResp3(o.vals[i]!, f)]));
      }
      break;
  }
  return bulk(serialize(v, f));
}

/** JSON.RESP's encoding: `[` or `{` (status) then the elements or key/value pairs, true/false as status. */
function respOf(v: JValue): Reply {
  switch (kindOf(v)) {
    case 'null': return null;
    case 'bool': return new SimpleString(v ? 'true' : 'false');
    case 'long': return typeof v === 'bigint' ? v : (v as number);
    case 'double': return new DoubleReply(toDouble(v));
    case 'string': return bulk(v as string);
    case 'array': return [new SimpleString('['), ...(v as JArray).items.map(respOf)];
    default: {
      const o = v as JObject;
      const out: Reply[] = [new SimpleString('{')];
      o.keys.forEach((k, i) => out.push(bulk(k), respOf(o.vals[i]!)));
      return out;
    }
  }
}

const isNumber = (v: JValue): boolean => {
  const k = kindOf(v);
  return k === 'long' || k === 'double';
};

// ---------------------------------------------------------------------------------------
// JSON.GET, JSON.MGET, JSON.RESP, JSON.TYPE

/** KeyValue::to_json: the reply of JSON.GET for a document. */
function toJson(doc: JValue, list: JsonPath[], f: Format): Reply {
  if (isResp3Reply(f)) {
    // to_resp3: a path that does not compile gives an empty array.
    return list.map((p) => {
      let q: Query;
      try {
        q = compile(p.path);
      } catch {
        return [];
      }
      return select(q, doc).map((m) => toResp3(m.value, f));
    });
  }
  const legacy = list.every((p) => p.legacy);
  if (list.length === 1) {
    const p = list[0]!;
    return bulk(legacy ? serialize(first(p.path, doc), f) : serialize(values(p.path, doc), f));
  }
  // to_json_multi: keyed by the paths as given; a path that does not compile is left out.
  const byPath = new Map<string, Serializable | undefined>();
  let missing = false;
  for (const p of list) {
    let q: Query;
    try {
      q = compile(p.path);
    } catch {
      continue;
    }
    const found = select(q, doc).map((m) => m.value);
    if (legacy && found.length === 0) missing = true;
    byPath.set(p.original, legacy ? found[0] : found);
  }
  if (missing) throw ERR_PATH_DOES_NOT_EXIST;
  return bulk(serialize(byPath, f));
}

/** JSON.GET key [INDENT s] [NEWLINE s] [SPACE s] [NOESCAPE] [FORMAT f] [path ...] */
export const JSON_GET: CommandHandler = (client, argv) => {
  const args = new Args(argv, 'json.get');
  const key = args.arg();
  const list: JsonPath[] = [];
  const f: Format = { format: 'STRING', resp3: client.protocol === 3 };
  for (let a = args.next(); a !== undefined; a = args.next()) {
    // `while let Ok(arg) = args.next_str()`: an argument that is not UTF-8 ends the options and paths.
    let arg: string;
    try {
      arg = text(a);
    } catch {
      break;
    }
    // Anything longer than the longest option (NOESCAPE) is a path.
    const word = Buffer.byteLength(arg) > 8 ? '' : arg.toUpperCase();
    if (word === 'FORMAT') {
      if (!f.resp3 && list.length === 0) throw ERR_FORMAT_RESP2;
      const next = args.str();
      if (next.toUpperCase() === 'STRINGS') throw ERR_WRONG_REPLY_FORMAT;
      f.format = replyFormat(next);
    } else if (word === 'INDENT') f.indent = args.str();
    else if (word === 'NEWLINE') f.newline = args.str();
    else if (word === 'SPACE') f.space = args.str();
    else if (word !== 'NOESCAPE') list.push(new JsonPath(arg));
  }
  if (list.length === 0) list.push(new JsonPath('.'));
  const doc = readDoc(client, key);
  return doc === undefined ? null : toJson(doc.root, list, f);
};

/** JSON.MGET key [key ...] path: a key that is absent, of another type or without the path is null. */
export const JSON_MGET: CommandHandler = (client, argv) => {
  if (argv.length < 3) throw errWrongArity('json.mget');
  const path = new JsonPath(text(argv[argv.length - 1]!));
  return argv.slice(1, -1).map((key) => {
    let doc: JsonDocument | undefined;
    try {
      doc = readDoc(client, key);
    } catch {
      return null;
    }
    if (doc === undefined) return null;
    try {
      return bulk(path.legacy ? serialize(first(path.path, doc.root)) : serialize(values(path.path, doc.root)));
    } catch {
      return null;
    }
  });
};

/** JSON.RESP key [path] */
export const JSON_RESP: CommandHandler = (client, argv) => {
  const args = new Args(argv, 'json.resp');
  const key = args.arg();
  const a = args.next();
  const path = new JsonPath(a === undefined ? '.' : text(a));
  const doc = readDoc(client, key);
  if (doc === undefined) return null;
  return path.legacy ? respOf(first(path.path, doc.root)) : values(path.path, doc.root).map(respOf);
};

/** JSON.TYPE key [path]: wrapped in one more array in RESP3. */
export const JSON_TYPE: CommandHandler = (client, argv) => {
  const args = new Args(argv, 'json.type');
  const key = args.arg();
  const path = optionalPath(args);
  const doc = readDoc(client, key);
  let reply: Reply = null;
  if (doc !== undefined) {
    if (path.legacy) {
      try {
        reply = bulk(typeName(first(path.path, doc.root)));
      } catch {
        reply = null;
      }
    } else {
      reply = values(path.path, doc.root).map((v) => bulk(typeName(v)));
    }
  }
  return client.protocol === 3 ? [reply] : reply;
};

// ---------------------------------------------------------------------------------------
// JSON.SET, JSON.MSET, JSON.MERGE, JSON.DEL

type Update = { kind: 'set'; path: string[] } | { kind: 'add'; path: string[]; key: string };
type SetOption = 'none' | 'NX' | 'XX' | 'merge';

/** find_add_paths: where a static path's missing last key would be added. */
function findAddPaths(doc: JValue, path: string): Update[] {
  const q = query(path);
  if (!isStatic(q)) throw ERR_WRONG_STATIC_PATH;
  const size = q.steps.length;
  if (size < 1) throw ERR_PATH_MUST_END_WITH_KEY;
  const last = q.steps[size - 1]!;
  if (last.t === 'idx') {
    // An array index: out of range, or an NX on an element that exists.
    if (select(q, doc).length === 0) throw ERR_ARRAY_INDEX_OUT_OF_RANGE;
    return [];
  }
  const key = last.t === 'lit' ? last.name : last.t === 'strs' ? last.items[0]!.raw : '';
  if (size === 1) return [{ kind: 'add', path: [], key }];
  return select({ steps: q.steps.slice(0, -1) }, doc, true).map((m) => ({ kind: 'add' as const, path: m.path!, key }));
}

/** KeyValue::find_paths: the existing values to set (NX skips them), else where to add the key. */
function findPaths(doc: JValue, path: string, option: SetOption): Update[] {
  if (option !== 'NX') {
    let found = paths(path, doc).map((m) => m.path!);
    if (option !== 'merge') found = prepareForUpdate(found);
    if (found.length > 0) return found.map((p) => ({ kind: 'set' as const, path: p }));
  }
  if (option === 'XX') return [];
  return findAddPaths(doc, path);
}

/** dict_add: adds the key to the object at path when it is an object without it. */
function dictAdd(doc: JsonDocument, path: string[], key: string, value: JValue): boolean {
  let updated = false;
  editAt(doc, path, (v) => {
    if (v instanceof JObject && !v.has(key)) {
      v.set(key, value);
      updated = true;
    }
    return v;
  });
  return updated;
}

/**
 * apply_updates: set or add the value at each place (a clone each when there are several);
 * true if any took. An update that fails counts as not taken.
 */
function applyUpdates(w: WriteKey, doc: JsonDocument, value: JValue, updates: Update[]): boolean {
  let updated = false;
  for (const u of updates) {
    const v = updates.length === 1 ? value : cloneValue(value);
    let took = false;
    try {
      if (u.kind === 'add') took = dictAdd(doc, u.path, u.key, v);
      else if (u.path.length === 0) {
        w.setRoot(v);
        took = true;
      } else took = editAt(doc, u.path, () => v);
    } catch (e) {
      if (!(e instanceof ErrorReply)) throw e;
    }
    updated = took || updated;
  }
  return updated;
}

type InputFormat = 'STRING' | 'JSON' | 'BSON';

/** The FORMAT of JSON.SET / JSON.MERGE (Format::from_str, case-sensitive). */
function inputFormat(arg: string): InputFormat {
  if (arg !== 'STRING' && arg !== 'JSON' && arg !== 'BSON') throw ERR_WRONG_FORMAT;
  return arg;
}

/** manager.from_str: JSON text, or a BSON document whose first element becomes the value (through its JSON text). */
function parseInput(input: string, format: InputFormat): JValue {
  if (format !== 'BSON') return parseValue(input);
  let value: JValue;
  try {
    value = bsonFirstValue(Buffer.from(input, 'utf8'));
  } catch (e) {
    if (e instanceof BsonError) throw errorText(e.message);
    throw e;
  }
  return parseValue(serialize(value));
}

/** JSON.SET key path json [NX | XX] [FORMAT f] */
export const JSON_SET = writeCommand((client, args, open) => {
  const key = args.arg();
  const path = new JsonPath(args.str());
  const json = args.str();
  let option: SetOption = 'none';
  let format: InputFormat = 'JSON';
  for (let a = args.next(); a !== undefined; a = args.next()) {
    const arg = text(a).toUpperCase();
    if (arg === 'NX' && option === 'none') option = 'NX';
    else if (arg === 'XX' && option === 'none') option = 'XX';
    else if (arg === 'FORMAT') format = inputFormat(args.str());
    else throw ERR_SYNTAX;
  }
  const w = open(key);
  const doc = w.doc();
  const value = parseInput(json, format);
  if (doc !== undefined) {
    if (path.path === ROOT) {
      if (option === 'NX') return null;
      w.setRoot(value);
      w.changed('json.set');
      return OK;
    }
    const updates = findPaths(doc.root, path.path, option);
    if (updates.length > 0 && applyUpdates(w, doc, value, updates)) {
      w.changed('json.set');
      return OK;
    }
    return null;
  }
  if (option === 'XX') return null;
  if (path.path !== ROOT) throw ERR_NEW_OBJECTS_AT_ROOT;
  w.setRoot(value);
  w.changed('json.set');
  return OK;
}, 'json.set');

/** JSON.MSET key path json [key path json ...]: all triplets checked before any is set. */
export const JSON_MSET = writeCommand((client, args, open) => {
  if (args.remaining < 3) throw errWrongArity('json.mset');
  const parsed: Array<{ key: Bytes; updates?: Update[]; json: string }> = [];
  for (let key = args.next(); key !== undefined; key = args.next()) {
    const doc = open(key).doc();
    const path = new JsonPath(args.str());
    let updates: Update[] | undefined;
    if (path.path !== ROOT) {
      if (doc === undefined) throw ERR_NEW_OBJECTS_AT_ROOT;
      updates = findPaths(doc.root, path.path, 'none');
    }
    const json = args.str();
    parseValue(json);
    parsed.push({ key, updates, json });
  }
  for (const { key, updates, json } of parsed) {
    const w = open(key);
    const value = parseValue(json);
    let updated: boolean;
    if (updates === undefined) {
      w.setRoot(value);
      updated = true;
    } else {
      updated = updates.length > 0 && applyUpdates(w, w.root(), value, updates);
    }
    if (updated) client.db.server.notifyKeyspaceEvent('d', 'json.mset', key, client.db.index);
  }
  replicate(client);
  return OK;
}, 'json.mset');

/** RFC 7396 merge (ivalue_manager.rs's merge): null members remove, objects merge, the rest replaces. */
function mergePatch(doc: JValue, patch: JValue): JValue {
  if (!(patch instanceof JObject)) return cloneValue(patch);
  const target = doc instanceof JObject ? doc : new JObject();
  for (let i = 0; i < patch.keys.length; i++) {
    const k = patch.keys[i]!;
    const v = patch.vals[i]!;
    if (v === null) target.remove(k);
    else target.set(k, mergePatch(target.get(k) ?? null, v));
  }
  return target;
}

/** JSON.MERGE key path json [FORMAT f] */
export const JSON_MERGE = writeCommand((client, args, open) => {
  const key = args.arg();
  const path = new JsonPath(args.str());
  const json = args.str();
  let format: InputFormat = 'JSON';
  for (let a = args.next(); a !== undefined; a = args.next()) {
    if (text(a).toUpperCase() === 'FORMAT') format = inputFormat(args.str());
    else throw ERR_SYNTAX;
  }
  const w = open(key);
  const doc = w.doc();
  const value = parseInput(json, format);
  if (doc === undefined) {
    if (path.path !== ROOT) throw ERR_NEW_OBJECTS_AT_ROOT;
    w.setRoot(value);
    w.changed('json.merge');
    return OK;
  }
  if (path.path === ROOT) {
    doc.root = mergePatch(doc.root, value);
    w.changed('json.merge');
    return OK;
  }
  const updates = findPaths(doc.root, path.path, 'merge');
  let res = false;
  for (const u of updates) {
    const patch = updates.length === 1 ? value : cloneValue(value);
    const took = u.kind === 'add' ? dictAdd(doc, u.path, u.key, patch) : editAt(doc, u.path, (current) => mergePatch(current, patch));
    res = took || res;
  }
  if (!res) return null;
  w.changed('json.merge');
  return OK;
}, 'json.merge');

/** JSON.DEL / JSON.FORGET key [path]: how many values went (the root deletes the key). */
const del = (name: string): CommandHandler =>
  writeCommand((client, args, open) => {
    const key = args.arg();
    const a = args.next();
    const path = new JsonPath(a === undefined ? '.' : text(a));
    const w = open(key);
    const doc = w.doc();
    if (doc === undefined) return 0;
    let deleted = 0;
    if (path.path === ROOT) {
      w.delete();
      deleted = 1;
    } else {
      for (const p of prepareForUpdate(paths(path.path, doc.root).map((m) => m.path!))) {
        if (editAt(doc, p, () => REMOVE)) deleted++;
      }
    }
    if (deleted > 0) w.changed('json.del');
    return deleted;
  }, name);

export const JSON_DEL = del('json.del');
export const JSON_FORGET = del('json.forget');

// ---------------------------------------------------------------------------------------
// Numbers, booleans, strings

type NumOp = 'incr' | 'mult' | 'pow';

/** i64::pow in a release build: wrapping, the exponent as a u32. */
function wrappingPow(base: bigint, exp: bigint): bigint {
  let e = BigInt.asUintN(32, exp);
  let b = BigInt.asIntN(64, base);
  let result = 1n;
  while (e > 0n) {
    if (e & 1n) result = BigInt.asIntN(64, result * b);
    b = BigInt.asIntN(64, b * b);
    e >>= 1n;
  }
  return result;
}

/** do_num_op: the new number at the path (an integer when both are integers, else a double). */
function numOp(doc: JsonDocument, path: string[], arg: string, op: NumOp): JValue {
  const input = parseArgument(arg);
  const k = kindOf(input);
  if (k !== 'long' && k !== 'double') throw ERR_BAD_INPUT_NUMBER;
  let result: JValue | undefined;
  editAt(doc, path, (v) => {
    let r: JValue;
    if (kindOf(v) === 'long' && k === 'long') {
      const a = BigInt(v as number | bigint);
      const b = BigInt(input as number | bigint);
      r = intValue(op === 'incr' ? BigInt.asIntN(64, a + b) : op === 'mult' ? BigInt.asIntN(64, a * b) : wrappingPow(a, b));
    } else {
      const a = toDouble(v);
      const b = toDouble(input);
      const d = op === 'incr' ? a + b : op === 'mult' ? a * b : Math.pow(a, b);
      if (!Number.isFinite(d)) throw ERR_NOT_A_NUMBER;
      r = new JFloat(d);
    }
    result = r;
    return r;
  });
  if (result === undefined) throw ERR_PATH_DOES_NOT_EXIST;
  return result;
}

const numText = (v: JValue): string => serialize(v);

const numCommand = (name: string, op: NumOp): CommandHandler =>
  writeCommand((client, args, open) => {
    const key = args.arg();
    const path = new JsonPath(args.str());
    const number = args.str();
    const w = open(key);
    const doc = w.root();
    const event = name;
    if (path.legacy && client.protocol !== 3) {
      const found = paths(path.path, doc.root).filter((m) => isNumber(m.value));
      if (found.length === 0) throw errPathOr('does not contains a number');
      let res: JValue = null;
      for (const m of found) res = numOp(doc, m.path!, number, op);
      w.changed(event);
      return bulk(numText(res));
    }
    const found = paths(path.path, doc.root).map((m) => (isNumber(m.value) ? m.path! : undefined));
    const results: JValue[] = [];
    let notify = false;
    for (const p of found) {
      if (p === undefined) {
        results.push(null);
        continue;
      }
      notify = true;
      results.push(numOp(doc, p, number, op));
    }
    if (notify) w.changed(event);
    if (client.protocol === 3) return results.map((v) => (v === null ? null : kindOf(v) === 'long' ? (v as number | bigint) : new DoubleReply(toDouble(v))));
    return bulk(serialize(results));
  }, name);

export const JSON_NUMINCRBY = numCommand('json.numincrby', 'incr');
export const JSON_NUMMULTBY = numCommand('json.nummultby', 'mult');
export const JSON_NUMPOWBY = numCommand('json.numpowby', 'pow');

/** JSON.TOGGLE key path: legacy answers "true"/"false", JSONPath 1/0 per match. */
export const JSON_TOGGLE = writeCommand((client, args, open) => {
  const key = args.arg();
  const path = new JsonPath(args.str());
  const w = open(key);
  const doc = w.root();
  const found = paths(path.path, doc.root);
  const toggle = (p: string[]): boolean => {
    let res: boolean | undefined;
    editAt(doc, p, (v) => {
      if (typeof v !== 'boolean') return v;
      res = !v;
      return res;
    });
    if (res === undefined) throw ERR_PATH_DOES_NOT_EXIST;
    return res;
  };
  if (path.legacy) {
    const bools = found.filter((m) => typeof m.value === 'boolean');
    if (bools.length === 0) throw errPathOr('not a bool');
    let res = false;
    for (const m of bools) res = toggle(m.path!);
    w.changed('json.toggle');
    return bulk(String(res));
  }
  let notify = false;
  const out = found.map((m): Reply => {
    if (typeof m.value !== 'boolean') return null;
    notify = true;
    return toggle(m.path!) ? 1 : 0;
  });
  if (notify) w.changed('json.toggle');
  return out;
}, 'json.toggle');

const byteLength = (s: string): number => Buffer.byteLength(s, 'utf8');

/** JSON.STRAPPEND key [path] json-string */
export const JSON_STRAPPEND = writeCommand((client, args, open) => {
  const key = args.arg();
  const pathOrJson = args.str();
  const next = args.next();
  const path = new JsonPath(next === undefined ? '.' : pathOrJson);
  const json = next === undefined ? pathOrJson : text(next);
  const w = open(key);
  const doc = w.root();
  const append = (p: string[]): number => {
    const s = parseArgument(json);
    if (typeof s !== 'string') throw errWrongPathType('string');
    let len: number | undefined;
    editAt(doc, p, (v) => {
      const joined = (v as string) + s;
      len = byteLength(joined);
      return joined;
    });
    if (len === undefined) throw ERR_PATH_DOES_NOT_EXIST;
    return len;
  };
  const found = paths(path.path, doc.root);
  if (path.legacy) {
    const strings = found.filter((m) => typeof m.value === 'string');
    if (strings.length === 0) throw errPathOr('not a string');
    let res = 0;
    for (const m of strings) res = append(m.path!);
    w.changed('json.strappend');
    return res;
  }
  let notify = false;
  const out = found.map((m): Reply => {
    if (typeof m.value !== 'string') return null;
    notify = true;
    return append(m.path!);
  });
  if (notify) w.changed('json.strappend');
  return out;
}, 'json.strappend');

/** JSON.STRLEN key [path]: lengths in bytes. */
export const JSON_STRLEN: CommandHandler = (client, argv) => {
  const args = new Args(argv, 'json.strlen');
  const key = args.arg();
  const path = optionalPath(args);
  const doc = readDoc(client, key);
  if (path.legacy) {
    if (doc === undefined) return null;
    const v = first(path.path, doc.root);
    if (typeof v !== 'string') throw errWrongPathType('string');
    return byteLength(v);
  }
  if (doc === undefined) throw ERR_NONEXISTENT_KEY;
  return values(path.path, doc.root).map((v) => (typeof v === 'string' ? byteLength(v) : null));
};

// ---------------------------------------------------------------------------------------
// Arrays

/** The JSON arguments from the current one on (at least one), parsed before the key is opened. */
function jsonArguments(args: Args): JValue[] {
  if (args.remaining === 0) throw errWrongArity(args.name);
  const out: JValue[] = [];
  for (let a = args.next(); a !== undefined; a = args.next()) out.push(parseValue(text(a)));
  return out;
}

/** Appends clones of `items` to the array at the path (pushed one by one, growing as ijson's push). */
function appendTo(doc: JsonDocument, p: string[], items: JValue[]): number {
  let len: number | undefined;
  editAt(doc, p, (v) => {
    const arr = v as JArray;
    for (const item of items) {
      if (arr.items.length === arr.cap) arr.cap = grow(arr.cap, arr.items.length + 1);
      arr.items.push(cloneValue(item));
    }
    len = arr.items.length;
    return arr;
  });
  if (len === undefined) throw ERR_PATH_DOES_NOT_EXIST;
  return len;
}

/**
 * The pattern of the array commands: legacy paths apply to every matching array (sorted
 * for mutation) and answer the last result, or "does not exist or not an array"; JSONPath
 * answers per match (null for a non-array), mutating deepest paths first.
 */
function eachArray(
  w: WriteKey,
  doc: JsonDocument,
  path: JsonPath,
  event: string,
  apply: (p: string[]) => Reply,
  options: { sortLegacy: boolean; sortPaths: boolean; notifyIf?: (r: Reply) => boolean },
): Reply {
  const found = paths(path.path, doc.root);
  if (path.legacy) {
    const arrays = found.filter((m) => m.value instanceof JArray).map((m) => m.path!);
    if (arrays.length === 0) throw errPathOr('not an array');
    if (options.sortLegacy) arrays.sort(comparePaths);
    let res: Reply = null;
    for (const p of arrays) res = apply(p);
    w.changed(event);
    return res;
  }
  const out: Reply[] = found.map(() => null);
  const order = found.map((m, i) => ({ i, p: m.value instanceof JArray ? m.path! : undefined })).filter((x) => x.p !== undefined);
  if (options.sortPaths) order.sort((a, b) => comparePaths(a.p!, b.p!));
  let notify = false;
  for (const { i, p } of order) {
    out[i] = apply(p!);
    if (options.notifyIf === undefined || options.notifyIf(out[i]!)) notify = true;
  }
  if (notify) w.changed(event);
  return out;
}

/** JSON.ARRAPPEND key path json [json ...] */
export const JSON_ARRAPPEND = writeCommand((client, args, open) => {
  const key = args.arg();
  const path = new JsonPath(args.str());
  const items = jsonArguments(args);
  const w = open(key);
  const doc = w.root();
  return eachArray(w, doc, path, 'json.arrappend', (p) => appendTo(doc, p, items), { sortLegacy: false, sortPaths: false });
}, 'json.arrappend');

/** JSON.ARRINSERT key path index json [json ...] */
export const JSON_ARRINSERT = writeCommand((client, args, open) => {
  const key = args.arg();
  const path = new JsonPath(args.str());
  const index = args.i64();
  const items = jsonArguments(args);
  const w = open(key);
  const doc = w.root();
  const insert = (p: string[]): number => {
    let len: number | undefined;
    editAt(doc, p, (v) => {
      const arr = v as JArray;
      const n = BigInt(arr.items.length);
      const at = index < 0n ? n + index : index;
      if (at < 0n || at > n) throw ERR_INDEX_OUT_OF_BOUNDS;
      if (arr.cap - arr.items.length < items.length) arr.cap = grow(arr.cap, arr.items.length + items.length);
      arr.items.splice(Number(at), 0, ...items.map(cloneValue));
      len = arr.items.length;
      return arr;
    });
    if (len === undefined) throw ERR_PATH_DOES_NOT_EXIST;
    return len;
  };
  return eachArray(w, doc, path, 'json.arrinsert', insert, { sortLegacy: true, sortPaths: true });
}, 'json.arrinsert');

/** normalize_arr_start_index */
function startIndex(start: bigint, len: bigint): bigint {
  if (start < 0n) return len + start > 0n ? len + start : 0n;
  return start < len - 1n ? start : len - 1n;
}

/** JSON.ARRPOP key [FORMAT f] [path [index]] */
export const JSON_ARRPOP = writeCommand((client, args, open) => {
  const key = args.arg();
  const f: Format = { format: 'STRINGS', resp3: client.protocol === 3 };
  let pathArg = args.next();
  if (pathArg !== undefined && text(pathArg).toUpperCase() === 'FORMAT') {
    const next = args.next();
    let name: string | undefined;
    try {
      name = next === undefined ? undefined : text(next);
    } catch {
      name = undefined;
    }
    if (name !== undefined) {
      f.format = replyFormat(name);
      if (f.format === 'STRING') throw ERR_WRONG_REPLY_FORMAT;
      if (!f.resp3) throw ERR_FORMAT_RESP2;
      pathArg = args.next();
    }
  }
  let path: JsonPath;
  let index: bigint;
  if (pathArg === undefined) {
    path = new JsonPath('.');
    index = (1n << 63n) - 1n;
  } else {
    path = new JsonPath(text(pathArg));
    const i = args.next();
    index = i === undefined ? -1n : (tryParseInt64(i) ?? -1n);
  }
  const w = open(key);
  if (path.legacy && f.format !== 'STRINGS') throw ERR_LEGACY_FORMAT;
  const doc = w.root();
  const pop = (p: string[]): Reply => {
    let popped: JValue | undefined;
    editAt(doc, p, (v) => {
      const arr = v as JArray;
      if (arr.items.length === 0) return arr;
      const at = Number(startIndex(index, BigInt(arr.items.length)));
      popped = arr.items.splice(at, 1)[0]!;
      return arr;
    });
    if (popped === undefined) return null;
    return isResp3Reply(f) ? toResp3(popped, f) : bulk(serialize(popped));
  };
  return eachArray(w, doc, path, 'json.arrpop', pop, { sortLegacy: true, sortPaths: true, notifyIf: (r) => r !== null });
}, 'json.arrpop');

/** ArrayIndex::normalize */
function normalize(i: bigint, len: bigint): bigint {
  if (i < 0n) return len - (len < -i ? len : -i);
  if (len > 0n) return len - 1n < i ? len - 1n : i;
  return 0n;
}

/** JSON.ARRTRIM key path start stop */
export const JSON_ARRTRIM = writeCommand((client, args, open) => {
  const key = args.arg();
  const path = new JsonPath(args.str());
  const start = args.i64();
  const stop = args.i64();
  const w = open(key);
  const doc = w.root();
  const trim = (p: string[]): number => {
    let len: number | undefined;
    editAt(doc, p, (v) => {
      const arr = v as JArray;
      const n = BigInt(arr.items.length);
      const to = normalize(stop, n);
      const from = start < 0n || start < n ? normalize(start, n) : to + 1n;
      arr.items = from > to || n === 0n ? [] : arr.items.slice(Number(from), Number(to) + 1);
      len = arr.items.length;
      return arr;
    });
    if (len === undefined) throw ERR_PATH_DOES_NOT_EXIST;
    return len;
  };
  return eachArray(w, doc, path, 'json.arrtrim', trim, { sortLegacy: true, sortPaths: true });
}, 'json.arrtrim');

/** JSON.ARRLEN key [path] */
export const JSON_ARRLEN: CommandHandler = (client, argv) => {
  const args = new Args(argv, 'json.arrlen');
  const key = args.arg();
  const path = optionalPath(args);
  const doc = readDoc(client, key);
  if (doc === undefined) {
    if (path.legacy) return null;
    throw ERR_NONEXISTENT_KEY;
  }
  const found = values(path.path, doc.root);
  if (path.legacy) {
    if (found.length === 0) throw ERR_PATH_DOES_NOT_EXIST;
    const v = found[0]!;
    if (!(v instanceof JArray)) throw errPathOr('not an array');
    return v.items.length;
  }
  return found.map((v) => (v instanceof JArray ? v.items.length : null));
};

/** normalize_arr_indices: a negative start or end counts from the end, end 0 is the end. */
function arrIndexOf(v: JValue, needle: JValue, start: bigint, end: bigint): number | null {
  if (!(v instanceof JArray)) return null;
  const n = BigInt(v.items.length);
  if (n === 0n) return -1;
  const from = startIndex(start, n);
  const to = end === 0n ? n : end < 0n ? (n + end > 0n ? n + end : 0n) : end < n ? end : n;
  for (let i = Number(from); i < Number(to); i++) if (valuesEqual(v.items[i]!, needle)) return i;
  return -1;
}

/** JSON.ARRINDEX key path value [start [stop]] */
export const JSON_ARRINDEX: CommandHandler = (client, argv) => {
  const args = new Args(argv, 'json.arrindex');
  const key = args.arg();
  const path = new JsonPath(args.str());
  const json = args.str();
  const startArg = args.next();
  const start = startArg === undefined ? 0n : tryParseInt64(startArg);
  if (start === undefined) throw ERR_PARSE_INTEGER;
  const endArg = args.next();
  const end = endArg === undefined ? 0n : tryParseInt64(endArg);
  if (end === undefined) throw ERR_PARSE_INTEGER;
  if (args.remaining > 0) throw errWrongArity('json.arrindex');
  const needle = parseArgument(json);
  const doc = readDoc(client, key);
  if (doc === undefined) throw ERR_PATH_DOES_NOT_EXIST;
  if (path.legacy) {
    const found = arrIndexOf(first(path.path, doc.root), needle, start, end);
    if (found === null) throw errWrongPathType('array');
    return found;
  }
  return values(path.path, doc.root).map((v) => arrIndexOf(v, needle, start, end));
};

// ---------------------------------------------------------------------------------------
// Objects, CLEAR, DEBUG

const keysOf = (o: JObject): Reply => o.keys.map(bulk);

/** JSON.OBJKEYS key [path] */
export const JSON_OBJKEYS: CommandHandler = (client, argv) => {
  const args = new Args(argv, 'json.objkeys');
  const key = args.arg();
  const path = optionalPath(args);
  const doc = readDoc(client, key);
  if (path.legacy) {
    if (doc === undefined) return null;
    let v: JValue;
    try {
      v = first(path.path, doc.root);
    } catch {
      return null;
    }
    if (!(v instanceof JObject)) throw errPathOr('not an object');
    return keysOf(v);
  }
  if (doc === undefined) throw ERR_NONEXISTENT_KEY;
  return values(path.path, doc.root).map((v) => (v instanceof JObject ? keysOf(v) : null));
};

/** JSON.OBJLEN key [path] */
export const JSON_OBJLEN: CommandHandler = (client, argv) => {
  const args = new Args(argv, 'json.objlen');
  const key = args.arg();
  const path = optionalPath(args);
  const doc = readDoc(client, key);
  if (path.legacy) {
    if (doc === undefined) return null;
    let v: JValue;
    try {
      v = first(path.path, doc.root);
    } catch (e) {
      if (e === ERR_PATH_DOES_NOT_EXIST) return null;
      // A path that does not compile is also "none existing" to obj_len.
      return null;
    }
    if (!(v instanceof JObject)) throw errWrongPathType('object');
    return v.size;
  }
  if (doc === undefined) throw errPathOr('not an object');
  return values(path.path, doc.root).map((v) => (v instanceof JObject ? v.size : null));
};

/** JSON.CLEAR key [path ...]: only the first path counts; empties arrays and objects, zeroes numbers. */
export const JSON_CLEAR = writeCommand((client, args, open) => {
  const key = args.arg();
  const list: JsonPath[] = [];
  for (let a = args.next(); a !== undefined; a = args.next()) list.push(new JsonPath(text(a)));
  const path = list[0] ?? new JsonPath('.');
  const w = open(key);
  const doc = w.root();
  const targets = paths(path.path, doc.root).filter(({ value: v }) => {
    if (v instanceof JArray) return v.items.length > 0;
    if (v instanceof JObject) return v.size > 0;
    const k = kindOf(v);
    return (k === 'long' || k === 'double') && toDouble(v) !== 0;
  });
  let cleared = 0;
  for (const m of targets) {
    editAt(doc, m.path!, (v) => {
      if (v instanceof JArray) {
        v.items = [];
      } else if (v instanceof JObject) {
        v.clear();
      } else if (isNumber(v)) {
        cleared++;
        return 0;
      } else {
        return v;
      }
      cleared++;
      return v;
    });
  }
  if (cleared > 0) w.changed('json.clear');
  return cleared;
}, 'json.clear');

/** JSON.DEBUG MEMORY key [path] | HELP */
export const JSON_DEBUG: CommandHandler = (client, argv) => {
  const args = new Args(argv, 'json.debug');
  const sub = args.str().toUpperCase();
  if (sub === 'MEMORY') {
    const key = args.arg();
    const path = optionalPath(args);
    const doc = readDoc(client, key);
    if (path.legacy) return doc === undefined ? 0 : valueMemory(first(path.path, doc.root));
    return doc === undefined ? [] : values(path.path, doc.root).map(valueMemory);
  }
  if (sub === 'HELP') return [bulk('MEMORY <key> [path] - reports memory usage'), bulk('HELP                - this message')];
  throw ERR_DEBUG_SUBCOMMAND;
};
