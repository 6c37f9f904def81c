import { defineMixin } from '@fakeredis/core';
import { GET, GETDEL, GETEX, MGET } from './get.js';
import { DECR, DECRBY, INCR, INCRBY } from './incr.js';
import { INCRBYFLOAT } from './incrbyfloat.js';
import { LCS } from './lcs.js';
import { MSET, MSETNX } from './mset.js';
import { APPEND, GETRANGE, SETRANGE, STRLEN } from './range.js';
import { GETSET, PSETEX, SET, SETEX, SETNX } from './set.js';

/** The string commands of Redis 7.0. */
export const StringCommands = defineMixin({
  name: 'StringCommands',
  commands: {
    GET, SET, SETNX, SETEX, PSETEX, GETSET, GETDEL, GETEX, MGET, MSET, MSETNX,
    APPEND, STRLEN, GETRANGE, SUBSTR: GETRANGE, SETRANGE,
    INCR, DECR, INCRBY, DECRBY, INCRBYFLOAT, LCS,
  },
});
