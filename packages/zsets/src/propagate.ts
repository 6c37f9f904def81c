import { type Bytes, isToken, type PropagationRule, type Reply } from '@fakeredis/core';

/**
 * How the blocking and multi-key pops of sorted sets propagate (t_zset.c, blocked.c):
 * as ZPOPMIN / ZPOPMAX of the key served, with the count popped for ZMPOP and BZMPOP.
 */

/** BZPOPMIN / BZPOPMAX: `ZPOPMIN key` / `ZPOPMAX key` (the reply's first element). */
function blockingPop(name: string): PropagationRule {
  return (call) => {
    const reply = call.reply;
    if (call.changes === 0 || !Array.isArray(reply)) return null;
    return [[name as Bytes, reply[0] as Bytes]];
  };
}

/** ZMPOP / BZMPOP: `ZPOPMIN key <n>` / `ZPOPMAX key <n>`, n the members popped; `first` is numkeys' index. */
function mpop(first: number): PropagationRule {
  return (call) => {
    const reply = call.reply;
    if (call.changes === 0 || !Array.isArray(reply)) return null;
    const numkeys = Number(call.argv[first]);
    const max = isToken(call.argv[first + 1 + numkeys], 'MAX');
    return [[(max ? 'ZPOPMAX' : 'ZPOPMIN') as Bytes, reply[0] as Bytes, String((reply[1] as Reply[]).length) as Bytes]];
  };
}

export const zsetPropagation: Readonly<Record<string, PropagationRule>> = {
  BZPOPMIN: blockingPop('ZPOPMIN'),
  BZPOPMAX: blockingPop('ZPOPMAX'),
  ZMPOP: mpop(1),
  BZMPOP: mpop(2),
};
