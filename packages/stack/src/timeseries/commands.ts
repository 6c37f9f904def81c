import {
  type Bytes, type Client, type CommandHandler, DoubleReply, errWrongArity, ErrorReply, MapReply, OK, PairsMapReply, type PropagationRule,
  type Reply, SetReply, SimpleString,
} from '@fakeredis/core';
import { Agg, aggName, newAggregator } from './aggregation.js';
import { Dup } from './chunk.js';
import {
  ERR_TS_DEL_COMPACTION, ERR_TS_EXISTS, ERR_TS_GET_ARG, ERR_TS_INCR_OLD, ERR_TS_INCR_VALUE, ERR_TS_NOT_FOUND, ERR_TS_NOT_TSDB,
  ERR_TS_RULE_DST_HAS_DST, ERR_TS_RULE_DST_HAS_SRC, ERR_TS_RULE_MISSING, ERR_TS_RULE_SAME, ERR_TS_RULE_SRC_HAS_SRC, ERR_TS_TIMESTAMP,
  ERR_TS_TIMESTAMP_NEGATIVE, ERR_TS_VALUE, ERR_TS_WRONGTYPE,
} from './errors.js';
import { formatValue, parseValue } from './format.js';
import {
  argIndex, cstr, parseAggregation, parseCreateArgs, parseDouble, parseDuplicatePolicyArg, parseFilters, parseLabelQuery, parseLongLong,
  parseMRangeArgs, parseRangeArgs, Pred, type Predicate, type RangeArgs, SERIES_OPT_UNCOMPRESSED,
} from './query.js';
import { queryRange } from './range.js';
import { bucketStart, type Keyspace, newRule, normalize, type Samples, Series } from './series.js';
import { seriesType } from './type.js';

/**
 * TS.* as src/module.c of RedisTimeSeries 1.12 answers them, in a server without cluster.
 * The module registers each command with arity -1 and checks the argument count itself.
 * Its label index (one for all databases, by key name) is read from the series of every
 * database; TS.MGET and TS.MRANGE open the names it finds in the current one.
 */

/** GetSeries' keyspace: other keys a command reaches (rules, sources), opened as the module opens them. */
function keyspace(client: Client): Keyspace {
  let ks = keyspaces.get(client);
  if (ks !== undefined) return ks;
  ks = {
    series(key, write) {
      const db = client.db;
      const value = write ? db.lookupWrite(key, client) : db.lookupRead(key, client);
      if (write) db.signalModifiedKey(key);
      if (!seriesType.is(value)) return undefined;
      return opened(this, value, key);
    },
    locate(name, series) {
      const db = client.db;
      if (db.peek(name)?.value === series) return name;
      for (const key of db.keys()) if (db.peek(key)?.value === series) return key;
      return undefined;
    },
    notify(event, key) {
      client.db.server.notifyKeyspaceEvent('d', event, key, client.db.index);
    },
  };
  keyspaces.set(client, ks);
  return ks;
}

/** One Keyspace per client (it reads the client's database when used). */
const keyspaces = new WeakMap<Client, Keyspace>();

/** A series as opened at `key`: its own name (RENAME, COPY, RESTORE change it) and its references' names current. */
function opened(ks: Keyspace, series: Series, key: Bytes): Series {
  series.keyName = key;
  series.followRenames(ks);
  return series;
}

/** GetSeries, not silent: the series at `key` or the module's error. */
function getSeries(client: Client, key: Bytes, write: boolean): Series {
  const db = client.db;
  const value = write ? db.lookupWrite(key, client) : db.lookupRead(key, client);
  if (write) db.signalModifiedKey(key);
  if (value === undefined) throw ERR_TS_NOT_FOUND;
  if (!seriesType.is(value)) throw ERR_TS_WRONGTYPE;
  return opened(keyspace(client), value, key);
}

const notify = (client: Client, event: string, key: Bytes, eventClass = 'd'): void => {
  client.db.server.notifyKeyspaceEvent(eventClass, event, key, client.db.index);
};

/** A sample: [timestamp, value], the value as dragonbox's text in RESP2 and a double in RESP3. */
function sampleReply(client: Client, ts: number, value: number): Reply {
  return [ts, client.protocol === 3 ? new DoubleReply(value) : new SimpleString(formatValue(value))];
}

const samplesReply = (client: Client, samples: Samples): Reply[] => samples.ts.map((ts, i) => sampleReply(client, ts, samples.vals[i]!));

/** ReplyWithSeriesLastDatapoint. */
const lastDatapoint = (client: Client, series: Series): Reply =>
  series.totalSamples === 0 ? [] : sampleReply(client, series.lastTimestamp, series.lastValue);

/** TS.GET's and TS.MGET's sample: LATEST's unfinished bucket of a compaction, else the last sample. */
function getReply(client: Client, series: Series, latest: boolean): Reply {
  if (latest && series.srcKey !== undefined) {
    const sample = series.latestSample(keyspace(client));
    if (sample !== undefined) return sampleReply(client, sample[0], sample[1]);
  }
  return lastDatapoint(client, series);
}

const labelsReply = (series: Series, count = series.labels.length): Reply => new PairsMapReply(series.labels.slice(0, count).map(([k, v]) => [k, v]));

/** ReplyWithSeriesLabelsWithLimitC: each selected label (matched in any case), null when the series lacks it. */
function selectedLabelsReply(series: Series, selected: readonly Bytes[]): Reply {
  return new PairsMapReply(selected.map((name) => {
    const wanted = cstr(name).toLowerCase();
    const label = series.labels.find(([k]) => cstr(k).toLowerCase() === wanted);
    return label === undefined ? [cstr(name), null] : [label[0], label[1]];
  }));
}

/** TS.CREATE key [RETENTION ms] [ENCODING e] [CHUNK_SIZE n] [DUPLICATE_POLICY p] [IGNORE t v] [LABELS l v ...] */
export const TS_CREATE: CommandHandler = (client, argv) => {
  if (argv.length < 2) throw errWrongArity('ts.create');
  const args = parseCreateArgs(argv, 'ts.create');
  const key = argv[1]!;
  const db = client.db;
  try {
    if (db.lookupWrite(key, client) !== undefined) throw ERR_TS_EXISTS;
    seriesType.add(db, key, new Series(key, args));
  } finally {
    db.signalModifiedKey(key);
  }
  notify(client, 'ts.create', key);
  return OK;
};

/** TS.ALTER key [RETENTION ms] [CHUNK_SIZE n] [DUPLICATE_POLICY p] [IGNORE t v] [LABELS l v ...] */
export const TS_ALTER: CommandHandler = (client, argv) => {
  if (argv.length < 2) throw errWrongArity('ts.alter');
  const args = parseCreateArgs(argv, 'ts.alter');
  const series = getSeries(client, argv[1]!, true);
  if (argIndex(argv, 'RETENTION') > 0) series.retention = args.retention;
  if (argIndex(argv, 'CHUNK_SIZE') > 0) series.chunkSizeBytes = args.chunkSize;
  if (argIndex(argv, 'DUPLICATE_POLICY') > 0) series.duplicatePolicy = args.duplicatePolicy;
  if (argIndex(argv, 'LABELS') > 0) {
    series.labels = args.labels;
    series.rawLabels = undefined;
  }
  if (argIndex(argv, 'IGNORE') > 0) {
    series.ignoreMaxTimeDiff = args.ignoreMaxTimeDiff;
    series.ignoreMaxValDiff = args.ignoreMaxValDiff;
  }
  notify(client, 'ts.alter', argv[1]!);
  return OK;
};

/**
 * What a write replicates (RedisModule_Replicate / ReplicateVerbatim), set by the handler
 * for its propagation rule: the module replicates a sample only when it was added.
 */
const replicated = new WeakMap<Client, Bytes[] | null>();

/** internalAdd's reply: the timestamp (the last one when IGNORE drops the sample) or the error; `added` when it went in. */
function internalAdd(client: Client, series: Series, ts: number, value: number, override: Dup): { reply: Reply; added: boolean } {
  const result = series.add(keyspace(client), ts, value, override);
  if (result === 'ignored') return { reply: series.lastTimestamp, added: false };
  if (result !== 'ok') return { reply: result, added: false };
  return { reply: ts, added: true };
}

/** The add() of src/module.c: value, timestamp, then the key (created with `createArgv`'s options when given). */
function addSample(client: Client, key: Bytes, tsArg: Bytes, valueArg: Bytes, createArgv: Bytes[] | undefined): { reply: Reply; added: boolean } {
  const db = client.db;
  const existing = db.lookupWrite(key, client);
  try {
    const value = parseValue(valueArg);
    if (value === undefined) throw ERR_TS_VALUE;
    const ts = parseLongLong(tsArg);
    if (ts === undefined) throw ERR_TS_TIMESTAMP;
    if (ts < 0) throw ERR_TS_TIMESTAMP_NEGATIVE;
    let series: Series;
    let override = Dup.NONE;
    if (createArgv !== undefined && existing === undefined) {
      series = seriesType.add(db, key, new Series(key, parseCreateArgs(createArgv, 'ts.add')));
    } else if (!seriesType.is(existing)) {
      throw ERR_TS_NOT_TSDB;
    } else {
      series = opened(keyspace(client), existing, key);
      if (createArgv !== undefined) override = parseDuplicatePolicyArg(createArgv, 'ON_DUPLICATE') ?? Dup.NONE;
    }
    return internalAdd(client, series, ts, value, override);
  } catch (e) {
    if (!(e instanceof ErrorReply)) throw e;
    return { reply: e, added: false };
  } finally {
    db.signalModifiedKey(key);
  }
}

const nowText = (client: Client): Bytes => String(client.db.server.now()) as Bytes;

/** TS.ADD key timestamp value [RETENTION ...] [ON_DUPLICATE p] [LABELS ...] */
export const TS_ADD: CommandHandler = (client, argv) => {
  replicated.set(client, null);
  if (argv.length < 4) throw errWrongArity('ts.add');
  const key = argv[1]!;
  const ts = argv[2] === '*' ? nowText(client) : argv[2]!;
  const { reply, added } = addSample(client, key, ts, argv[3]!, argv);
  // Replicated with the timestamp `*` stood for.
  replicated.set(client, added ? ['TS.ADD' as Bytes, key, ts, ...argv.slice(3)] : null);
  notify(client, 'ts.add', key);
  return reply;
};

/** TS.MADD key timestamp value [key timestamp value ...]: each key must exist. */
export const TS_MADD: CommandHandler = (client, argv) => {
  replicated.set(client, null);
  if (argv.length < 4 || (argv.length - 1) % 3 !== 0) throw errWrongArity('ts.madd');
  let now: Bytes | undefined;
  const replies: Reply[] = [];
  // Only the samples that went in are replicated.
  const added: Bytes[] = [];
  for (let i = 1; i < argv.length; i += 3) {
    let ts = argv[i + 1]!;
    if (ts === '*') ts = now ??= nowText(client);
    const result = addSample(client, argv[i]!, ts, argv[i + 2]!, undefined);
    replies.push(result.reply);
    if (result.added) added.push(argv[i]!, ts, argv[i + 2]!);
  }
  replicated.set(client, added.length > 0 ? ['TS.MADD' as Bytes, ...added] : null);
  for (let i = 1; i < argv.length; i += 3) notify(client, 'ts.add', argv[i]!);
  return replies;
};

/** TS.INCRBY / TS.DECRBY key value [TIMESTAMP ts] [create options]: the last value plus or minus `value`. */
function incrBy(client: Client, argv: Bytes[], incr: boolean): Reply {
  const name = incr ? 'ts.incrby' : 'ts.decrby';
  replicated.set(client, null);
  if (argv.length < 3) throw errWrongArity(name);
  const key = argv[1]!;
  const db = client.db;
  let series: Series;
  try {
    const existing = db.lookupWrite(key, client);
    if (existing === undefined) {
      series = seriesType.add(db, key, new Series(key, parseCreateArgs(argv, name)));
    } else if (!seriesType.is(existing)) {
      throw ERR_TS_WRONGTYPE;
    } else {
      series = opened(keyspace(client), existing, key);
    }
    const by = parseDouble(argv[2]);
    if (by === undefined) throw ERR_TS_INCR_VALUE;
    const at = argIndex(argv, 'TIMESTAMP');
    let ts: number;
    if (at === -1 || argv[at + 1] === '*') {
      ts = db.server.now();
    } else {
      const parsed = parseLongLong(argv[at + 1]);
      if (parsed === undefined) throw ERR_TS_TIMESTAMP;
      ts = parsed;
    }
    if (ts < series.lastTimestamp && series.lastTimestamp !== 0) throw ERR_TS_INCR_OLD;
    const value = incr ? series.lastValue + by : series.lastValue - by;
    const { reply } = internalAdd(client, series, ts, value, Dup.LAST);
    // Replicated as sent once it got this far, the sample added or not, with the command's
    // name in lower case (the module lowers argv[0] in place before ReplicateVerbatim).
    replicated.set(client, [argv[0]!.toLowerCase() as Bytes, ...argv.slice(1)]);
    notify(client, name, key, 'g');
    return reply;
  } finally {
    db.signalModifiedKey(key);
  }
}

export const TS_INCRBY: CommandHandler = (client, argv) => incrBy(client, argv, true);
export const TS_DECRBY: CommandHandler = (client, argv) => incrBy(client, argv, false);

/** TS.GET key [LATEST] */
export const TS_GET: CommandHandler = (client, argv) => {
  if (argv.length < 2 || argv.length > 3) throw errWrongArity('ts.get');
  const series = getSeries(client, argv[1]!, false);
  const latest = argv.length === 3 && argIndex(argv, 'LATEST') > 0;
  if (argv.length === 3 && !latest) throw ERR_TS_GET_ARG;
  return getReply(client, series, latest);
};

/** is_obsolete: before the retention window of the last sample. */
const obsolete = (ts: number, last: number, retention: number): boolean => last > retention && ts < last - retention;

/** TS.DEL key from to */
export const TS_DEL: CommandHandler = (client, argv) => {
  if (argv.length !== 4) throw errWrongArity('ts.del');
  const args = parseRangeArgs(argv, 2, 'ts.del');
  const series = getSeries(client, argv[1]!, true);
  if (series.rules.length > 0 && series.retention) {
    // verify_compaction_del_possible: a rule's bucket must not start before the retention.
    let valid = !obsolete(args.start, series.lastTimestamp, series.retention);
    for (const rule of series.rules) {
      if (obsolete(normalize(bucketStart(args.start, rule.bucket, rule.align)), series.lastTimestamp, series.retention)) valid = false;
    }
    if (!valid) throw ERR_TS_DEL_COMPACTION;
  }
  const deleted = series.delRange(keyspace(client), args.start, args.end);
  notify(client, 'ts.del', argv[1]!);
  return deleted;
};

/** TS.RANGE / TS.REVRANGE key from to [options] */
function range(client: Client, argv: Bytes[], reverse: boolean): Reply {
  const name = reverse ? 'ts.revrange' : 'ts.range';
  if (argv.length < 4) throw errWrongArity(name);
  const series = getSeries(client, argv[1]!, false);
  const args = parseRangeArgs(argv, 2, name);
  return samplesReply(client, queryRange(keyspace(client), series, args, reverse));
}

export const TS_RANGE: CommandHandler = (client, argv) => range(client, argv, false);
export const TS_REVRANGE: CommandHandler = (client, argv) => range(client, argv, true);

/**
 * QueryIndex: the names of the series matching the filters, in byte order. The module
 * keeps one index for all databases, so a series of any database counts (by name; a
 * command then opens that name in the current database). An expired key stays until
 * Redis deletes it, as in the module's index.
 */
function queryIndex(client: Client, predicates: readonly Predicate[]): Bytes[] {
  const has = (series: Series, key: string, values: readonly string[] | undefined): boolean =>
    series.labels.some(([k, v]) => cstr(k) === key && (values === undefined || values.includes(cstr(v))));
  const matches = (series: Series): boolean => predicates.every((p) => {
    switch (p.type) {
      case Pred.EQ: case Pred.LIST_MATCH: return has(series, p.key, p.values);
      case Pred.NEQ: case Pred.LIST_NOTMATCH: return !has(series, p.key, p.values);
      case Pred.CONTAINS: return has(series, p.key, undefined);
      case Pred.NCONTAINS: return !has(series, p.key, undefined);
    }
  });
  const keys = new Set<Bytes>();
  for (const db of client.db.server.databases) {
    for (const key of db.keys()) {
      const value = db.peek(key)?.value;
      if (seriesType.is(value) && matches(value)) keys.add(key);
    }
  }
  return [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The series of the index's keys, as GetSeries (silent) opens them: expired and other keys left out. */
function indexedSeries(client: Client, keys: readonly Bytes[]): Array<[Bytes, Series]> {
  const out: Array<[Bytes, Series]> = [];
  for (const key of keys) {
    const value = client.db.lookupRead(key, client);
    if (!seriesType.is(value)) continue;
    out.push([key, opened(keyspace(client), value, key)]);
  }
  return out;
}

/** TS.QUERYINDEX filter ... */
export const TS_QUERYINDEX: CommandHandler = (client, argv) => {
  if (argv.length < 2) throw errWrongArity('ts.queryindex');
  const keys = queryIndex(client, parseFilters(argv, 1, argv.length - 1));
  return client.protocol === 3 ? new SetReply(keys) : keys;
};

/** TS.MGET [LATEST] [WITHLABELS | SELECTED_LABELS l ...] FILTER filter ... */
export const TS_MGET: CommandHandler = (client, argv) => {
  if (argv.length < 3) throw errWrongArity('ts.mget');
  const latest = argIndex(argv, 'LATEST') > 0;
  const filter = argIndex(argv, 'FILTER');
  if (filter === -1) throw errWrongArity('ts.mget');
  const labels = parseLabelQuery(argv);
  const predicates = parseFilters(argv, filter + 1, argv.length - 1 - filter);
  const entries: Array<[Reply, Reply]> = [];
  for (const [key, series] of indexedSeries(client, queryIndex(client, predicates))) {
    const l = labels.withLabels ? labelsReply(series) : labels.selected.length > 0 ? selectedLabelsReply(series, labels.selected) : new PairsMapReply([]);
    entries.push([key, [l, getReply(client, series, latest)]]);
  }
  return client.protocol === 3 ? new MapReply(entries) : entries.map(([k, v]) => [k, ...(v as Reply[])]);
};

/** ReplySeriesArrayPos of a series (not reduced). */
function seriesRangeReply(client: Client, series: Series, args: RangeArgs, labels: Reply, reverse: boolean): [Reply, Reply] {
  const samples = samplesReply(client, queryRange(keyspace(client), series, args, reverse));
  if (client.protocol !== 3) return [series.keyName, [labels, samples]];
  const aggregators = args.aggregation === undefined ? [] : [aggName(args.aggregation.type)];
  return [series.keyName, [labels, new MapReply([['aggregators', aggregators]]), samples]];
}

/** MultiSerieReduce: the series' ranges merged by timestamp, equal timestamps folded by the reducer (NaNs left out). */
function reduce(client: Client, group: Series[], args: RangeArgs, reducer: Agg): Samples {
  const ks = keyspace(client);
  const all: Array<[number, number]> = [];
  for (const series of group) {
    const s = queryRange(ks, series, { ...args, count: -1 }, false);
    for (let i = 0; i < s.ts.length; i++) all.push([s.ts[i]!, s.vals[i]!]);
  }
  all.sort((a, b) => a[0] - b[0]);
  const out: Samples = { ts: [], vals: [] };
  const ctx = newAggregator(reducer);
  for (let i = 0; i < all.length; ) {
    const ts = all[i]![0];
    let allNaN = true;
    for (; i < all.length && all[i]![0] === ts; i++) {
      const v = all[i]![1];
      if (!Number.isNaN(v)) {
        ctx.append(v, ts);
        allNaN = false;
      }
    }
    out.ts.push(ts);
    if (allNaN) {
      out.vals.push(NaN);
    } else {
      out.vals.push(ctx.finalize()[0]);
      ctx.reset();
    }
  }
  return out;
}

/** TS.MRANGE / TS.MREVRANGE from to [options] FILTER filter ... [GROUPBY label REDUCE reducer] */
function mrange(client: Client, argv: Bytes[], reverse: boolean): Reply {
  const name = reverse ? 'ts.mrevrange' : 'ts.mrange';
  const args = parseMRangeArgs(argv, name);
  const found = indexedSeries(client, queryIndex(client, args.filters));
  const labelsOf = (series: Series): Reply =>
    args.withLabels ? labelsReply(series) : args.selected.length > 0 ? selectedLabelsReply(series, args.selected) : new PairsMapReply([]);
  if (args.groupBy === undefined) {
    const entries = found.map(([, series]) => seriesRangeReply(client, series, args.range, labelsOf(series), reverse));
    return client.protocol === 3 ? new MapReply(entries) : entries.map(([k, v]) => [k, ...(v as Reply[])]);
  }
  const label = cstr(args.groupBy);
  const groups = new Map<string, Series[]>();
  for (const [, series] of found) {
    const value = series.labels.find(([k]) => cstr(k) === label)?.[1];
    if (value === undefined) continue;
    const v = cstr(value);
    const group = groups.get(v);
    if (group === undefined) groups.set(v, [series]);
    else group.push(series);
  }
  const reducerName = aggName(args.reducer);
  const entries: Array<[Reply, Reply]> = [];
  const order = [...groups.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const value of order) {
    const group = groups.get(value)!;
    const reduced = new Series(`${label}=${value}` as Bytes, {
      retention: 0, chunkSize: 4096, labels: [], options: SERIES_OPT_UNCOMPRESSED, duplicatePolicy: Dup.NONE, ignoreMaxTimeDiff: 0, ignoreMaxValDiff: 0,
    });
    const merged = reduce(client, group, args.range, args.reducer);
    for (let i = 0; i < merged.ts.length; i++) reduced.addSample(merged.ts[i]!, merged.vals[i]!);
    const sources = group.map((s) => s.keyName);
    reduced.labels = [[label as Bytes, value as Bytes], ['__reducer__' as Bytes, reducerName as Bytes], ['__source__' as Bytes, sources.join(',') as Bytes]];
    const minimized: RangeArgs = {
      ...args.range, start: 0, end: 2 ** 64, aggregation: undefined, filterByTs: undefined, filterByValue: undefined, latest: false,
    };
    const samples = samplesReply(client, queryRange(keyspace(client), reduced, minimized, reverse));
    if (client.protocol !== 3) {
      entries.push([reduced.keyName, [labelsOf(reduced), samples]]);
    } else {
      const labels = args.withLabels ? labelsReply(reduced, 1) : labelsOf(reduced);
      entries.push([reduced.keyName, [labels, new MapReply([['reducers', [reducerName]]]), new MapReply([['sources', sources]]), samples]]);
    }
  }
  return client.protocol === 3 ? new MapReply(entries) : entries.map(([k, v]) => [k, ...(v as Reply[])]);
}

export const TS_MRANGE: CommandHandler = (client, argv) => mrange(client, argv, false);
export const TS_MREVRANGE: CommandHandler = (client, argv) => mrange(client, argv, true);

/** TS.CREATERULE source dest AGGREGATION type bucketDuration [alignTimestamp] */
export const TS_CREATERULE: CommandHandler = (client, argv) => {
  if (argv.length !== 6 && argv.length !== 7) throw errWrongArity('ts.createrule');
  const agg = parseAggregation(argv, 'ts.createrule', false);
  if (agg === undefined) throw errWrongArity('ts.createrule');
  const srcKey = argv[1]!;
  const destKey = argv[2]!;
  if (srcKey === destKey) throw ERR_TS_RULE_SAME;
  const ks = keyspace(client);
  const src = getSeries(client, srcKey, true);
  src.dropDeadReferences(ks);
  if (src.srcKey !== undefined) throw ERR_TS_RULE_SRC_HAS_SRC;
  const dest = getSeries(client, destKey, true);
  dest.dropDeadReferences(ks);
  if (dest.rules.length > 0) throw ERR_TS_RULE_DST_HAS_DST;
  if (dest.srcKey !== undefined) throw ERR_TS_RULE_DST_HAS_SRC;
  dest.srcKey = src.keyName;
  dest.src = src;
  src.rules.push({ ...newRule(dest.keyName, agg.type, agg.bucket, agg.align), dest });
  notify(client, 'ts.createrule:src', srcKey);
  notify(client, 'ts.createrule:dest', destKey);
  return OK;
};

/** TS.DELETERULE source dest */
export const TS_DELETERULE: CommandHandler = (client, argv) => {
  if (argv.length !== 3) throw errWrongArity('ts.deleterule');
  const ks = keyspace(client);
  const srcKey = argv[1]!;
  const destKey = argv[2]!;
  const src = getSeries(client, srcKey, true);
  src.dropDeadReferences(ks);
  if (!src.deleteRule(destKey)) throw ERR_TS_RULE_MISSING;
  const dest = getSeries(client, destKey, true);
  dest.dropDeadReferences(ks);
  if (dest.srcKey === srcKey) {
    dest.srcKey = undefined;
    dest.src = undefined;
  }
  notify(client, 'ts.deleterule:src', srcKey);
  notify(client, 'ts.deleterule:dest', destKey);
  return OK;
};

const status = (text: string): SimpleString => new SimpleString(text);
const DUP_NAMES = ['none', 'block', 'last', 'first', 'min', 'max', 'sum'];

/** TS.INFO key [DEBUG] */
export const TS_INFO: CommandHandler = (client, argv) => {
  if (argv.length < 2 || argv.length > 3) throw errWrongArity('ts.info');
  const series = getSeries(client, argv[1]!, true);
  series.dropDeadReferences(keyspace(client));
  const resp3 = client.protocol === 3;
  const debug = argIndex(argv, 'DEBUG', 1) > 0;
  const [first, skipped] = series.firstValid();
  const rules: Reply = resp3
    ? new MapReply(series.rules.map((r) => [r.destKey, [r.bucket, status(aggName(r.type).toUpperCase()), r.align]]))
    : series.rules.map((r) => [r.destKey, r.bucket, status(aggName(r.type).toUpperCase()), r.align]);
  const fields: Array<[string, Reply]> = [
    ['totalSamples', series.totalSamples - skipped],
    ['memoryUsage', series.memUsage()],
    ['firstTimestamp', first],
    ['lastTimestamp', series.lastTimestamp],
    ['retentionTime', series.retention],
    ['chunkCount', series.entries.length],
    ['chunkSize', series.chunkSizeBytes],
    ['chunkType', status(series.compressed ? 'compressed' : 'uncompressed')],
    ['duplicatePolicy', series.duplicatePolicy === Dup.NONE ? null : status(DUP_NAMES[series.duplicatePolicy]!)],
    ['labels', labelsReply(series)],
    ['sourceKey', series.srcKey ?? null],
    ['rules', rules],
    ['ignoreMaxTimeDiff', series.ignoreMaxTimeDiff],
    ['ignoreMaxValDiff', new DoubleReply(series.ignoreMaxValDiff)],
  ];
  if (debug) {
    const chunks = series.entries.map(({ chunk }) => {
      const n = chunk.ts.length;
      const info: Array<[Reply, Reply]> = [
        [status('startTimestamp'), n === 0 ? -1 : chunk.ts[0]!],
        [status('endTimestamp'), n === 0 ? -1 : chunk.ts[n - 1]!],
        [status('samples'), n],
        [status('size'), chunk.size],
        [status('bytesPerSample'), new DoubleReply(n === 0 ? 0 : Math.fround(Math.fround(chunk.size) / n))],
      ];
      return new MapReply(info);
    });
    fields.push(['keySelfName', series.keyName], ['Chunks', chunks]);
  }
  return new MapReply(fields.map(([k, v]) => [status(k), v]));
};

/** The propagation of a sample write: what its handler replicated (RedisModule_Replicate). */
export const replicatedWrite: PropagationRule = (call) => {
  const argv = replicated.get(call.client);
  return argv === undefined || argv === null ? null : [argv];
};

