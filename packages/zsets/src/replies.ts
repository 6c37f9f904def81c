import { type Bytes, DoubleReply, PairsReply, type Reply } from '@fakeredis/core';

/** Members alone, or [member, score] pairs (an array of pairs in RESP3, flat in RESP2). */
export function rangeReply(entries: Iterable<[Bytes, number]>, withScores: boolean): Reply {
  if (withScores) {
    const pairs: Array<[Reply, Reply]> = [];
    for (const [member, score] of entries) pairs.push([member, new DoubleReply(score)]);
    return new PairsReply(pairs);
  }
  const members: Bytes[] = [];
  for (const [member] of entries) members.push(member);
  return members;
}
