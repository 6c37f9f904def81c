import { SimpleString } from '../reply.js';
import type { FakeServer } from '../server.js';

/**
 * A container's HELP reply as Redis's addReplyHelp builds it: a title line, the given
 * lines, and the HELP entry itself, each a status reply. Redis 7.2 reworded "Prints this
 * help." to "Print this help.".
 */
export function helpReply(server: FakeServer, container: string, lines: readonly string[]): SimpleString[] {
  const helpLine = server.versionAtLeast('7.2.0') ? '    Print this help.' : '    Prints this help.';
  return [`${container} <subcommand> [<arg> [value] [opt] ...]. Subcommands are:`, ...lines, 'HELP', helpLine].map(
    (line) => new SimpleString(line),
  );
}
