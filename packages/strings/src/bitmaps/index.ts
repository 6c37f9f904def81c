import { defineMixin } from '@fakeredis/core';
import { BITCOUNT } from './bitcount.js';
import { BITFIELD, BITFIELD_RO } from './bitfield.js';
import { BITOP } from './bitop.js';
import { BITPOS } from './bitpos.js';
import { GETBIT, SETBIT } from './setbit.js';

/** The bitmap commands of Redis 7.0. */
export const BitmapCommands = defineMixin({
  name: 'BitmapCommands',
  commands: { SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP, BITFIELD, BITFIELD_RO },
});
