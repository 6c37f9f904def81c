import { tryParseInt64 } from '../numbers.js';
import { ConfigError, type ConfigParameter } from './store.js';

/**
 * Builders for Redis 7.0's kinds of configuration parameter (config.c's bool, string,
 * enum and numeric configs) with their parsing, range checks, canonical CONFIG GET text
 * and exact rejection reasons.
 */

export interface ParameterFlags {
  alias?: string;
  immutable?: boolean;
  /** Needs enable-protected-configs (dir, dbfilename). */
  protected?: boolean;
  /** Answers CONFIG GET by its exact name only. */
  hidden?: boolean;
  apply?: (value: string) => void;
}

function base(name: string, def: string, flags: ParameterFlags): Pick<ConfigParameter, 'name' | 'default' | 'aliases' | 'immutable' | 'hidden' | 'apply' | 'protected'> {
  return {
    name,
    default: def,
    ...(flags.alias !== undefined ? { aliases: [flags.alias] } : {}),
    ...(flags.immutable ? { immutable: true } : {}),
    ...(flags.protected ? { protected: true } : {}),
    ...(flags.hidden ? { hidden: true } : {}),
    ...(flags.apply ? { apply: flags.apply } : {}),
  };
}

/** yes/no, case-insensitive; `check` may refuse a value with its own reason. */
export function yesNo(name: string, def: string, flags: ParameterFlags & { check?: (yes: boolean) => void } = {}): ConfigParameter {
  return {
    ...base(name, def, flags),
    parse(value) {
      const v = value.toLowerCase();
      if (v !== 'yes' && v !== 'no') throw new ConfigError("argument must be 'yes' or 'no'");
      flags.check?.(v === 'yes');
      return v;
    },
  };
}

/** Free text; `check` may refuse a value with its own reason. */
export function text(name: string, def: string, flags: ParameterFlags & { check?: (value: string) => void } = {}): ConfigParameter {
  return {
    ...base(name, def, flags),
    parse(value) {
      flags.check?.(value);
      return value;
    },
  };
}

/**
 * One of a list of names (case-insensitive). Names sharing a value print as the first
 * of them, as Redis does ("relative" reads back as "yes" for oom-score-adj).
 */
export function choice(name: string, def: string, names: Array<string | [string, string]>, flags: ParameterFlags = {}): ConfigParameter {
  const canonical = new Map<string, string>();
  const byValue = new Map<string, string>();
  for (const entry of names) {
    const [choiceName, value] = typeof entry === 'string' ? [entry, entry] : entry;
    if (!byValue.has(value)) byValue.set(value, choiceName);
    canonical.set(choiceName.toLowerCase(), byValue.get(value) as string);
  }
  const list = names.map((n) => (typeof n === 'string' ? n : n[0])).join(', ');
  return {
    ...base(name, def, flags),
    parse(value) {
      const found = canonical.get(value.toLowerCase());
      if (found === undefined) throw new ConfigError(`argument(s) must be one of the following: ${list}`);
      return found;
    },
  };
}

/** The C type a numeric parameter is stored in: unsigned ones are range-checked unsigned. */
export type NumericType = 'int' | 'uint' | 'long' | 'ulong' | 'longlong' | 'ulonglong' | 'size_t' | 'ssize_t' | 'off_t' | 'time_t';

const UNSIGNED_CHECK: ReadonlySet<NumericType> = new Set(['uint', 'ulonglong', 'size_t']);

export const INT_MAX = 2147483647n;
export const INT_MIN = -2147483648n;
export const UINT_MAX = 4294967295n;
export const LONG_MAX = 9223372036854775807n;
export const LLONG_MIN = -9223372036854775808n;
export const ULLONG_MAX = 18446744073709551615n;

export interface NumericOptions extends ParameterFlags {
  memory?: boolean;
  /** A memory value that also takes a negative integer (Valkey's SIGNED_MEMORY_CONFIG: -1 disables). */
  signedMemory?: boolean;
  percent?: boolean;
  octal?: boolean;
  /** Post-parse adjustment Redis applies (hz is clamped to 1..500). */
  adjust?: (value: bigint) => bigint;
}

/**
 * A numeric parameter (config.c's numericConfigSet): a memory value ("1gb"), a percent
 * ("10%", stored negative) or an octal number where the flags allow, else a plain int64;
 * then the range check, unsigned for the unsigned C types.
 */
export function numeric(
  name: string,
  def: string,
  type: NumericType,
  lower: bigint,
  upper: bigint,
  options: NumericOptions = {},
): ConfigParameter {
  return {
    ...base(name, def, options),
    parse(value) {
      let n = parseNumeric(value, options);
      checkBounds(n, type, lower, upper, options);
      if (options.adjust) n = options.adjust(n);
      return formatNumeric(n, options);
    },
  };
}

function parseNumeric(value: string, options: NumericOptions): bigint {
  if (options.memory) {
    const bytes = memtoull(value);
    if (bytes !== undefined) return BigInt.asIntN(64, bytes);
    const n = options.signedMemory ? tryParseInt64(value) : undefined;
    if (n !== undefined) return n;
  }
  if (options.percent && value.length > 1 && value.endsWith('%')) {
    const n = tryParseInt64(value.slice(0, -1));
    if (n !== undefined && n >= 0n) return -n;
  }
  if (options.octal) {
    const m = /^[ \t\n\v\f\r]*([+-]?)([0-7]+)$/.exec(value);
    if (m) {
      const n = BigInt(`0o${m[2]}`) * (m[1] === '-' ? -1n : 1n);
      if (n <= LONG_MAX && n >= LLONG_MIN) return n;
    }
  }
  if (!options.memory && !options.percent && !options.octal) {
    const n = tryParseInt64(value);
    if (n !== undefined) return n;
  }
  if (options.memory && options.percent) throw new ConfigError('argument must be a memory or percent value');
  if (options.memory) throw new ConfigError('argument must be a memory value');
  if (options.octal) throw new ConfigError("argument couldn't be parsed as an octal number");
  throw new ConfigError("argument couldn't be parsed into an integer");
}

function checkBounds(n: bigint, type: NumericType, lower: bigint, upper: bigint, options: NumericOptions): void {
  if (UNSIGNED_CHECK.has(type)) {
    const u = BigInt.asUintN(64, n);
    if (u > BigInt.asUintN(64, upper) || u < BigInt.asUintN(64, lower)) {
      const fmt = (x: bigint) => BigInt.asUintN(64, x).toString(options.octal ? 8 : 10);
      throw new ConfigError(`argument must be between ${fmt(lower)} and ${fmt(upper)} inclusive`);
    }
    return;
  }
  if (options.percent && n < 0n) {
    if (n < lower) throw new ConfigError(`percentage argument must be less or equal to ${-lower}`);
    return;
  }
  if (n > upper || n < lower) throw new ConfigError(`argument must be between ${lower} and ${upper} inclusive`);
}

function formatNumeric(n: bigint, options: NumericOptions): string {
  if (options.percent && n < 0n) return `${-n}%`;
  if (options.memory) return (options.signedMemory && n < 0n ? n : BigInt.asUintN(64, n)).toString();
  if (options.octal) return BigInt.asUintN(64, n).toString(8);
  return n.toString();
}

const MEMORY_UNITS: Record<string, bigint> = {
  '': 1n, b: 1n, k: 1000n, kb: 1024n, m: 1000n ** 2n, mb: 1024n ** 2n, g: 1000n ** 3n, gb: 1024n ** 3n,
};

/**
 * Redis's memtoull: digits then an optional unit (b, k, kb, m, mb, g, gb, any case). No
 * sign; the number saturates at 2^64-1 and the product wraps, as in C. Undefined when
 * it is not a memory value.
 */
export function memtoull(value: string): bigint | undefined {
  if (value.startsWith('-')) return undefined;
  const m = /^([0-9]*)(.*)$/s.exec(value) as RegExpExecArray;
  const digits = m[1] as string;
  const unit = MEMORY_UNITS[(m[2] as string).toLowerCase()];
  if (unit === undefined || digits.length >= 128) return undefined;
  let n = digits === '' ? 0n : BigInt(digits);
  if (n > ULLONG_MAX) n = ULLONG_MAX;
  return BigInt.asUintN(64, n * unit);
}

/**
 * C's strtoll over a whole argument: leading blanks, a sign, digits, nothing after;
 * saturates on overflow. An empty string is 0, as in C. Undefined when not a number.
 */
export function strtollWhole(value: string): bigint | undefined {
  if (value === '') return 0n;
  const m = /^[ \t\n\v\f\r]*([+-]?)([0-9]+)$/.exec(value);
  if (!m) return undefined;
  const n = BigInt(m[2] as string) * (m[1] === '-' ? -1n : 1n);
  return n > LONG_MAX ? LONG_MAX : n < LLONG_MIN ? LLONG_MIN : n;
}

/** Splits a multi-argument value on single spaces, as sdssplitlen does ("" gives none). */
export function splitArgs(value: string): string[] {
  return value === '' ? [] : value.split(' ');
}
