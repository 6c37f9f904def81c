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
  ) {
    this.fullName = name.toLowerCase().replace(' ', '|');
    this.flags = new Set((spec.command_flags ?? []).map((f) => f.toLowerCase()));
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
  readonly metadata: CommandMetadata;

  constructor(
    metadata: CommandMetadata,
    mixins: readonly Mixin[],
    /** Redis 6.2's lookup texts (ServerProfile.legacyCommandLookup). */
    private readonly legacy = false,
  ) {
    this.metadata = withMixinMetadata(metadata, mixins.flatMap((mixin) => mixin.metadata ?? []));
    const handlers = resolveHandlers(mixins);
    const modules = new Map<string, string>();
    for (const mixin of mixins) {
      if (mixin.redisModule !== undefined) for (const key of Object.keys(mixin.commands)) modules.set(handlerName(key), mixin.redisModule.name);
    }
    // Top-level commands first, so a container with its own handler (COMMAND) keeps it
    // whatever order the mixins list its subcommands in.
    const ordered = [...handlers].sort(([a], [b]) => Number(a.includes(' ')) - Number(b.includes(' ')));
    for (const [name, handler] of ordered) {
      const spec = this.metadata.commands[name];
      if (spec === undefined) continue; // not in this server type and version
      const module = modules.get(handlerName(name));
      if (spec.container === undefined) {
        const existing = this.commands.get(name.toLowerCase());
        if (existing === undefined) this.commands.set(name.toLowerCase(), new CommandEntry(name, spec, handler, undefined, module));
        continue;
      }
      const parent = this.container(spec.container, module);
      if (parent === undefined) continue;
      const sub = new CommandEntry(name, spec, handler, parent, module);
      parent.subcommands.set(sub.shortName, sub);
    }
    const rules = new Map<string, PropagationRule>();
    for (const mixin of mixins) for (const [key, rule] of Object.entries(mixin.propagation ?? {})) rules.set(handlerName(key), rule);
    if (rules.size !== 0) for (const entry of this.all()) entry.propagation = rules.get(handlerName(entry.name));
  }

  private container(name: string, module: string | undefined): CommandEntry | undefined {
    const key = name.toLowerCase();
    let entry = this.commands.get(key);
    if (entry === undefined) {
      const spec = this.metadata.commands[name];
      if (spec === undefined) return undefined;
      entry = new CommandEntry(name, spec, undefined, undefined, module);
      this.commands.set(key, entry);
    }
    return entry;
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
