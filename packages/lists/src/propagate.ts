import { type Bytes, type PropagationRule, propagateAsCountedPop, propagateAsPop } from '@fakeredis/core';

/**
 * How the list commands propagate (t_list.c, blocked.c): blocking commands as their
 * non-blocking forms, whether they pop at once or are served later; LMPOP and BLMPOP as
 * LPOP / RPOP with the count popped.
 */

/** BLMOVE: `LMOVE source destination from to` (served later, the directions upper-cased as Redis writes them). */
const blmoveRule: PropagationRule = (call) => {
  if (call.changes === 0) return null;
  const [, source, destination, from, to] = call.argv as Bytes[];
  const side = (arg: Bytes | undefined): Bytes => (call.served ? (arg as Bytes).toUpperCase() : arg) as Bytes;
  return [['LMOVE' as Bytes, source as Bytes, destination as Bytes, side(from), side(to)]];
};

/** BRPOPLPUSH: `RPOPLPUSH source destination`. */
const brpoplpushRule: PropagationRule = (call) =>
  call.changes === 0 ? null : [['RPOPLPUSH' as Bytes, call.argv[1] as Bytes, call.argv[2] as Bytes]];

export const listPropagation: Readonly<Record<string, PropagationRule>> = {
  BLPOP: propagateAsPop('LPOP'),
  BRPOP: propagateAsPop('RPOP'),
  LMPOP: propagateAsCountedPop(1, 'LEFT', 'LPOP', 'RPOP'),
  BLMPOP: propagateAsCountedPop(2, 'LEFT', 'LPOP', 'RPOP'),
  BLMOVE: blmoveRule,
  BRPOPLPUSH: brpoplpushRule,
};
