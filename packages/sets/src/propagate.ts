import { type Bytes, PROPAGATE_ALL, type PropagationRule, type Reply, SetReply } from '@fakeredis/core';

/**
 * How SPOP propagates (t_set.c): each popped member as `SREM key member` (several are
 * wrapped in MULTI / EXEC with the unit), and a count that took the whole set as DEL.
 * With a count the SREMs are alsoPropagate'd, so a script's redis.set_repl does not
 * hold them back (the DEL and a single SREM are rewrites of the command, which it does).
 */
const spopRule: PropagationRule = (call) => {
  if (call.changes === 0) return null;
  const key = call.argv[1] as Bytes;
  const reply = call.reply;
  if (typeof reply === 'string') return [['SREM' as Bytes, key, reply as Bytes]];
  if (call.db.peek(key) === undefined) return [['DEL' as Bytes, key]];
  const members: Reply[] = reply instanceof SetReply ? reply.items : Array.isArray(reply) ? reply : [];
  const dbid = call.db.index;
  return members.map((member) => ({ dbid, argv: ['SREM' as Bytes, key, member as Bytes], target: PROPAGATE_ALL, also: true }));
};

export const setPropagation: Readonly<Record<string, PropagationRule>> = { SPOP: spopRule };
