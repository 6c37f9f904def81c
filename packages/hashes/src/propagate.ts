import { type Bytes, type PropagationRule } from '@fakeredis/core';

/**
 * hincrbyfloatCommand: `HSET key field <result>`, so replicas need not redo the float
 * arithmetic; from 8.0 `HSETEX key KEEPTTL FIELDS 1 field <result>`, keeping the field's TTL.
 */
const hincrbyfloatRule: PropagationRule = (call) => {
  if (call.changes === 0 || typeof call.reply !== 'string') return null;
  const [key, field, value] = [call.argv[1] as Bytes, call.argv[2] as Bytes, call.reply as Bytes];
  if (!call.server.versionAtLeast('8.0.0')) return [['HSET' as Bytes, key, field, value]];
  return [['HSETEX' as Bytes, key, 'KEEPTTL' as Bytes, 'FIELDS' as Bytes, '1' as Bytes, field, value]];
};

/**
 * HGETDEL, HGETEX, HSETEX and the HEXPIRE family propagate from their handlers, in the
 * forms Redis rewrites them to (HDEL, HPEXPIREAT, HPERSIST, HSETEX PXAT); the field reads
 * only the HDELs of the fields they found expired (a lazy expiry is no change of theirs),
 * HRANDFIELD too (hashTypeExpireIfNeeded).
 */
const byHandler: PropagationRule = () => null;

export const hashPropagation: Readonly<Record<string, PropagationRule>> = {
  HINCRBYFLOAT: hincrbyfloatRule, HGETDEL: byHandler, HGETEX: byHandler, HSETEX: byHandler,
  HEXPIRE: byHandler, HPEXPIRE: byHandler, HEXPIREAT: byHandler, HPEXPIREAT: byHandler,
  HGET: byHandler, HMGET: byHandler, HEXISTS: byHandler, HSTRLEN: byHandler, HRANDFIELD: byHandler,
};
