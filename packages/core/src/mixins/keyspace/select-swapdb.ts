import type { Bytes } from '../../bytes.js';
import type { CommandHandler } from '../../dispatch/mixin.js';
import { ERR_INVALID_FIRST_DB_INDEX, ERR_INVALID_SECOND_DB_INDEX, ERR_SELECT_CLUSTER, ERR_SWAPDB_CLUSTER } from '../../errors/index.js';
import { OK } from '../../reply.js';
import { databaseAt, parseInt32 } from './args.js';

/** SELECT index. */
export const SELECT: CommandHandler = (client, argv) => {
  const index = parseInt32(argv[1] as Bytes);
  // A cluster node has database 0 only.
  if (index !== 0 && client.server.config.getBoolean('cluster-enabled')) return ERR_SELECT_CLUSTER;
  client.db = databaseAt(client.server, index);
  return OK;
};

/**
 * SWAPDB a b: the two databases exchange contents; connected clients stay on their
 * index and so see the other data, as in Redis. WATCHed keys existing on either side
 * are touched.
 */
export const SWAPDB: CommandHandler = (client, argv) => {
  if (client.server.config.getBoolean('cluster-enabled')) return ERR_SWAPDB_CLUSTER;
  const first = parseInt32(argv[1] as Bytes, ERR_INVALID_FIRST_DB_INDEX);
  const second = parseInt32(argv[2] as Bytes, ERR_INVALID_SECOND_DB_INDEX);
  const a = databaseAt(client.server, first);
  const b = databaseAt(client.server, second);
  a.swapContents(b);
  client.server.addDirty(1);
  return OK;
};
