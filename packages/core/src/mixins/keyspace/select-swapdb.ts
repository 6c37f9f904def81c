import type { Bytes } from '../../bytes.js';
import type { CommandHandler } from '../../dispatch/mixin.js';
import { ERR_INVALID_FIRST_DB_INDEX, ERR_INVALID_SECOND_DB_INDEX } from '../../errors/index.js';
import { OK } from '../../reply.js';
import { databaseAt, parseInt32 } from './args.js';

/** SELECT index. */
export const SELECT: CommandHandler = (client, argv) => {
  client.db = databaseAt(client.server, parseInt32(argv[1] as Bytes));
  return OK;
};

/**
 * SWAPDB a b: the two databases exchange contents; connected clients stay on their
 * index and so see the other data, as in Redis. WATCHed keys existing on either side
 * are touched.
 */
export const SWAPDB: CommandHandler = (client, argv) => {
  const first = parseInt32(argv[1] as Bytes, ERR_INVALID_FIRST_DB_INDEX);
  const second = parseInt32(argv[2] as Bytes, ERR_INVALID_SECOND_DB_INDEX);
  const a = databaseAt(client.server, first);
  const b = databaseAt(client.server, second);
  a.swapContents(b);
  return OK;
};
