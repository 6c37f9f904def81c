import { defineMixin } from '@fakeredis/core';
import { BITCOUNT } from './bitmaps/bitcount.js';
import { BITFIELD, BITFIELD_RO } from './bitmaps/bitfield.js';
import { BITOP } from './bitmaps/bitop.js';
import { BITPOS } from './bitmaps/bitpos.js';
import { GETBIT, SETBIT } from './bitmaps/setbit.js';
import { PFADD } from './hyperloglog/pfadd.js';
import { PFCOUNT } from './hyperloglog/pfcount.js';
import { PFDEBUG } from './hyperloglog/pfdebug.js';
import { PFMERGE } from './hyperloglog/pfmerge.js';
import { PFSELFTEST } from './hyperloglog/pfselftest.js';
import { DELEX, DELIFEQ, DIGEST } from './strings/digest.js';
import { GET, GETDEL, GETEX, MGET } from './strings/get.js';
import { DECR, DECRBY, INCR, INCRBY } from './strings/incr.js';
import { INCRBYFLOAT } from './strings/incrbyfloat.js';
import { LCS, STRALGO } from './strings/lcs.js';
import { MSET, MSETEX, MSETNX } from './strings/mset.js';
import { APPEND, GETRANGE, SETRANGE, STRLEN } from './strings/range.js';
import { GETSET, PSETEX, SET, SETEX, SETNX } from './strings/set.js';
import { stringPropagation } from './propagate.js';

/**
 * The string commands of Redis 7.0 (SUBSTR is GETRANGE under its old name, as in Redis),
 * Redis 8.4's DIGEST, DELEX and MSETEX, Valkey 9.0's DELIFEQ and Redis 6.2's STRALGO (KeyDB 6.3)
 * where the metadata has them.
 */
export const StringCommands = defineMixin({
  name: 'StringCommands',
  commands: {
    GET, SET, SETNX, SETEX, PSETEX, GETSET, GETDEL, GETEX, MGET, MSET, MSETNX,
    APPEND, STRLEN, GETRANGE, SUBSTR: GETRANGE, SETRANGE,
    INCR, DECR, INCRBY, DECRBY, INCRBYFLOAT, LCS, STRALGO, DIGEST, DELEX, MSETEX, DELIFEQ,
  },
  propagation: stringPropagation,
});

/** The bitmap commands of Redis 7.0. */
export const BitmapCommands = defineMixin({
  name: 'BitmapCommands',
  commands: { SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP, BITFIELD, BITFIELD_RO },
});

/**
 * The HyperLogLog commands of Redis 7.0, with Redis's own representation. They read
 * hll-sparse-max-bytes, which core's configuration defines.
 */
export const HyperLogLogCommands = defineMixin({
  name: 'HyperLogLogCommands',
  commands: { PFADD, PFCOUNT, PFMERGE, PFDEBUG, PFSELFTEST },
});
