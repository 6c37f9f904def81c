import { defineMixin, installValueType } from '@fakeredis/core';
import { setType } from './value.js';
import { SDIFF, SDIFFSTORE, SINTER, SINTERCARD, SINTERSTORE, SMEMBERS, SUNION, SUNIONSTORE } from './commands/algebra.js';
import { SPOP, SRANDMEMBER } from './commands/random.js';
import { SCARD, SISMEMBER, SMISMEMBER } from './commands/read.js';
import { SSCAN } from './commands/sscan.js';
import { SADD, SMOVE, SREM } from './commands/write.js';
import { setPropagation } from './propagate.js';

/** The set commands (with 7.2's listpack encoding when the profile is 7.2 or later). */
export const SetCommands = defineMixin({
  name: 'SetCommands',
  // Core's generic commands (RESTORE, RDB loading) reach the type through it.
  install(server) {
    installValueType(server, setType);
  },
  commands: {
    SADD, SREM, SMOVE, SISMEMBER, SMISMEMBER, SCARD, SMEMBERS, SPOP, SRANDMEMBER,
    SINTER, SINTERCARD, SINTERSTORE, SUNION, SUNIONSTORE, SDIFF, SDIFFSTORE, SSCAN,
  },
  propagation: setPropagation,
});
