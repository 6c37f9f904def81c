import { isToken } from '../../bytes.js';
import type { Bytes } from '../../bytes.js';
import type { Client } from '../../client.js';
import type { CommandHandler } from '../../dispatch/mixin.js';
import { ERR_SYNTAX } from '../../errors/index.js';
import { OK } from '../../reply.js';
import { trackingInvalidateKeysOnFlush } from '../../tracking.js';
import { saveAfterFlushAll } from '../server/persistence.js';

/**
 * FLUSHDB / FLUSHALL [ASYNC | SYNC] (getFlushCommandFlags): one optional argument, else a
 * syntax error; none means lazyfree-lazy-user-flush. True for an async flush, which hands
 * the keys to the background (counted in lazyfreed_objects); both empty at once here.
 */
function flushIsAsync(client: Client, argv: Bytes[]): boolean {
  if (argv.length === 1) return client.server.config.getBoolean('lazyfree-lazy-user-flush');
  const mode = argv[1] as Bytes;
  if (argv.length === 2 && isToken(mode, 'ASYNC')) return true;
  if (argv.length === 2 && isToken(mode, 'SYNC')) return false;
  throw ERR_SYNTAX;
}

/**
 * Redis 7.4 runs a synchronous flush (outside MULTI and scripts) as a blocking background
 * job: its OK comes after the flush's own tracking invalidation.
 */
function isBlockingFlush(client: Client, async: boolean): boolean {
  return !async && client.server.versionAtLeast('7.4.0') && !client.inExec && !client.isScript;
}

export const FLUSHDB: CommandHandler = (client, argv) => {
  const async = flushIsAsync(client, argv);
  // server.dirty += emptyData(): the keys removed, expired ones too.
  client.server.addDirty(client.db.flush(async));
  trackingInvalidateKeysOnFlush(client.server, isBlockingFlush(client, async));
  return OK;
};

/** FLUSHALL empties every database (not the functions, as in Redis 7.0), then saves when persistence is on. */
export const FLUSHALL: CommandHandler = (client, argv) => {
  const async = flushIsAsync(client, argv);
  let removed = 0;
  for (const db of client.server.databases) removed += db.flush(async);
  // Counted before the save, which starts the count again (0 after FLUSHALL with save points).
  client.server.addDirty(removed);
  trackingInvalidateKeysOnFlush(client.server, isBlockingFlush(client, async));
  saveAfterFlushAll(client.server);
  return OK;
};
