import { type PropagationRule, propagateAsCountedPop, propagateAsPop } from '@fakeredis/core';

/**
 * How the blocking and multi-key pops of sorted sets propagate (t_zset.c, blocked.c):
 * as ZPOPMIN / ZPOPMAX of the key served, with the count popped for ZMPOP and BZMPOP.
 */

export const zsetPropagation: Readonly<Record<string, PropagationRule>> = {
  BZPOPMIN: propagateAsPop('ZPOPMIN'),
  BZPOPMAX: propagateAsPop('ZPOPMAX'),
  ZMPOP: propagateAsCountedPop(1, 'MAX', 'ZPOPMAX', 'ZPOPMIN'),
  BZMPOP: propagateAsCountedPop(2, 'MAX', 'ZPOPMAX', 'ZPOPMIN'),
};
