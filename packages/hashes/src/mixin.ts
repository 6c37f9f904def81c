import { addHook, defineMixin } from '@fakeredis/core';
import { fieldExpiryCommands } from './commands/hexpire.js';
import { hdelCommands } from './commands/hdel.js';
import { hgetCommands } from './commands/hget.js';
import { hgetallCommands } from './commands/hgetall.js';
import { hgetdelCommands } from './commands/hgetdel.js';
import { hgetexCommands } from './commands/hgetex.js';
import { hincrCommands } from './commands/hincr.js';
import { hrandfieldCommands } from './commands/hrandfield.js';
import { hscanCommands } from './commands/hscan.js';
import { hsetCommands } from './commands/hset.js';
import { hsetexCommands } from './commands/hsetex.js';
import { fieldExpiry } from './field-expiry/registry.js';
import { HashValue } from './value/hash-value.js';

/**
 * The hash commands of Redis (t_hash.c). Field expiration (7.4) and HGETDEL / HGETEX /
 * HSETEX (8.0) are installed only on servers whose version has them, as the command
 * metadata says; the mixin hooks field TTLs into the server's active expiry cycle.
 */
export const HashCommands = defineMixin({
  name: 'HashCommands',
  commands: {
    ...hsetCommands,
    ...hgetCommands,
    ...hdelCommands,
    ...hgetallCommands,
    ...hincrCommands,
    ...hrandfieldCommands,
    ...hscanCommands,
    ...fieldExpiryCommands,
    ...hgetdelCommands,
    ...hgetexCommands,
    ...hsetexCommands,
  },
  install(server) {
    const registry = fieldExpiry(server);
    addHook(server, 'keyAdded', (db, key, value) => {
      if (!(value instanceof HashValue)) return;
      value.home = { db, key };
      registry.schedule(value);
    });
    addHook(server, 'activeExpire', (now) => registry.run(now));
  },
});
