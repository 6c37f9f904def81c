import { type Bytes, isToken, type PropagationRule, type Reply } from '@fakeredis/core';

/**
 * How the list commands propagate (t_list.c, blocked.c): blocking commands as their
 * non-blocking forms, whether they pop at once or are served later; LMPOP and BLMPOP as
 * LPOP / RPOP with the count popped.
 */

/** BLPOP / BRPOP: `LPOP key` / `RPOP key` for the key served (the reply's first element). */
function blockingPop(name: string): PropagationRule {
  return (call) => {
    const reply = call.reply;
    if (call.changes === 0 || !Array.isArray(reply)) return null;
    return [[name as Bytes, reply[0] as Bytes]];
  };
}

/** LMPOP / BLMPOP: `LPOP key <n>` / `RPOP key <n>`, n the elements popped; `first` is numkeys' index. */
function mpop(first: number): PropagationRule {
  return (call) => {
    const reply = call.reply;
    if (call.changes === 0 || !Array.isArray(reply)) return null;
    const numkeys = Number(call.argv[first]);
    const left = isToken(call.argv[first + 1 + numkeys], 'LEFT');
    return [[(left ? 'LPOP' : 'RPOP') as Bytes, reply[0] as Bytes, String((reply[1] as Reply[]).length) as Bytes]];
  };
}

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
  BLPOP: blockingPop('LPOP'),
  BRPOP: blockingPop('RPOP'),
  LMPOP: mpop(1),
  BLMPOP: mpop(2),
  BLMOVE: blmoveRule,
  BRPOPLPUSH: brpoplpushRule,
};
