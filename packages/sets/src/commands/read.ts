import type { Bytes, CommandHandler } from '@fakeredis/core';
import { setType } from '../value.js';

/** SISMEMBER key member: 1 or 0, O(1). */
export const SISMEMBER: CommandHandler = (client, argv) => {
  const set = setType.read(client, argv[1] as Bytes);
  return set !== undefined && set.has(argv[2] as Bytes) ? 1 : 0;
};

/** SMISMEMBER key member [member ...]: a missing key is an empty set, so all zeros. */
export const SMISMEMBER: CommandHandler = (client, argv) => {
  const set = setType.read(client, argv[1] as Bytes);
  const reply: number[] = [];
  for (let j = 2; j < argv.length; j++) reply.push(set !== undefined && set.has(argv[j] as Bytes) ? 1 : 0);
  return reply;
};

/** SCARD key: the number of members, O(1). */
export const SCARD: CommandHandler = (client, argv) => setType.read(client, argv[1] as Bytes)?.size ?? 0;
