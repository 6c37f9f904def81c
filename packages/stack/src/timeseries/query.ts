import { type Bytes, errWrongArity, tryParseDouble, tryParseInt64 } from '@fakeredis/core';
import { Agg, parseAggType } from './aggregation.js';
import { Dup } from './chunk.js';
import {
  ERR_TS_AGG_PARSE, ERR_TS_AGG_UNKNOWN, ERR_TS_ALIGN, ERR_TS_ALIGN_END, ERR_TS_ALIGN_NO_AGG, ERR_TS_ALIGN_START, ERR_TS_ALIGN_TS,
  ERR_TS_BUCKET, ERR_TS_BUCKETTS, ERR_TS_BUCKETTS_POS, ERR_TS_CHUNK_SIZE, ERR_TS_CHUNK_SIZE_PARSE, ERR_TS_COUNT, ERR_TS_COUNT_MISSING,
  ERR_TS_COUNT_PARSE, ERR_TS_DUP_PARSE, ERR_TS_DUP_UNKNOWN, ERR_TS_EMPTY_POS, ERR_TS_ENCODING, ERR_TS_FBT_MISSING, ERR_TS_FBV_MAX,
  ERR_TS_FBV_MIN, ERR_TS_FBV_MISSING, ERR_TS_FILTER_EMPTY, ERR_TS_FILTER_LABELS, ERR_TS_FILTER_MISSING, ERR_TS_FROM, ERR_TS_GROUPBY_POS,
  ERR_TS_IGNORE, ERR_TS_IGNORE_NEGATIVE, ERR_TS_LABELS, ERR_TS_MATCHER, ERR_TS_REDUCER, ERR_TS_RETENTION, ERR_TS_RETENTION_NEGATIVE,
  ERR_TS_SELECTED_EMPTY, ERR_TS_SELECTED_MAX, ERR_TS_TO, ERR_TS_WITHLABELS_SELECTED,
} from './errors.js';

/**
 * The module's argument parsing (src/query_language.c, rmutil): options are found by
 * RMUtil_ArgIndex anywhere in the arguments (the command name and key included), each
 * parser on its own, in the module's order, so the first error is the module's.
 */

export const SERIES_OPT_UNCOMPRESSED = 1;
export const SERIES_OPT_COMPRESSED = 2;
export const DEFAULT_CHUNK_SIZE = 4096;

/** RMUtil_ArgIndex: the first argument equal to `token` in any case, -1 if none. */
export function argIndex(argv: readonly Bytes[], token: string, from = 0): number {
  for (let i = from; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.length === token.length && arg.toUpperCase() === token) return i;
  }
  return -1;
}

/** A C string's text: RedisModule_StringPtrLen read up to its first NUL. */
export const cstr = (s: Bytes): string => {
  const nul = s.indexOf('\0');
  return nul < 0 ? s : s.slice(0, nul);
};

/** Integers string2ll takes that a double holds exactly (no sign on 0, no leading zeros). */
const SMALL_INTEGER = /^(?:0|-?[1-9][0-9]{0,14})$/;

/** RedisModule_StringToLongLong (string2ll), as a number. */
export function parseLongLong(arg: Bytes | undefined): number | undefined {
  if (arg === undefined) return undefined;
  if (SMALL_INTEGER.test(arg)) return Number(arg);
  const v = tryParseInt64(arg);
  return v === undefined ? undefined : Number(v);
}

/** RedisModule_StringToDouble: strtod of the whole string, nan refused. */
export const parseDouble = (arg: Bytes | undefined): number | undefined => (arg === undefined ? undefined : tryParseDouble(arg));

export type Label = [Bytes, Bytes];

export interface CreateArgs {
  retention: number;
  chunkSize: number;
  labels: Label[];
  options: number;
  duplicatePolicy: Dup;
  ignoreMaxTimeDiff: number;
  ignoreMaxValDiff: number;
}

/** parseLabelsFromArgs: every pair after LABELS; an empty key or value, or "(),", in a value is refused. */
function parseLabels(argv: readonly Bytes[]): Label[] {
  const pos = argIndex(argv, 'LABELS');
  if (pos < 0) return [];
  const labels: Label[] = [];
  const count = Math.max(0, Math.floor((argv.length - pos - 1) / 2));
  for (let i = 0; i < count; i++) {
    const key = argv[pos + 1 + 2 * i]!;
    const value = argv[pos + 2 + 2 * i]!;
    if (key.length === 0 || value.length === 0 || /[(),]/.test(cstr(value))) throw ERR_TS_LABELS;
    labels.push([key, value]);
  }
  return labels;
}

/** DuplicatePolicyFromString. */
export function parseDuplicatePolicy(arg: Bytes): Dup | undefined {
  return ({ block: Dup.BLOCK, last: Dup.LAST, first: Dup.FIRST, min: Dup.MIN, max: Dup.MAX, sum: Dup.SUM } as Record<string, Dup>)[arg.toLowerCase()];
}

/** ParseDuplicatePolicy: the policy after `token`, undefined when absent. */
export function parseDuplicatePolicyArg(argv: readonly Bytes[], token: string): Dup | undefined {
  const pos = argIndex(argv, token);
  if (pos === -1) return undefined;
  if (pos + 1 >= argv.length) throw ERR_TS_DUP_PARSE;
  const policy = parseDuplicatePolicy(argv[pos + 1]!);
  if (policy === undefined) throw ERR_TS_DUP_UNKNOWN;
  return policy;
}

/** parseCreateArgs: TS.CREATE's and TS.ALTER's options, and TS.ADD's and TS.INCRBY's when they create the key. */
export function parseCreateArgs(argv: readonly Bytes[], command: string): CreateArgs {
  const labels = parseLabels(argv);
  let retention = 0;
  const r = argIndex(argv, 'RETENTION');
  if (r > 0) {
    const parsed = parseLongLong(argv[r + 1]);
    if (parsed === undefined) throw ERR_TS_RETENTION;
    retention = parsed;
  }
  if (retention < 0) throw ERR_TS_RETENTION_NEGATIVE;
  let chunkSize = DEFAULT_CHUNK_SIZE;
  const c = argIndex(argv, 'CHUNK_SIZE');
  if (c >= 0) {
    const parsed = parseLongLong(argv[c + 1]);
    if (parsed === undefined) throw ERR_TS_CHUNK_SIZE_PARSE;
    if (parsed < 48 || parsed > 1048576 || parsed % 8 !== 0) throw ERR_TS_CHUNK_SIZE;
    chunkSize = parsed;
  }
  let options = 0;
  const e = argIndex(argv, 'ENCODING');
  if (e > 0) {
    if (e + 1 >= argv.length) throw errWrongArity(command);
    const encoding = cstr(argv[e + 1]!).toLowerCase();
    if (encoding === 'uncompressed') options = SERIES_OPT_UNCOMPRESSED;
    else if (encoding === 'compressed') options = SERIES_OPT_COMPRESSED;
    else throw ERR_TS_ENCODING;
  } else {
    // The older UNCOMPRESSED / COMPRESSED words: with both, the series is uncompressed.
    if (argIndex(argv, 'UNCOMPRESSED') > 0) options = SERIES_OPT_UNCOMPRESSED;
    if (argIndex(argv, 'COMPRESSED') > 0) options |= SERIES_OPT_COMPRESSED;
  }
  const duplicatePolicy = parseDuplicatePolicyArg(argv, 'DUPLICATE_POLICY') ?? Dup.NONE;
  let ignoreMaxTimeDiff = 0;
  let ignoreMaxValDiff = 0;
  const i = argIndex(argv, 'IGNORE');
  if (i > 0) {
    const time = i + 2 >= argv.length ? undefined : parseLongLong(argv[i + 1]);
    const value = time === undefined ? undefined : parseDouble(argv[i + 2]);
    if (time === undefined || value === undefined) throw ERR_TS_IGNORE;
    if (time < 0 || value < 0) throw ERR_TS_IGNORE_NEGATIVE;
    ignoreMaxTimeDiff = time;
    ignoreMaxValDiff = value;
  }
  return { retention, chunkSize, labels, options, duplicatePolicy, ignoreMaxTimeDiff, ignoreMaxValDiff };
}

/** parseTimestamp: a non-negative long long. */
function parseTimestamp(arg: Bytes | undefined): number | undefined {
  const v = parseLongLong(arg);
  return v === undefined || v < 0 ? undefined : v;
}

export const enum BucketTs { START, MID, END }
export const enum Align { DEFAULT, START, END, TIMESTAMP }

export interface Aggregation {
  type: Agg;
  bucket: number;
  empty: boolean;
  bucketTs: BucketTs;
}

export interface RangeArgs {
  start: number;
  end: number;
  latest: boolean;
  count: number;
  aggregation: Aggregation | undefined;
  alignment: Align;
  alignTimestamp: number;
  filterByValue: [number, number] | undefined;
  filterByTs: number[] | undefined;
}

/**
 * _parseAggregationArgs: AGGREGATION type bucketDuration, with EMPTY, the alignment of
 * TS.CREATERULE (`withAlign`, argc 7) and BUCKETTIMESTAMP; undefined without AGGREGATION.
 */
export function parseAggregation(argv: readonly Bytes[], command: string, range: boolean): (Aggregation & { align: number }) | undefined {
  const offset = argIndex(argv, 'AGGREGATION');
  if (offset <= 0) return undefined;
  // RMUtil_ParseArgs "sl": both arguments, the second a long long.
  if (offset + 2 >= argv.length) throw ERR_TS_AGG_PARSE;
  const bucket = parseLongLong(argv[offset + 2]);
  if (bucket === undefined) throw ERR_TS_AGG_PARSE;
  const type = parseAggType(argv[offset + 1]!);
  if (type === undefined) throw ERR_TS_AGG_UNKNOWN;
  if (bucket <= 0) throw ERR_TS_BUCKET;
  let empty = false;
  if (range) {
    const e = argIndex(argv, 'EMPTY');
    if (e > 0) {
      if (e !== offset + 3 && e !== offset + 5) throw ERR_TS_EMPTY_POS;
      empty = true;
    }
  }
  let align = 0;
  if (!range && argv.length === 7) {
    const a = parseTimestamp(argv[offset + 3]);
    if (a === undefined) throw ERR_TS_ALIGN_TS;
    align = a;
  }
  let bucketTs = BucketTs.START;
  if (range) {
    const b = argIndex(argv, 'BUCKETTIMESTAMP');
    if (b > 0) {
      if (b !== offset + 3 && b !== offset + 4) throw ERR_TS_BUCKETTS_POS;
      if (b + 1 >= argv.length) throw errWrongArity(command);
      const text = cstr(argv[b + 1]!).toLowerCase();
      if (text === 'start' || text === '-') bucketTs = BucketTs.START;
      else if (text === 'end' || text === '+') bucketTs = BucketTs.END;
      else if (text === 'mid' || text === '~') bucketTs = BucketTs.MID;
      else throw ERR_TS_BUCKETTS;
    }
  }
  return { type, bucket, empty, bucketTs, align };
}

/** parseCountArgument: a COUNT that is AGGREGATION's or REDUCE's type is not the option. */
function parseCount(argv: readonly Bytes[]): number {
  let offset = argIndex(argv, 'COUNT');
  if (offset <= 0) return -1;
  const reduce = argIndex(argv, 'REDUCE');
  const agg = argIndex(argv, 'AGGREGATION');
  if (agg > 0 && offset === agg + 1) {
    offset = argIndex(argv, 'COUNT', agg + 2);
    if (offset < 0) return -1;
  }
  if (reduce > 0 && offset === reduce + 1) {
    offset = argIndex(argv, 'COUNT', reduce + 2);
    if (offset < 0) return -1;
  }
  if (offset + 1 === argv.length) throw ERR_TS_COUNT_MISSING;
  const count = parseLongLong(argv[offset + 1]);
  if (count === undefined) throw ERR_TS_COUNT_PARSE;
  if (count < 1) throw ERR_TS_COUNT;
  return count;
}

const MAX_TS_VALUES_FILTER = 128;

/** parseRangeArguments: from, to and the options, in the module's order of checks. */
export function parseRangeArgs(argv: readonly Bytes[], at: number, command: string): RangeArgs {
  const startArg = argv[at]!;
  const endArg = argv[at + 1]!;
  const startMin = cstr(startArg) === '-';
  const start = startMin ? 0 : parseTimestamp(startArg);
  if (start === undefined) throw ERR_TS_FROM;
  const endMax = cstr(endArg) === '+';
  const end = endMax ? 2 ** 63 : parseTimestamp(endArg);
  if (end === undefined) throw ERR_TS_TO;
  const latest = argIndex(argv, 'LATEST') > 0;
  const count = parseCount(argv);
  const agg = parseAggregation(argv, command, true);
  const aggregation = agg === undefined ? undefined : { type: agg.type, bucket: agg.bucket, empty: agg.empty, bucketTs: agg.bucketTs };
  let alignment = Align.DEFAULT;
  let alignTimestamp = 0;
  const a = argIndex(argv, 'ALIGN');
  if (a > 0) {
    if (a + 1 >= argv.length) throw errWrongArity(command);
    const text = cstr(argv[a + 1]!).toLowerCase();
    if (text === 'start' || text === '-') alignment = Align.START;
    else if (text === 'end' || text === '+') alignment = Align.END;
    else {
      const t = parseTimestamp(argv[a + 1]);
      if (t === undefined) throw ERR_TS_ALIGN;
      alignment = Align.TIMESTAMP;
      alignTimestamp = t;
    }
  }
  if (alignment !== Align.DEFAULT) {
    if (aggregation === undefined) throw ERR_TS_ALIGN_NO_AGG;
    if (alignment === Align.START && startMin) throw ERR_TS_ALIGN_START;
    if (alignment === Align.END && endMax) throw ERR_TS_ALIGN_END;
  }
  let filterByValue: [number, number] | undefined;
  const v = argIndex(argv, 'FILTER_BY_VALUE');
  if (v > 0) {
    if (v + 2 >= argv.length) throw ERR_TS_FBV_MISSING;
    const min = parseDouble(argv[v + 1]);
    if (min === undefined) throw ERR_TS_FBV_MIN;
    const max = parseDouble(argv[v + 2]);
    if (max === undefined) throw ERR_TS_FBV_MAX;
    filterByValue = [min, max];
  }
  let filterByTs: number[] | undefined;
  const t = argIndex(argv, 'FILTER_BY_TS');
  if (t > 0) {
    if (t + 1 === argv.length) throw ERR_TS_FBT_MISSING;
    const values: number[] = [];
    for (let i = t + 1; i < argv.length && values.length < MAX_TS_VALUES_FILTER; i++) {
      const ts = parseTimestamp(argv[i]);
      if (ts === undefined) break;
      values.push(ts);
    }
    if (values.length === 0) throw ERR_TS_FBT_MISSING;
    filterByTs = [...new Set(values)].sort((x, y) => x - y);
  }
  return { start, end, latest, count, aggregation, alignment, alignTimestamp, filterByValue, filterByTs };
}

export const enum Pred { EQ, NEQ, CONTAINS, NCONTAINS, LIST_MATCH, LIST_NOTMATCH }

export interface Predicate {
  type: Pred;
  key: string;
  values: string[];
}

/** strtok_r: the tokens of `text` between runs of the characters of `delims`. */
function strtok(text: string, delims: string): string[] {
  const out: string[] = [];
  let token = '';
  for (const ch of text) {
    if (delims.includes(ch)) {
      if (token !== '') out.push(token);
      token = '';
    } else {
      token += ch;
    }
  }
  if (token !== '') out.push(token);
  return out;
}

/** parsePredicate: the key, then the value or the (v1,v2,...) list, split as strtok_r splits them. */
function parsePredicate(text: string, type: Pred, separator: string): Predicate | undefined {
  const tokens = strtok(text, separator);
  const key = tokens[0];
  if (key === undefined) return undefined;
  const token = tokens[1];
  if (separator.includes('(')) {
    // parseValueList: the token must end with ')'; commas split it, empty items refused.
    if (token === undefined || !token.endsWith(')')) return undefined;
    const list = token.slice(0, -1);
    if (list.length === 0) return { type, key, values: [] };
    const commas = list.split(',').length - 1;
    const items = strtok(list, ',');
    if (items.length < commas + 1) return undefined;
    return { type, key, values: items.slice(0, commas + 1) };
  }
  return { type, key, values: token === undefined ? [] : [token] };
}

/** parseLabelListFromArgs: each filter expression l=v, l!=v, l=, l!=, l=(a,b), l!=(a,b). */
export function parseFilters(argv: readonly Bytes[], from: number, count: number): Predicate[] {
  const list: Predicate[] = [];
  for (let i = from; i < from + count; i++) {
    const text = cstr(argv[i]!);
    let p: Predicate | undefined;
    if (text.includes('!=(')) p = parsePredicate(text, Pred.LIST_NOTMATCH, '!=(');
    else if (text.includes('!=')) {
      p = parsePredicate(text, Pred.NEQ, '!=');
      if (p !== undefined && p.values.length === 0) p.type = Pred.CONTAINS;
    } else if (text.includes('=(')) p = parsePredicate(text, Pred.LIST_MATCH, '=(');
    else if (text.includes('=')) {
      p = parsePredicate(text, Pred.EQ, '=');
      if (p !== undefined && p.values.length === 0) p.type = Pred.NCONTAINS;
    }
    if (p === undefined) throw ERR_TS_FILTER_LABELS;
    list.push(p);
  }
  if (!list.some((p) => p.type === Pred.EQ || p.type === Pred.LIST_MATCH)) throw ERR_TS_MATCHER;
  return list;
}

const QUERY_TOKENS = ['WITHLABELS', 'AGGREGATION', 'LIMIT', 'GROUPBY', 'REDUCE', 'FILTER', 'FILTER_BY_VALUE', 'FILTER_BY_TS', 'COUNT'];
const LIMIT_LABELS_SIZE = 50;

export interface LabelQuery {
  withLabels: boolean;
  selected: Bytes[];
}

/** parseLabelQuery: WITHLABELS, or SELECTED_LABELS up to the next query word. */
export function parseLabelQuery(argv: readonly Bytes[]): LabelQuery {
  const withLabels = argIndex(argv, 'WITHLABELS') > 0;
  const at = argIndex(argv, 'SELECTED_LABELS');
  if (at > 0 && withLabels) throw ERR_TS_WITHLABELS_SELECTED;
  const selected: Bytes[] = [];
  if (at > 0) {
    for (let i = at + 1; i < argv.length; i++) {
      if (QUERY_TOKENS.includes(cstr(argv[i]!).toUpperCase())) break;
      if (selected.length >= LIMIT_LABELS_SIZE) throw ERR_TS_SELECTED_MAX;
      selected.push(argv[i]!);
    }
    if (selected.length === 0) throw ERR_TS_SELECTED_EMPTY;
  }
  return { withLabels, selected };
}

export interface MRangeArgs extends LabelQuery {
  range: RangeArgs;
  filters: Predicate[];
  groupBy: Bytes | undefined;
  reducer: Agg;
}

/** parseMRangeCommand. */
export function parseMRangeArgs(argv: readonly Bytes[], command: string): MRangeArgs {
  if (argv.length < 4) throw errWrongArity(command);
  const range = parseRangeArgs(argv, 1, command);
  const filter = argIndex(argv, 'FILTER');
  if (filter === -1) throw ERR_TS_FILTER_MISSING;
  const labels = parseLabelQuery(argv);
  const groupBy = argIndex(argv, 'GROUPBY');
  if (groupBy > 0 && groupBy < filter) throw ERR_TS_GROUPBY_POS;
  const last = groupBy > 0 ? groupBy - 1 : argv.length - 1;
  const count = last - filter;
  if (count === 0) throw ERR_TS_FILTER_EMPTY;
  const filters = parseFilters(argv, filter + 1, count);
  let reducer = Agg.SUM;
  let label: Bytes | undefined;
  if (groupBy > 0) {
    if (groupBy + 1 >= argv.length) throw errWrongArity(command);
    label = argv[groupBy + 1]!;
    const reduce = argIndex(argv, 'REDUCE');
    if (reduce < 0 || argv.length - groupBy !== 4) throw errWrongArity(command);
    const type = parseAggType(argv[reduce + 1]!);
    if (type === undefined || type === Agg.FIRST || type === Agg.LAST || type === Agg.TWA) throw ERR_TS_REDUCER;
    reducer = type;
  }
  return { ...labels, range, filters, groupBy: label, reducer };
}

