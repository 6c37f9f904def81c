import { defineMixin, installValueType } from '@fakeredis/core';
import { hashType } from './value/hash-value.js';
import { HDEL } from './commands/hdel.js';
import {
  HEXPIRE,
  HEXPIREAT,
  HEXPIRETIME,
  HPERSIST,
  HPEXPIRE,
  HPEXPIREAT,
  HPEXPIRETIME,
  HPTTL,
  HTTL,
} from './commands/hexpire.js';
import { HEXISTS, HGET, HLEN, HMGET, HSTRLEN } from './commands/hget.js';
import { HGETALL, HKEYS, HVALS } from './commands/hgetall.js';
import { HGETDEL } from './commands/hgetdel.js';
import { HGETEX } from './commands/hgetex.js';
import { HINCRBY, HINCRBYFLOAT } from './commands/hincr.js';
import { HRANDFIELD } from './commands/hrandfield.js';
import { HSCAN } from './commands/hscan.js';
import { HMSET, HSET, HSETNX } from './commands/hset.js';
import { HSETEX } from './commands/hsetex.js';
import { KEYDB_HRENAME } from './commands/hrename.js';
import { hashPropagation } from './propagate.js';

/**
 * The hash commands of Redis (t_hash.c). Field expiration (7.4) and HGETDEL / HGETEX /
 * HSETEX (8.0) are installed only on servers whose version has them, as the command
 * metadata says. Hashes with field TTLs are indexed by the database's sub-key expiry
 * (HashValue.nextSubkeyExpiry / expireSubkeys); the mixin installs only the value type.
 */
export const HashCommands = defineMixin({
  name: 'HashCommands',
  // Core's generic commands (RESTORE, RDB loading) reach the type through it.
  install(server) {
    installValueType(server, hashType);
  },
  commands: {
    HSET,
    HSETNX,
    HMSET,
    HGET,
    HMGET,
    HGETALL,
    HKEYS,
    HVALS,
    HLEN,
    HEXISTS,
    HSTRLEN,
    HDEL,
    HINCRBY,
    HINCRBYFLOAT,
    HRANDFIELD,
    HSCAN,
    // Field expiration (Redis 7.4).
    HEXPIRE,
    HPEXPIRE,
    HEXPIREAT,
    HPEXPIREAT,
    HTTL,
    HPTTL,
    HEXPIRETIME,
    HPEXPIRETIME,
    HPERSIST,
    // Redis 8.0.
    HGETDEL,
    HGETEX,
    HSETEX,
    // KeyDB.
    KEYDB_HRENAME,
  },
  propagation: hashPropagation,
});
