import type { Bytes } from '../bytes.js';
import type { Client } from '../client.js';
import type { MetadataOverlay, ServerType } from '../metadata/types.js';
import type { PropagationRule } from '../propagate.js';
import type { HandlerResult } from '../reply.js';
import type { FakeServer } from '../server.js';


/**
 * A command's implementation. `argv[0]` is the command name as the client sent it. A
 * handler returns its reply, or throws an ErrorReply from the catalogue; it reads and
 * writes the keyspace through `client.db` and the server through `client.server`.
 */
export type CommandHandler = (client: Client, argv: Bytes[]) => HandlerResult;

/**
 * A named set of command handlers and what they need installed on a server (config
 * parameters, INFO fields). Handlers are keyed by their command's metadata name written
 * as an identifier: "GET", "CLIENT_KILL" for CLIENT KILL, "JSON_SET" for JSON.SET (space,
 * dash and dot become "_"). A handler for a command the server's type and version lack
 * is left out; a name that no known metadata has is refused when the server is composed.
 */
export interface Mixin {
  readonly name: string;
  readonly commands: Readonly<Record<string, CommandHandler>>;
  /**
   * Metadata for commands the shared command files do not describe (module commands,
   * server types or versions without a file), in the shape of the generated overlays:
   * each applies to its server type from its version on, over the generated metadata.
   */
  readonly metadata?: readonly MetadataOverlay[];
  /**
   * How commands propagate to the AOF and replicas where Redis rewrites them (SPOP as
   * SREM, EXPIRE as PEXPIREAT ...), keyed like `commands`; others propagate as sent when
   * they change the dataset (see propagate.ts).
   */
  readonly propagation?: Readonly<Record<string, PropagationRule>>;
  /** Runs once per server, before any command (define config parameters, INFO fields). */
  install?(server: FakeServer): void;
  /**
   * Set by a mixin that stands for a Redis module (RedisJSON, RedisBloom ...): MODULE LIST
   * shows it as Redis shows a loaded module, and its commands are that module's (COMMAND
   * INFO's `module` flag, DOCS' `module`). Several mixins may declare the same module.
   */
  readonly redisModule?: RedisModuleDeclaration;
}

/** A Redis module a mixin stands for, as MODULE LIST and INFO modules show it. */
export interface RedisModuleDeclaration {
  /** The name the module registers (RedisModule_Init), "bf" for RedisBloom. */
  readonly name: string;
  readonly version: number;
  /** The path MODULE LIST shows (empty when not given). */
  readonly path?: string;
  /** The arguments it was loaded with (MODULE LIST's `args`). */
  readonly args?: readonly string[];
  /** True when it defines value types (MODULE UNLOAD's refusal). */
  readonly hasTypes?: boolean;
  /** RedisModule_SetModuleOptions' options, for INFO modules' `options=[...]`. */
  readonly options?: ReadonlyArray<'handle-io-errors' | 'handle-repl-async-load' | 'no-implicit-signal-modified' | 'handle-atomic-slot-migration'>;
  /** A module built into Redis from this version (Redis 8's vectorset): absent from other server types and earlier versions. */
  readonly builtInSince?: string;
  /** The server type builtInSince is of, when not Redis (Valkey 9.1's Lua engine, a module named "lua"). */
  readonly builtInServer?: ServerType;
  /** A scripting engine (Valkey 9.1's Lua): the module registers no commands, its mixin's commands stay the server's own. */
  readonly scriptingEngine?: boolean;
  /** Registers its commands in upper case ("VADD"): Redis prints them so (arity errors, COMMAND, INFO commandstats). */
  readonly upperCaseCommands?: boolean;
}

export function defineMixin(mixin: Mixin): Mixin {
  return mixin;
}

/**
 * `mixins` with the commands of `overrides` taken out of them, then the overrides: a test
 * or an application replacing some commands (a probe, a stub) without a command being
 * registered twice, which compose() refuses.
 */
export function overrideCommands(mixins: readonly Mixin[], ...overrides: readonly Mixin[]): Mixin[] {
  const replaced = new Set(overrides.flatMap((mixin) => Object.keys(mixin.commands).map(handlerName)));
  const kept = mixins.map((mixin) => ({
    ...mixin,
    commands: Object.fromEntries(Object.entries(mixin.commands).filter(([name]) => !replaced.has(handlerName(name)))),
  }));
  return [...kept, ...overrides];
}

/** A metadata name as a handler's identifier: "CLIENT KILL" -> "CLIENT_KILL", "JSON.SET" -> "JSON_SET". */
export function handlerName(metadataName: string): string {
  return metadataName.toUpperCase().replace(/[ .-]/g, '_');
}
