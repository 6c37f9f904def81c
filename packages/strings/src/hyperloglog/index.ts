import { defineMixin } from '@fakeredis/core';
import { PFADD } from './pfadd.js';
import { PFCOUNT } from './pfcount.js';
import { PFDEBUG } from './pfdebug.js';
import { PFMERGE } from './pfmerge.js';

/**
 * The HyperLogLog commands of Redis 7.0, with Redis's own representation. They read
 * hll-sparse-max-bytes, which core's configuration defines.
 */
export const HyperLogLogCommands = defineMixin({
  name: 'HyperLogLogCommands',
  commands: { PFADD, PFCOUNT, PFMERGE, PFDEBUG },
});
