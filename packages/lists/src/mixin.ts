import { defineMixin, installValueType } from '@fakeredis/core';
import { listType } from './value.js';
import { LINSERT, LPUSH, LPUSHX, RPUSH, RPUSHX } from './commands/push.js';
import { LINDEX, LLEN, LRANGE } from './commands/read.js';
import { LPOS } from './commands/lpos.js';
import { LREM, LSET, LTRIM } from './commands/edit.js';
import { LMPOP, LPOP, RPOP } from './commands/pop.js';
import { LMOVE, RPOPLPUSH } from './commands/move.js';
import { BLMOVE, BLMPOP, BLPOP, BRPOP, BRPOPLPUSH } from './commands/blocking.js';
import { listPropagation } from './propagate.js';

/** The list commands (Redis 7.0; 7.2's listpack encoding when the profile is 7.2 or later). */
export const ListCommands = defineMixin({
  name: 'ListCommands',
  // Core's generic commands create lists through it (SORT ... STORE).
  install(server) {
    installValueType(server, listType);
  },
  commands: {
    LPUSH, RPUSH, LPUSHX, RPUSHX, LINSERT, LLEN, LINDEX, LRANGE, LPOS, LSET, LREM, LTRIM,
    LPOP, RPOP, LMPOP, LMOVE, RPOPLPUSH, BLPOP, BRPOP, BLMPOP, BLMOVE, BRPOPLPUSH,
  },
  propagation: listPropagation,
});
