import type { Bytes } from '../../../bytes.js';
import type { CommandSpec, KeySpec } from '../../../metadata/types.js';
import { atoi, tryParseInt64 } from '../../../numbers.js';

/**
 * Key extraction from a command's arguments, as Redis does it for COMMAND GETKEYS, WATCH-
 * style bookkeeping and cluster slot checks: key specs first (begin_search index/keyword,
 * find_keys range/keynum), the command's own key procedure where the specs are not
 * enough (SORT ... STORE, MIGRATE ... KEYS, SET ... GET).
 */

/** Key-spec flags in the order Redis prints them. */
export const KEY_SPEC_FLAGS = [
  'RO', 'RW', 'OW', 'RM', 'ACCESS', 'UPDATE', 'INSERT', 'DELETE', 'NOT_KEY', 'INCOMPLETE', 'VARIABLE_FLAGS',
] as const;
export type KeySpecFlag = (typeof KEY_SPEC_FLAGS)[number];

/** One key found in argv: its index (argv[0] is the command name) and access flags. */
export interface KeyReference {
  pos: number;
  flags: readonly string[];
}

const NO_FLAGS: readonly string[] = [];
const RO_ACCESS = ['RO', 'ACCESS'];
const RW_ACCESS_UPDATE = ['RW', 'ACCESS', 'UPDATE'];
const RW_ACCESS_DELETE = ['RW', 'ACCESS', 'DELETE'];
const OW_UPDATE = ['OW', 'UPDATE'];

function hasFlag(spec: KeySpec, flag: KeySpecFlag): boolean {
  return spec.flags?.includes(flag) ?? false;
}

export interface KeySpecSearch {
  /** Also return "keys" of specs flagged NOT_KEY. */
  includeNotKeys?: boolean;
  /** Skip invalid and incomplete specs instead of failing. */
  returnPartial?: boolean;
}

/**
 * Keys found by the key specs alone (Redis's getKeysUsingKeySpecs). Undefined when a spec
 * is unknown, incomplete or does not fit argv (a syntax error the command reports).
 */
export function getKeysUsingKeySpecs(
  spec: CommandSpec,
  argv: readonly Bytes[],
  search: KeySpecSearch = {},
): KeyReference[] | undefined {
  const argc = argv.length;
  const keys: KeyReference[] = [];
  for (const ks of spec.key_specs ?? []) {
    if (hasFlag(ks, 'NOT_KEY') && !search.includeNotKeys) continue;
    const flags = ks.flags ?? NO_FLAGS;
    const range = keySpecRange(ks, argv);
    if (range === 'missing') continue;
    if (range === undefined) {
      if (search.returnPartial) continue;
      return undefined;
    }
    const { first, last, step } = range;
    for (let i = first; i <= last; i += step) {
      // Variadic commands have no arity check for their keys: an odd argv yields no key.
      if (i >= argc || i < first) {
        if (spec.arity < 0) continue;
        return undefined;
      }
      keys.push({ pos: i, flags });
    }
    if (hasFlag(ks, 'INCOMPLETE')) {
      if (search.returnPartial) continue;
      return undefined;
    }
  }
  return keys;
}

/** First, last and step of one spec over argv; 'missing' when its keyword is absent. */
function keySpecRange(
  ks: KeySpec,
  argv: readonly Bytes[],
): { first: number; last: number; step: number } | 'missing' | undefined {
  const argc = argv.length;
  let first = 0;
  const begin = ks.begin_search;
  if (begin.index) {
    first = begin.index.pos;
  } else if (begin.keyword) {
    const { keyword, startfrom } = begin.keyword;
    const start = startfrom > 0 ? startfrom : argc + startfrom;
    const end = startfrom > 0 ? argc - 1 : 1;
    for (let i = start; i !== end; i = start <= end ? i + 1 : i - 1) {
      if (i >= argc || i < 1) break;
      if ((argv[i] as Bytes).toUpperCase() === keyword.toUpperCase()) {
        first = i + 1;
        break;
      }
    }
    if (first === 0) return 'missing';
  } else {
    return undefined;
  }
  const find = ks.find_keys;
  let last: number;
  let step: number;
  if (find.range) {
    step = find.range.step;
    if (find.range.lastkey >= 0) last = first + find.range.lastkey;
    else if (!find.range.limit) last = argc + find.range.lastkey;
    else last = first + (Math.trunc((argc - first) / find.range.limit) + find.range.lastkey);
  } else if (find.keynum) {
    step = find.keynum.step;
    if (find.keynum.keynumidx >= argc) return undefined;
    const numkeys = tryParseInt64((argv[first + find.keynum.keynumidx] ?? '') as string);
    if (numkeys === undefined || numkeys < 0n) return undefined;
    first += find.keynum.firstkey;
    last = first + Number(BigInt.asIntN(32, numkeys)) - 1;
  } else {
    return undefined;
  }
  if (last >= argc || last < first || first >= argc) return undefined;
  return { first, last, step };
}

/** True when some key spec is not NOT_KEY, or the command has its own key procedure. */
export function doesCommandHaveKeys(spec: CommandSpec): boolean {
  if (spec.get_keys_function !== undefined) return true;
  return (spec.key_specs ?? []).some((ks) => !hasFlag(ks, 'NOT_KEY'));
}

/**
 * The keys of a command call with their flags (Redis's getKeysFromCommandWithSpecs): the
 * key specs when they are complete and their flags fixed, else the command's procedure.
 * An empty array when the command takes no keys or argv is malformed.
 */
export function getKeysFromCommand(spec: CommandSpec, argv: readonly Bytes[]): KeyReference[] {
  const specs = spec.key_specs ?? [];
  const hasKeySpec = specs.some((ks) => !hasFlag(ks, 'NOT_KEY'));
  const hasVariableFlags = specs.some((ks) => hasFlag(ks, 'VARIABLE_FLAGS'));
  if (hasKeySpec && !hasVariableFlags) {
    const keys = getKeysUsingKeySpecs(spec, argv);
    if (keys !== undefined) return keys;
  }
  const proc = spec.get_keys_function === undefined ? undefined : GETKEYS_PROCS[spec.get_keys_function];
  return proc ? proc(argv) : [];
}

/** The key names of a call, in order (WATCH-style users that need no flags). */
export function keyNames(spec: CommandSpec, argv: readonly Bytes[]): Bytes[] {
  return getKeysFromCommand(spec, argv).map((k) => argv[k.pos] as Bytes);
}

// ---- command-specific key procedures (Redis's *GetKeys functions) ------------------------

type GetKeysProc = (argv: readonly Bytes[]) => KeyReference[];

/**
 * COMMAND [destkey] <numkeys> <key> ... <options>: the numkeys keys, then destkey. No keys
 * when numkeys is not positive or exceeds the arguments (the command reports it).
 */
function numkeysProc(storeIdx: number, countIdx: number, firstIdx: number): GetKeysProc {
  return (argv) => {
    const num = atoi(argv[countIdx] ?? '');
    if (num < 1 || num > argv.length - firstIdx) return [];
    const keys: KeyReference[] = [];
    for (let i = 0; i < num; i++) keys.push({ pos: firstIdx + i, flags: NO_FLAGS });
    if (storeIdx) keys.push({ pos: storeIdx, flags: NO_FLAGS });
    return keys;
  };
}

function is(arg: Bytes | undefined, word: string): boolean {
  return arg !== undefined && arg.length === word.length && arg.toLowerCase() === word;
}

const GETKEYS_PROCS: Record<string, GetKeysProc> = {
  sintercardGetKeys: numkeysProc(0, 1, 2),
  zunionInterDiffStoreGetKeys: numkeysProc(1, 2, 3),
  zunionInterDiffGetKeys: numkeysProc(0, 1, 2),
  evalGetKeys: numkeysProc(0, 2, 3),
  functionGetKeys: numkeysProc(0, 2, 3),
  lmpopGetKeys: numkeysProc(0, 1, 2),
  blmpopGetKeys: numkeysProc(0, 2, 3),
  zmpopGetKeys: numkeysProc(0, 1, 2),
  bzmpopGetKeys: numkeysProc(0, 2, 3),

  sortROGetKeys: () => [{ pos: 1, flags: RO_ACCESS }],

  // Redis 6.2's STRALGO LCS: the two arguments after KEYS, unless STRINGS comes first.
  lcsGetKeys: (argv) => {
    for (let i = 1; i < argv.length; i++) {
      if (is(argv[i], 'strings')) break;
      if (is(argv[i], 'keys') && argv.length - 1 - i >= 2) return [{ pos: i + 1, flags: RO_ACCESS }, { pos: i + 2, flags: RO_ACCESS }];
    }
    return [];
  },

  // The last STORE wins, as in SORT itself; LIMIT, GET and BY arguments are skipped.
  sortGetKeys: (argv) => {
    const keys: KeyReference[] = [{ pos: 1, flags: RO_ACCESS }];
    let store: KeyReference | undefined;
    const skips: Array<[string, number]> = [['limit', 2], ['get', 1], ['by', 1]];
    for (let i = 2; i < argv.length; i++) {
      for (const [name, skip] of skips) {
        if (is(argv[i], name)) {
          i += skip;
          break;
        } else if (is(argv[i], 'store') && i + 1 < argv.length) {
          store = { pos: i + 1, flags: OW_UPDATE };
          break;
        }
      }
    }
    if (store) keys.push(store);
    return keys;
  },

  migrateGetKeys: (argv) => {
    let first = 3;
    let num = 1;
    const skips: Array<[string, number]> = [['copy', 0], ['replace', 0], ['auth', 1], ['auth2', 2]];
    if (argv.length > 6) {
      for (let i = 6; i < argv.length; i++) {
        if (is(argv[i], 'keys')) {
          if ((argv[3] as Bytes).length > 0) num = 0; // a syntax error MIGRATE reports
          else {
            first = i + 1;
            num = argv.length - first;
          }
          break;
        }
        for (const [name, skip] of skips) {
          if (is(argv[i], name)) {
            i += skip;
            break;
          }
        }
      }
    }
    const keys: KeyReference[] = [];
    for (let i = 0; i < num; i++) keys.push({ pos: first + i, flags: RW_ACCESS_DELETE });
    return keys;
  },

  georadiusGetKeys: (argv) => {
    let stored = -1;
    for (let i = 5; i < argv.length; i++) {
      if ((is(argv[i], 'store') || is(argv[i], 'storedist')) && i + 1 < argv.length) {
        stored = i + 1;
        i++;
      }
    }
    const keys: KeyReference[] = [{ pos: 1, flags: NO_FLAGS }];
    if (stored !== -1) keys.push({ pos: stored, flags: NO_FLAGS });
    return keys;
  },

  xreadGetKeys: (argv) => {
    let streamsPos = -1;
    for (let i = 1; i < argv.length; i++) {
      const arg = argv[i];
      if (is(arg, 'block') || is(arg, 'count')) i++;
      else if (is(arg, 'group')) i += 2;
      else if (is(arg, 'noack')) continue;
      else if (is(arg, 'streams')) {
        streamsPos = i;
        break;
      } else break;
    }
    const num = streamsPos === -1 ? 0 : argv.length - streamsPos - 1;
    if (streamsPos === -1 || num === 0 || num % 2 !== 0) return [];
    const keys: KeyReference[] = [];
    for (let i = streamsPos + 1; i < argv.length - num / 2; i++) keys.push({ pos: i, flags: NO_FLAGS });
    return keys;
  },

  // SET reads the old value only with GET.
  setGetKeys: (argv) => {
    for (let i = 3; i < argv.length; i++) {
      if (is(argv[i], 'get')) return [{ pos: 1, flags: RW_ACCESS_UPDATE }];
    }
    return [{ pos: 1, flags: OW_UPDATE }];
  },

  // BITFIELD is read-only when it only GETs.
  bitfieldGetKeys: (argv) => {
    let readonly = true;
    for (let i = 2; i < argv.length; i++) {
      const remaining = argv.length - i - 1;
      const arg = argv[i];
      if (is(arg, 'get') && remaining >= 2) i += 2;
      else if ((is(arg, 'set') || is(arg, 'incrby')) && remaining >= 3) {
        readonly = false;
        break;
      } else if (is(arg, 'overflow') && remaining >= 1) i += 1;
      else {
        readonly = false; // a syntax error: assume it writes
        break;
      }
    }
    return [{ pos: 1, flags: readonly ? RO_ACCESS : RW_ACCESS_UPDATE }];
  },
};
