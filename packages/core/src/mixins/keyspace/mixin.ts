import { defineMixin } from '../../dispatch/mixin.js';
import { COPY, MOVE } from './copy-move.js';
import { DEL, EXISTS, KEYDB_MEXISTS, TOUCH, TYPE, UNLINK } from './del.js';
import { DUMP, RESTORE, RESTORE_ASKING } from './dump-restore.js';
import { EXPIRE, EXPIREAT, PERSIST, PEXPIRE, PEXPIREAT } from './expire.js';
import { EXPIREMEMBER, EXPIREMEMBERAT, PEXPIREMEMBERAT } from './expire-member.js';
import { FLUSHALL, FLUSHDB } from './flush.js';
import { DBSIZE, KEYS, RANDOMKEY, SCAN } from './keys-scan.js';
import { MIGRATE } from './migrate.js';
import { OBJECT_ENCODING, OBJECT_FREQ, OBJECT_HELP, OBJECT_IDLETIME, OBJECT_REFCOUNT } from './object.js';
import { keyspacePropagation } from './propagate.js';
import { RENAME, RENAMENX } from './rename.js';
import { SELECT, SWAPDB } from './select-swapdb.js';
import { SORT, SORT_RO } from './sort.js';
import { EXPIRETIME, PEXPIRETIME, PTTL, TTL } from './ttl.js';

/** The generic key commands of db.c, expire.c, object.c and sort.c, and DUMP / RESTORE / RESTORE-ASKING / MIGRATE (cluster.c). */
export const KeyspaceCommands = defineMixin({
  name: 'KeyspaceCommands',
  commands: {
    DEL, UNLINK, EXISTS, TOUCH, TYPE, RENAME, RENAMENX, COPY, MOVE,
    EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT, PERSIST, TTL, PTTL, EXPIRETIME, PEXPIRETIME,
    KEYS, SCAN, RANDOMKEY, DBSIZE,
    OBJECT_ENCODING, OBJECT_REFCOUNT, OBJECT_IDLETIME, OBJECT_FREQ, OBJECT_HELP,
    FLUSHDB, FLUSHALL, SELECT, SWAPDB, SORT, SORT_RO, DUMP, RESTORE, RESTORE_ASKING, MIGRATE,
    // KeyDB's own.
    KEYDB_MEXISTS, EXPIREMEMBER, EXPIREMEMBERAT, PEXPIREMEMBERAT,
  },
  propagation: keyspacePropagation,
});
