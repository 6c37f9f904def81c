import { ConfigError, type ConfigParameter } from './store.js';

/** Builders for the kinds of parameter Redis has, with its exact rejection reasons. */

export function boolParam(name: string, def: 'yes' | 'no', extra: Partial<ConfigParameter> = {}): ConfigParameter {
  return {
    name,
    default: def,
    parse(value) {
      const v = value.toLowerCase();
      if (v !== 'yes' && v !== 'no') throw new ConfigError("argument must be 'yes' or 'no'");
      return v;
    },
    ...extra,
  };
}

export function intParam(
  name: string,
  def: number,
  min: number,
  max: number,
  extra: Partial<ConfigParameter> = {},
): ConfigParameter {
  return {
    name,
    default: String(def),
    parse(value) {
      if (!/^-?[0-9]+$/.test(value)) throw new ConfigError("argument couldn't be parsed into an integer");
      const n = Number(value);
      if (n < min || n > max) throw new ConfigError(`argument must be between ${min} and ${max} inclusive`);
      return String(n);
    },
    ...extra,
  };
}

const MEMORY_UNITS: Record<string, number> = {
  '': 1, b: 1, k: 1000, kb: 1024, m: 1000 ** 2, mb: 1024 ** 2, g: 1000 ** 3, gb: 1024 ** 3,
};

/** Parses "1gb", "100mb", "5k" as Redis's memtoull does; undefined if not a memory value. */
export function parseMemory(value: string): number | undefined {
  const m = /^([0-9]+)([a-z]*)$/i.exec(value);
  if (!m) return undefined;
  const unit = MEMORY_UNITS[(m[2] ?? '').toLowerCase()];
  if (unit === undefined) return undefined;
  return Number(m[1]) * unit;
}

export function memoryParam(
  name: string,
  def: number,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
  extra: Partial<ConfigParameter> = {},
): ConfigParameter {
  return {
    name,
    default: String(def),
    parse(value) {
      const n = parseMemory(value);
      if (n === undefined) throw new ConfigError('argument must be a memory value');
      if (n < min || n > max) throw new ConfigError(`argument must be between ${min} and ${max} inclusive`);
      return String(n);
    },
    ...extra,
  };
}

export function enumParam(
  name: string,
  def: string,
  choices: string[],
  extra: Partial<ConfigParameter> = {},
): ConfigParameter {
  return {
    name,
    default: def,
    parse(value) {
      const v = value.toLowerCase();
      if (!choices.includes(v)) {
        throw new ConfigError(`argument(s) must be one of the following: ${choices.join(', ')}`);
      }
      return v;
    },
    ...extra,
  };
}

export function stringParam(name: string, def: string, extra: Partial<ConfigParameter> = {}): ConfigParameter {
  return { name, default: def, parse: (value) => value, ...extra };
}
