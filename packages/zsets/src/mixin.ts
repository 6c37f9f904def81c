import { defineMixin, installValueType } from '@fakeredis/core';
import { zsetType } from './value.js';
import { ZDIFF, ZDIFFSTORE, ZINTER, ZINTERCARD, ZINTERSTORE, ZUNION, ZUNIONSTORE } from './commands/algebra.js';
import { BZMPOP, BZPOPMAX, BZPOPMIN, ZMPOP, ZPOPMAX, ZPOPMIN } from './commands/pop.js';
import { ZRANDMEMBER } from './commands/random.js';
import { ZRANGE, ZRANGEBYLEX, ZRANGEBYSCORE, ZRANGESTORE, ZREVRANGE, ZREVRANGEBYLEX, ZREVRANGEBYSCORE } from './commands/range.js';
import { ZCARD, ZCOUNT, ZLEXCOUNT, ZMSCORE, ZRANK, ZREVRANK, ZSCORE } from './commands/read.js';
import { ZREMRANGEBYLEX, ZREMRANGEBYRANK, ZREMRANGEBYSCORE } from './commands/remrange.js';
import { ZSCAN } from './commands/zscan.js';
import { ZADD, ZINCRBY, ZREM } from './commands/write.js';
import { zsetPropagation } from './propagate.js';

/** The sorted set commands of Redis (t_zset.c), blocking pops included. */
export const SortedSetCommands = defineMixin({
  name: 'SortedSetCommands',
  // Core's generic commands (RESTORE, RDB loading) reach the type through it.
  install(server) {
    installValueType(server, zsetType);
  },
  commands: {
    ZADD, ZINCRBY, ZREM, ZCARD, ZSCORE, ZMSCORE, ZRANK, ZREVRANK, ZCOUNT, ZLEXCOUNT,
    ZRANGE, ZRANGESTORE, ZREVRANGE, ZRANGEBYSCORE, ZREVRANGEBYSCORE, ZRANGEBYLEX, ZREVRANGEBYLEX,
    ZREMRANGEBYRANK, ZREMRANGEBYSCORE, ZREMRANGEBYLEX,
    ZPOPMIN, ZPOPMAX, ZMPOP, BZPOPMIN, BZPOPMAX, BZMPOP, ZRANDMEMBER,
    ZUNION, ZINTER, ZDIFF, ZUNIONSTORE, ZINTERSTORE, ZDIFFSTORE, ZINTERCARD, ZSCAN,
  },
  propagation: zsetPropagation,
});
