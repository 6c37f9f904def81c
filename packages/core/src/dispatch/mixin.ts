import type { Bytes } from '../bytes.js';
import type { Client } from '../client.js';
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
 * parameters, INFO fields, hooks). Handlers are keyed by the metadata name: "GET",
 * "CONFIG GET". Metadata (arity, flags, key specs) comes from the command table, never
 * from the mixin; a handler for a command the server's version lacks is left out.
 */
export interface Mixin {
  readonly name: string;
  readonly commands: Readonly<Record<string, CommandHandler>>;
  /** Runs once per server, before any command (define config parameters, hooks). */
  install?(server: FakeServer): void;
}

export function defineMixin(mixin: Mixin): Mixin {
  return mixin;
}
