import { type Bytes, type PropagationRule } from '@fakeredis/core';

/** hincrbyfloatCommand: `HSET key field <result>`, so replicas need not redo the float arithmetic. */
const hincrbyfloatRule: PropagationRule = (call) =>
  call.changes === 0 || typeof call.reply !== 'string' ? null : [['HSET' as Bytes, call.argv[1] as Bytes, call.argv[2] as Bytes, call.reply as Bytes]];

export const hashPropagation: Readonly<Record<string, PropagationRule>> = { HINCRBYFLOAT: hincrbyfloatRule };
