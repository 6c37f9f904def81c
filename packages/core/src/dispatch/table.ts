import type { Bytes } from '../bytes.js';
import { errSubcommandSyntax62, errUnknownCommand, errUnknownCommand62, errUnknownSubcommand, errWrongArity } from '../errors/index.js';
import { generatedCommandNames, withMixinMetadata } from '../metadata/index.js';
import type { CommandMetadata, CommandSpec } from '../metadata/types.js';
import type { PropagationRule } from '../propagate.js';
import type { ErrorReply } from '../reply.js';
import { type CommandHandler, handlerName, type Mixin } from './mixin.js';

export interface CommandStats {
  calls: number;
  usec: number;
  rejectedCalls: number;
  failedCalls: number;
}

/** Each spec's flags, lower-case, made once and shared by every server's entry (read only). */
const flagSets = new WeakMap<CommandSpec, ReadonlySet<string>>();

function specFlags(spec: CommandSpec): ReadonlySet<string> {
  let flags = flagSets.get(spec);
  if (flags === undefined) flagSets.set(spec, (flags = new Set((spec.command_flags ?? []).map((f) => f.toLowerCase()))));
  return flags;
}

/** One installed command or subcommand: its metadata, handler and statistics. */
export class CommandEntry {
  /** Lower-case full name as Redis prints it: "get", "config|get". */
  readonly fullName: string;
  readonly flags: ReadonlySet<string>;
  /** Has the write flag (counted in rdb_changes_since_last_save). */
  readonly isWrite: boolean;
  /** Needs enable-debug-command / enable-module-command (Redis's CMD_PROTECTED). */
  readonly isProtected: boolean;
  readonly subcommands = new Map<string, CommandEntry>();
  readonly stats: CommandStats = { calls: 0, usec: 0, rejectedCalls: 0, failedCalls: 0 };
  /** How it propagates when its mixin declares a rule (propagate.ts); else as sent, when it changed keys. */
  propagation: PropagationRule | undefined;

  constructor(
    /** Metadata name: "GET", "CONFIG GET". */
    readonly name: string,
    readonly spec: CommandSpec,
    readonly handler: CommandHandler | undefined,
    readonly parent: CommandEntry | undefined,
    /** The name of the Redis module the command belongs to (its mixin's `redisModule`). */
    readonly module: string | undefined = undefined,
    /** A module command registered in upper case keeps it (Redis prints c->cmd->fullname as registered). */
    upperCase = false,
  ) {
    this.fullName = (upperCase ? name : name.toLowerCase()).replace(' ', '|');
    this.flags = specFlags(spec);
    this.isWrite = this.flags.has('write');
    this.isProtected = this.flags.has('protected');
  }

  get arity(): number {
    return this.spec.arity;
  }

  /** Lower-case name without the container: "get" for GET, "get" for CONFIG GET. */
  get shortName(): string {
    const space = this.name.indexOf(' ');
    return (space < 0 ? this.name : this.name.slice(space + 1)).toLowerCase();
  }
}

/** Why a lookup failed; `entry` is the command whose arity was wrong, if any. */
export class LookupFailure {
  constructor(
    readonly error: ErrorReply,
    readonly entry: CommandEntry | undefined,
  ) {}
}

export type LookupResult = CommandEntry | LookupFailure;

/**
 * The commands a server answers to: exactly those that a mixin implements and that the
 * server's type and version have, with their metadata from the generated files.
 */
export class CommandTable {
  private readonly commands = new Map<string, CommandEntry>();
  /** Top-level commands by the exact name a client sent, to skip lower-casing. */
  private readonly byExactName = new Map<string, CommandEntry>();

  /** The generated metadata of the server type and version, with the mixins' own added. */
  get metadata(): CommandMetadata {
    return this.planMetadata;
  }

  private planMetadata: CommandMetadata;
  /** Top-level commands made so far by their lower-case metadata name, renamed or not. */
  private readonly made = new Map<string, CommandEntry>();

  constructor(
    private readonly base: CommandMetadata,
    mixins: readonly Mixin[],
    /** Redis 6.2's lookup texts (ServerProfile.legacyCommandLookup). */
    private readonly legacy = false,
  ) {
    this.planMetadata = base;
    this.install(mixins);
  }

  /**
   * Makes the entries of `mixins` (every mixin of the server, the ones installed before
   * included) that are not made yet: the whole table at start-up, a module's commands when
   * MODULE LOAD adds its mixins to a running server. Entries already made keep their
   * statistics and any rename-command.
   */
  install(mixins: readonly Mixin[]): void {
    const plan = tablePlan(this.base, mixins);
    this.planMetadata = plan.metadata;
    for (const row of plan.rows) {
      const parent = row.container === undefined ? undefined : this.made.get(row.container);
      if (parent === undefined ? this.made.has(row.key) : parent.subcommands.has(row.name.slice(row.name.indexOf(' ') + 1).toLowerCase())) continue;
      const entry = new CommandEntry(row.name, row.spec, row.handler, parent, row.module, row.upperCase);
      entry.propagation = row.propagation;
      if (parent === undefined) {
        this.made.set(row.key, entry);
        this.commands.set(row.key, entry);
      } else parent.subcommands.set(entry.shortName, entry);
    }
    this.byExactName.clear();
  }

  /** A top-level command by name (any case). */
  get(name: string): CommandEntry | undefined {
    return this.commands.get(name.toLowerCase());
  }

  /**
   * rename-command (a configuration file's): the command answers to `to` instead, or to
   * nothing when `to` is "". Its own name stays what COMMAND, INFO commandstats and ACL
   * rules show, as in Redis. False when `from` names no command.
   */
  rename(from: string, to: string): boolean {
    const entry = this.commands.get(from.toLowerCase());
    if (entry === undefined) return false;
    this.commands.delete(from.toLowerCase());
    if (to !== '') this.commands.set(to.toLowerCase(), entry);
    this.byExactName.clear();
    return true;
  }

  /** A command or subcommand by its full name ("config|get") or "CONFIG GET". */
  getByFullName(fullName: string): CommandEntry | undefined {
    const [top = '', sub] = fullName.toLowerCase().split(/[| ]/);
    const entry = this.commands.get(top);
    return sub === undefined ? entry : entry?.subcommands.get(sub);
  }

  /** Every top-level command. */
  entries(): IterableIterator<CommandEntry> {
    return this.commands.values();
  }

  /** Every command and subcommand. */
  *all(): IterableIterator<CommandEntry> {
    for (const entry of this.commands.values()) {
      yield entry;
      yield* entry.subcommands.values();
    }
  }

  get size(): number {
    return this.commands.size;
  }

  /**
   * Finds the command argv names, checking arity, with Redis's errors for an unknown
   * command, an unknown subcommand and a wrong number of arguments.
   */
  lookup(argv: readonly Bytes[]): LookupResult {
    const first = argv[0] as Bytes;
    let entry = this.byExactName.get(first);
    if (entry === undefined) {
      entry = this.commands.get(first.toLowerCase());
      if (entry === undefined) return new LookupFailure((this.legacy ? errUnknownCommand62 : errUnknownCommand)(first, argv.slice(1)), undefined);
      // Remember the spelling clients use ("GET", "get"), bounded against odd spellings.
      if (this.byExactName.size < 4096) this.byExactName.set(first, entry);
    }
    if (entry.subcommands.size > 0 && argv.length >= 2) {
      const sub = entry.subcommands.get((argv[1] as Bytes).toLowerCase());
      if (sub === undefined) {
        return new LookupFailure((this.legacy ? errSubcommandSyntax62 : errUnknownSubcommand)(argv[1] as Bytes, first.toUpperCase()), undefined);
      }
      if (this.legacy && ((sub.arity > 0 && argv.length !== sub.arity) || argv.length < -sub.arity)) {
        return new LookupFailure(errSubcommandSyntax62(argv[1] as Bytes, first.toUpperCase()), sub);
      }
      entry = sub;
    }
    const arity = entry.arity;
    if ((arity > 0 && argv.length !== arity) || argv.length < -arity) return new LookupFailure(errWrongArity(entry.fullName), entry);
    return entry;
  }
}

/** One entry a table makes: a command, or a subcommand of `container` (made before it). */
interface PlanRow {
  readonly name: string;
  /** Lower-case name a top-level command is found by. */
  readonly key: string;
  readonly spec: CommandSpec;
  readonly handler: CommandHandler | undefined;
  readonly module: string | undefined;
  readonly container: string | undefined;
  readonly propagation: PropagationRule | undefined;
  readonly upperCase: boolean;
}

interface TablePlan {
  readonly metadata: CommandMetadata;
  readonly rows: readonly PlanRow[];
}

/**
 * What a table is made of, worked out once per metadata and mixin list: every server of
 * a class (a test suite makes one per test) only makes its own entries from it, as
 * each has its own statistics and rename-command.
 */
const plans = new WeakMap<readonly Mixin[], WeakMap<CommandMetadata, TablePlan>>();

function tablePlan(base: CommandMetadata, mixins: readonly Mixin[]): TablePlan {
  let byMetadata = plans.get(mixins);
  if (byMetadata === undefined) plans.set(mixins, (byMetadata = new WeakMap()));
  let plan = byMetadata.get(base);
  if (plan !== undefined) return plan;
  const metadata = withMixinMetadata(base, mixins.flatMap((mixin) => mixin.metadata ?? []));
  const handlers = resolveHandlers(mixins);
  const modules = new Map<string, string>();
  const upperCase = new Set<string>();
  for (const mixin of mixins) {
    if (mixin.redisModule !== undefined && mixin.redisModule.scriptingEngine !== true) for (const key of Object.keys(mixin.commands)) modules.set(handlerName(key), mixin.redisModule.name);
    if (mixin.redisModule?.upperCaseCommands === true) for (const key of Object.keys(mixin.commands)) upperCase.add(handlerName(key));
  }
  const rules = new Map<string, PropagationRule>();
  for (const mixin of mixins) for (const [key, rule] of Object.entries(mixin.propagation ?? {})) rules.set(handlerName(key), rule);
  const rows: PlanRow[] = [];
  const made = new Set<string>();
  const row = (name: string, spec: CommandSpec, handler: CommandHandler | undefined, module: string | undefined, container: string | undefined): PlanRow => ({
    name, key: name.toLowerCase(), spec, handler, module, container, propagation: rules.size === 0 ? undefined : rules.get(handlerName(name)),
    upperCase: upperCase.has(handlerName(name)),
  });
  // Top-level commands first, so a container with its own handler (COMMAND) keeps it
  // whatever order the mixins list its subcommands in.
  const ordered = [...handlers].sort(([a], [b]) => Number(a.includes(' ')) - Number(b.includes(' ')));
  for (const [name, handler] of ordered) {
    const spec = metadata.commands[name];
    if (spec === undefined) continue; // not in this server type and version
    const module = modules.get(handlerName(name));
    if (spec.container === undefined) {
      if (made.has(name.toLowerCase())) continue;
      made.add(name.toLowerCase());
      rows.push(row(name, spec, handler, module, undefined));
      continue;
    }
    // The container, without a handler of its own, made by its first subcommand.
    const key = spec.container.toLowerCase();
    if (!made.has(key)) {
      const containerSpec = metadata.commands[spec.container];
      if (containerSpec === undefined) continue;
      made.add(key);
      rows.push(row(spec.container, containerSpec, undefined, module, undefined));
    }
    rows.push(row(name, spec, handler, module, key));
  }
  plan = { metadata, rows };
  byMetadata.set(base, plan);
  return plan;
}

let generatedByHandlerName: Map<string, string> | undefined;

/**
 * The mixins' handlers by metadata name ("CLIENT KILL"). Refuses, with a message naming
 * the mixin, a handler whose name is in no known server version's metadata (nor in a
 * mixin's own) and a command that two mixins both implement.
 */
export function resolveHandlers(mixins: readonly Mixin[]): Map<string, CommandHandler> {
  generatedByHandlerName ??= new Map([...generatedCommandNames()].map((name) => [handlerName(name), name]));
  const own = new Map<string, string>();
  for (const mixin of mixins) {
    for (const overlay of mixin.metadata ?? []) for (const name of Object.keys(overlay.changed)) own.set(handlerName(name), name);
  }
  const handlers = new Map<string, CommandHandler>();
  const owners = new Map<string, Mixin>();
  for (const mixin of new Set(mixins)) {
    for (const [key, handler] of Object.entries(mixin.commands)) {
      const id = handlerName(key);
      const name = own.get(id) ?? generatedByHandlerName.get(id);
      if (name === undefined) {
        throw new Error(`${mixin.name}: handler ${key} names no command in any known server version's metadata (nor in a mixin's own)`);
      }
      const owner = owners.get(name);
      if (owner !== undefined) throw new Error(`${name} is registered twice: by ${owner.name} and by ${mixin.name}`);
      owners.set(name, mixin);
      handlers.set(name, handler);
    }
  }
  return handlers;
}
