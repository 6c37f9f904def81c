import type { Bytes } from '../bytes.js';

/** How a parameter's text is checked and turned into its stored form. */
export interface ConfigParameter {
  name: string;
  aliases?: string[];
  /** Default as CONFIG GET prints it. */
  default: string;
  /** Set only at start-up (CONFIG SET answers "can't set immutable config"). */
  immutable?: boolean;
  /** Not shown by CONFIG GET * (deprecated aliases are still readable by name). */
  hidden?: boolean;
  /**
   * The emulated server has no such parameter (KeyDB 6.3 lacks Redis 7.0's newer ones):
   * the engine reads its default, CONFIG and configuration files do not see it.
   */
  absent?: boolean;
  /** Names the engine reads it by that the emulated server does not know (7.0's names on KeyDB 6.3). */
  internalAliases?: string[];
  /** CONFIG SET needs enable-protected-configs (dir, dbfilename). */
  protected?: boolean;
  /**
   * Checks a CONFIG SET value and returns its canonical text (what CONFIG GET shows),
   * or throws a ConfigError with Redis's reason ("argument must be 'yes' or 'no'").
   */
  parse(value: string): string;
  /** Runs after a successful set, to apply the value to the running server. */
  apply?(value: string): void;
}

/** A rejected value; `reason` is the text after "... - " in Redis's error. */
export class ConfigError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * The server's configuration: parameter definitions and current values. Values are kept
 * as the canonical text CONFIG GET prints; typed readers parse on demand.
 */
export class ConfigStore {
  private readonly parameters = new Map<string, ConfigParameter>();
  private readonly values = new Map<string, string>();
  /** Names only the engine uses (absent parameters, internal aliases). */
  private readonly internal = new Set<string>();
  /**
   * getNumber's results by the name asked (the engine reads some parameters on every
   * command: slowlog, latency, min-replicas); emptied whenever a value changes.
   */
  private readonly numbers = new Map<string, number>();

  define(parameter: ConfigParameter): void {
    if (this.numbers.size !== 0) this.numbers.clear();
    this.parameters.set(parameter.name, parameter);
    for (const alias of parameter.aliases ?? []) this.parameters.set(alias, parameter);
    for (const alias of parameter.internalAliases ?? []) {
      this.parameters.set(alias, parameter);
      this.internal.add(alias);
    }
    if (parameter.absent) this.internal.add(parameter.name);
    if (!this.values.has(parameter.name)) this.values.set(parameter.name, parameter.default);
  }

  /** The definition of a parameter by name or alias (case-insensitive), as the engine reads it. */
  lookup(name: string): ConfigParameter | undefined {
    // The engine asks by the lower-case name: skip lower-casing it.
    return this.parameters.get(name) ?? this.parameters.get(name.toLowerCase());
  }

  /** The definition a client or configuration file reaches by that name: none for a parameter the server lacks. */
  find(name: string): ConfigParameter | undefined {
    const key = name.toLowerCase();
    return this.internal.has(key) ? undefined : this.parameters.get(key);
  }

  /** Current canonical text of a parameter; throws for an unknown name (a bug). */
  get(name: string): string {
    const parameter = this.lookup(name);
    if (!parameter) throw new Error(`unknown config parameter ${name}`);
    return this.values.get(parameter.name) as string;
  }

  getNumber(name: string): number {
    let value = this.numbers.get(name);
    if (value === undefined) {
      value = Number(this.get(name));
      this.numbers.set(name, value);
    }
    return value;
  }

  getBoolean(name: string): boolean {
    return this.get(name) === 'yes';
  }

  /** Sets a value as CONFIG SET would (validated), applying it. Throws ConfigError. */
  set(name: string, value: string): void {
    const parameter = this.find(name);
    if (!parameter) throw new ConfigError('Unknown option');
    const canonical = parameter.parse(value);
    this.values.set(parameter.name, canonical);
    this.numbers.clear();
    parameter.apply?.(canonical);
  }

  /** Sets a value at start-up, where immutable parameters are allowed. */
  initialize(name: string, value: string): void {
    this.set(name, value);
  }

  /** Restores a value without validation (rolling back a failed multi-parameter SET). */
  restore(name: string, canonical: string): void {
    const parameter = this.lookup(name);
    if (!parameter) return;
    this.values.set(parameter.name, canonical);
    this.numbers.clear();
    parameter.apply?.(canonical);
  }

  /** Every parameter the server has once, under its own name, in definition order. */
  *entries(): IterableIterator<[ConfigParameter, string]> {
    const seen = new Set<ConfigParameter>();
    for (const parameter of this.parameters.values()) {
      if (seen.has(parameter) || parameter.absent) continue;
      seen.add(parameter);
      yield [parameter, this.values.get(parameter.name) as string];
    }
  }

  /** Every name a parameter answers to: its own and its aliases (not the engine's own names). */
  *names(): IterableIterator<[string, ConfigParameter]> {
    for (const entry of this.parameters.entries()) if (!this.internal.has(entry[0])) yield entry;
  }
}

export type { Bytes };
