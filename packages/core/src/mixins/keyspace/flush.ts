import { isToken } from '../../bytes.js';
import type { Bytes } from '../../bytes.js';
import type { CommandHandler } from '../../dispatch/mixin.js';
import { ERR_SYNTAX } from '../../errors/index.js';
import { OK } from '../../reply.js';

/**
 * FLUSHDB / FLUSHALL [ASYNC | SYNC]: one optional argument, else a syntax error. Both
 * modes empty the database at once here (an ASYNC flush is not observable otherwise).
 */
function checkFlushArgs(argv: Bytes[]): void {
  if (argv.length === 1) return;
  const mode = argv[1] as Bytes;
  if (argv.length === 2 && (isToken(mode, 'ASYNC') || isToken(mode, 'SYNC'))) return;
  throw ERR_SYNTAX;
}

export const FLUSHDB: CommandHandler = (client, argv) => {
  checkFlushArgs(argv);
  client.db.flush();
  return OK;
};

/** FLUSHALL empties every database (not the functions, as in Redis 7.0). */
export const FLUSHALL: CommandHandler = (client, argv) => {
  checkFlushArgs(argv);
  for (const db of client.server.databases) db.flush();
  return OK;
};
