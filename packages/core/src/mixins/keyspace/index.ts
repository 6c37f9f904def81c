import { defineMixin } from '../../dispatch/mixin.js';
import { copyMoveCommands } from './copy-move.js';
import { delCommands } from './del.js';
import { expireCommands } from './expire.js';
import { flushCommands } from './flush.js';
import { keysScanCommands } from './keys-scan.js';
import { objectCommands } from './object.js';
import { renameCommands } from './rename.js';
import { selectSwapDbCommands } from './select-swapdb.js';
import { ttlCommands } from './ttl.js';

export { parseScanCursor, parseScanOptions, type ScanOptions } from './keys-scan.js';

/** The generic key commands of db.c, expire.c and object.c. */
export const KeyspaceCommands = defineMixin({
  name: 'KeyspaceCommands',
  commands: {
    ...delCommands,
    ...renameCommands,
    ...copyMoveCommands,
    ...expireCommands,
    ...ttlCommands,
    ...keysScanCommands,
    ...objectCommands,
    ...flushCommands,
    ...selectSwapDbCommands,
  },
});
