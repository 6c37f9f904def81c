import { type Bytes, cString, isToken } from '../../bytes.js';
import type { Client } from '../../client.js';
import type { Database } from '../../database.js';
import type { CommandHandler } from '../../dispatch/mixin.js';
import { ERR_NOT_INTEGER, ERR_SORT_SCORES, ERR_SORT_STORE_NO_LIST, ERR_SYNTAX, ERR_WRONGTYPE } from '../../errors/index.js';
import { INT64_MAX, INT64_MIN, tryParseInt64 } from '../../numbers.js';
import { ErrorReply, type Reply } from '../../reply.js';
import { aclMayReadEveryKey } from '../../acl/index.js';
import { keyHashSlot, patternHashSlot } from '../../key-slot.js';
import { installedValueType } from '../../values/value-type.js';

/**
 * SORT and SORT_RO (sort.c). The value sorted is any collection of strings: a value
 * whose type implements `elements()` (lists, sets, sorted sets), else WRONGTYPE; `key->field`
 * patterns read values implementing `fieldValue()` (hashes). STORE makes a list through
 * the list type a module installed (installValueType). Nothing here names a module.
 */

interface SortItem {
  readonly obj: Bytes;
  score: number;
  cmp: Bytes | undefined;
}

/** lookupKeyByPattern: `#`, or the pattern's first `*` replaced by the element, maybe with `->field`. */
function lookupByPattern(client: Client, db: Database, pattern: Bytes, subst: Bytes): Bytes | undefined {
  const spat = cString(pattern);
  if (spat === '#') return subst;
  const star = spat.indexOf('*');
  if (star < 0) return undefined;
  const arrow = spat.indexOf('->', star + 1);
  let field: Bytes | undefined;
  let postfixEnd = pattern.length;
  if (arrow >= 0 && arrow + 2 < spat.length) {
    field = pattern.slice(arrow + 2) as Bytes;
    postfixEnd = arrow;
  }
  const key = (pattern.slice(0, star) + subst + pattern.slice(star + 1, postfixEnd)) as Bytes;
  const value = db.lookupRead(key, client);
  if (value === undefined) return undefined;
  if (field !== undefined) {
    if (typeof value === 'string' || value.fieldValue === undefined) return undefined;
    return value.fieldValue(field, client.server.now());
  }
  return typeof value === 'string' ? value : undefined;
}

const STRTOD = /^[ \t\n\v\f\r]*[+-]?(?:0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][+-]?\d+)?|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf(?:inity)?|nan(?:\([0-9A-Za-z_]*\))?)/i;

/** fast_float's from_chars (general format, a leading '+' allowed as Redis builds it): no blanks, no hex. */
const FAST_FLOAT = /^(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|-?\+?(?:nan(?:\([0-9A-Za-z_]*\))?|inf(?:inity)?))/i;

/**
 * fast_float over the whole C string. Redis 8's fast_float_strtod: out-of-range values are
 * infinities or zeros, not errors (it reports them as EINVAL, which SORT does not check).
 * Valkey 9's valkey_strtod: SORT checks EINVAL and ERANGE too, so the empty string and an
 * out-of-range value are errors. NaN is one in both.
 */
function fastFloatWeight(text: string, strict: boolean): number | undefined {
  const m = FAST_FLOAT.exec(text);
  if (m === null) return text.length === 0 && !strict ? 0 : undefined;
  // "-+inf": fast_float's infnan takes both signs, Valkey's C port (ffc.h) one.
  if (m[0].length !== text.length || (strict && m[0].startsWith('-+'))) return undefined;
  const body = m[0].replace(/^(-?)\+/, '$1');
  if (/nan/i.test(body)) return undefined;
  if (/inf/i.test(body)) return body.startsWith('-') ? -Infinity : Infinity;
  const n = Number(body);
  if (strict && (!Number.isFinite(n) || (n === 0 && /[1-9]/.test(body.replace(/[eE].*$/, ''))))) return undefined;
  return n;
}

/** How a server reads SORT's weights: strtod, or fast_float (Redis 8.0+, Valkey 9.0+, the latter checking errno). */
export type WeightParser = 'strtod' | 'fast_float' | 'fast_float_errno';

/**
 * strtod over the whole C string (Redis checks `eptr[0] == '\0'`, ERANGE and NaN): the
 * number, or undefined when SORT would count a conversion error. The empty string is 0.
 * Redis 8 reads it with fast_float instead.
 */
export function sortWeight(value: Bytes, parser: WeightParser = 'strtod'): number | undefined {
  const text = cString(value);
  if (parser !== 'strtod') return fastFloatWeight(text, parser === 'fast_float_errno');
  if (text.length === 0) return 0;
  const m = STRTOD.exec(text);
  if (m === null || m[0].length !== text.length) return undefined;
  const body = m[0].trim();
  const neg = body.startsWith('-');
  const unsigned = body.replace(/^[+-]/, '');
  let n: number;
  if (/^nan/i.test(unsigned)) return undefined;
  if (/^inf/i.test(unsigned)) return neg ? -Infinity : Infinity;
  if (/^0x/i.test(unsigned)) {
    const hm = /^0x([0-9a-f]*)\.?([0-9a-f]*)(?:p([+-]?\d+))?$/i.exec(unsigned);
    if (hm === null) return undefined;
    const digits = (hm[1] ?? '') + (hm[2] ?? '');
    const exp = Number(hm[3] ?? 0) - 4 * (hm[2] ?? '').length;
    n = Number(BigInt(`0x${digits || '0'}`)) * 2 ** exp;
  } else {
    n = Number(unsigned);
  }
  // ERANGE: overflow, or a non-zero number that underflows to zero or a subnormal.
  if (!Number.isFinite(n)) return undefined;
  if (Math.abs(n) < 2.2250738585072014e-308 && /[1-9]/.test(unsigned.replace(/[eEpP].*$/, '').replace(/^0[xX]/, ''))) return undefined;
  return neg ? -n : n;
}

/** memcmp order of two strings, shorter first on a common prefix (compareStringObjects). */
function compareBytes(a: Bytes, b: Bytes): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** strcoll in the C / C.UTF-8 locale Redis runs under: byte order of the C strings. */
function collate(a: Bytes, b: Bytes): number {
  return compareBytes(cString(a), cString(b));
}

/** getLongFromObjectOrReply. */
function parseLong(arg: Bytes): number {
  const n = tryParseInt64(arg);
  if (n === undefined) throw ERR_NOT_INTEGER;
  return Number(n > BigInt(Number.MAX_SAFE_INTEGER) ? INT64_MAX : n < -BigInt(Number.MAX_SAFE_INTEGER) ? INT64_MIN : n);
}

/**
 * Why a BY or GET pattern is refused: keys a pattern forms may lie on other nodes in cluster
 * mode (from 7.4, only when they may hash to another slot than the sorted key), and the
 * user must be able to read every key, since the keys it forms are checked by no ACL rule.
 */
function patternDenied(client: Client, argv: readonly Bytes[], pattern: Bytes, option: 'BY' | 'GET', readonly: boolean): ErrorReply | undefined {
  const server = client.server;
  if (server.config.getBoolean('cluster-enabled')) {
    if (!server.versionAtLeast('7.4.0')) return new ErrorReply(`ERR ${option} option of SORT denied in Cluster mode.`);
    // '#' forms no key: exempt from Redis 8.0 and Valkey 8.1.
    const hashExempt = cString(pattern) === '#' && server.versionAtLeast(server.profile.serverType === 'valkey' ? '8.1.0' : '8.0.0');
    if (!hashExempt && patternHashSlot(pattern) !== keyHashSlot(argv[1] as Bytes)) {
      return new ErrorReply(`ERR ${option} option of SORT denied in Cluster mode when keys formed by the pattern may be in different slots.`);
    }
  }
  if (!aclMayReadEveryKey(client, readonly ? 'sort_ro' : 'sort', argv)) return new ErrorReply(`ERR ${option} option of SORT denied due to insufficient ACL permissions.`);
  return undefined;
}

/** Redis 8.0 reads weights with fast_float; Valkey with strtod until 9.0 (8.1 only when built with it). */
function weightParser(client: Client): WeightParser {
  const server = client.server;
  if (server.profile.serverType === 'redis') return server.versionAtLeast('8.0.0') ? 'fast_float' : 'strtod';
  return server.profile.serverType === 'valkey' && server.versionAtLeast('9.0.0') ? 'fast_float_errno' : 'strtod';
}

function sortGeneric(readonly: boolean): CommandHandler {
  return (client, argv) => {
    let desc = false;
    let alpha = false;
    let limitStart = 0;
    let limitCount = -1;
    let dontsort = false;
    let sortby: Bytes | undefined;
    let storekey: Bytes | undefined;
    const gets: Bytes[] = [];
    for (let j = 2; j < argv.length; j++) {
      const arg = argv[j] as Bytes;
      const left = argv.length - j - 1;
      if (isToken(arg, 'ASC')) desc = false;
      else if (isToken(arg, 'DESC')) desc = true;
      else if (isToken(arg, 'ALPHA')) alpha = true;
      else if (isToken(arg, 'LIMIT') && left >= 2) {
        limitStart = parseLong(argv[j + 1] as Bytes);
        limitCount = parseLong(argv[j + 2] as Bytes);
        j += 2;
      } else if (!readonly && isToken(arg, 'STORE') && left >= 1) {
        storekey = argv[++j] as Bytes;
      } else if (isToken(arg, 'BY') && left >= 1) {
        sortby = argv[++j] as Bytes;
        // A BY pattern without '*' is constant: nothing to sort by.
        if (!cString(sortby).includes('*')) dontsort = true;
        else {
          const denied = patternDenied(client, argv, sortby, 'BY', readonly);
          if (denied !== undefined) return denied;
        }
      } else if (isToken(arg, 'GET') && left >= 1) {
        const denied = patternDenied(client, argv, argv[j + 1] as Bytes, 'GET', readonly);
        if (denied !== undefined) return denied;
        gets.push(argv[++j] as Bytes);
      } else {
        return ERR_SYNTAX;
      }
    }

    const db = client.db;
    const sortval = db.lookupRead(argv[1] as Bytes, client);
    if (sortval !== undefined && (typeof sortval === 'string' || sortval.elements === undefined)) return ERR_WRONGTYPE;
    const type = sortval === undefined ? 'list' : sortval.type;
    // A set read in no order is sorted ALPHA when the result is stored or the caller is a
    // script (CLIENT_SCRIPT), so that the result is the same on replicas and in the AOF.
    if (dontsort && type === 'set' && (storekey !== undefined || client.isScript)) {
      dontsort = false;
      alpha = true;
      sortby = undefined;
    }
    const elements: Bytes[] = sortval === undefined ? [] : [...(sortval.elements?.() ?? [])];
    let vectorlen = elements.length;
    let start = Math.min(Math.max(limitStart, 0), vectorlen);
    limitCount = Math.min(Math.max(limitCount, -1), vectorlen);
    let end = limitCount < 0 ? vectorlen - 1 : start + limitCount - 1;
    if (start >= vectorlen) {
      start = vectorlen - 1;
      end = vectorlen - 2;
    }
    if (end >= vectorlen) end = vectorlen - 1;

    let vector: SortItem[];
    const ordered = type !== 'set';
    if (ordered && dontsort) {
      // Lists and sorted sets keep their own order (reversed by DESC); LIMIT takes a range.
      vector = [];
      if (end >= start) {
        const count = end - start + 1;
        for (let i = 0; i < count; i++) {
          const index = desc ? vectorlen - 1 - start - i : start + i;
          vector.push({ obj: elements[index] as Bytes, score: 0, cmp: undefined });
        }
        end -= start;
        start = 0;
      }
      vectorlen = vector.length;
    } else {
      vector = elements.map((obj) => ({ obj, score: 0, cmp: undefined }));
    }

    let conversionError = false;
    const parser = weightParser(client);
    if (!dontsort) {
      for (const item of vector) {
        let byval: Bytes | undefined;
        if (sortby !== undefined) {
          byval = lookupByPattern(client, db, sortby, item.obj);
          if (byval === undefined) continue;
        } else {
          byval = item.obj;
        }
        if (alpha) {
          if (sortby !== undefined) item.cmp = byval;
        } else {
          const weight = sortWeight(byval, parser);
          if (weight === undefined) conversionError = true;
          else item.score = weight;
        }
      }
      const storing = storekey !== undefined;
      const bypattern = sortby !== undefined;
      let compare: (a: SortItem, b: SortItem) => number;
      if (!alpha) {
        compare = (a, b) => (a.score > b.score ? 1 : a.score < b.score ? -1 : compareBytes(a.obj, b.obj));
      } else if (bypattern) {
        compare = (a, b) => {
          if (a.cmp === undefined || b.cmp === undefined) return a.cmp === b.cmp ? 0 : a.cmp === undefined ? -1 : 1;
          return storing ? compareBytes(a.cmp, b.cmp) : collate(a.cmp, b.cmp);
        };
      } else {
        compare = storing ? (a, b) => compareBytes(a.obj, b.obj) : (a, b) => collate(a.obj, b.obj);
      }
      // glibc's qsort is a merge sort: stable, like Array.prototype.sort.
      vector.sort(desc ? (a, b) => -compare(a, b) : compare);
    }

    if (conversionError) return ERR_SORT_SCORES;
    const outputlen = gets.length > 0 ? gets.length * (end - start + 1) : end - start + 1;
    if (storekey === undefined) {
      const reply: Reply[] = [];
      for (let j = start; j <= end; j++) {
        const obj = (vector[j] as SortItem).obj;
        if (gets.length === 0) reply.push(obj);
        for (const pattern of gets) reply.push(lookupByPattern(client, db, pattern, obj) ?? null);
      }
      return reply;
    }
    const listType = installedValueType(client.server, 'list');
    if (listType === undefined) return ERR_SORT_STORE_NO_LIST;
    const stored: Bytes[] = [];
    for (let j = start; j <= end; j++) {
      const obj = (vector[j] as SortItem).obj;
      if (gets.length === 0) stored.push(obj);
      for (const pattern of gets) stored.push(lookupByPattern(client, db, pattern, obj) ?? ('' as Bytes));
    }
    const list = listType.fromElements(client.server, stored);
    if (list === undefined) return ERR_SORT_STORE_NO_LIST;
    listType.store(db, storekey, list, 'sortstore');
    // server.dirty += the elements stored (an emptied destination's deletion counts its key change).
    if (stored.length > 0) client.server.addDirty(stored.length);
    return outputlen;
  };
}

/** SORT key [BY pattern] [LIMIT offset count] [GET pattern ...] [ASC|DESC] [ALPHA] [STORE destination]. */
export const SORT = sortGeneric(false);
/** SORT_RO: SORT without STORE (a STORE option is a syntax error). */
export const SORT_RO = sortGeneric(true);
