import { type Bytes, isToken } from '../../bytes.js';
import { callFailed, expireTimeText, type PropagationCall, type PropagationRule } from '../../propagate.js';
import { migratePropagation } from './migrate.js';

/**
 * How the generic key commands propagate (expire.c, cluster.c, db.c): relative expiries
 * as absolute ones, deletions they cause as DEL / UNLINK, flushes even of empty databases.
 */

/** expireGenericCommand: PEXPIREAT with the absolute time, or DEL / UNLINK when the time was past. */
function expireRule(rename: boolean, rewriteTime: boolean): PropagationRule {
  return (call) => {
    if (call.changes === 0) return null;
    const key = call.argv[1] as Bytes;
    const at = expireTimeText(call.db, key);
    if (at === undefined) return [[lazyExpire(call), key]];
    const argv = call.argv.slice();
    if (rename) argv[0] = 'PEXPIREAT' as Bytes;
    if (rewriteTime) argv[2] = at;
    return [argv];
  };
}

function lazyExpire(call: PropagationCall): Bytes {
  return (call.server.config.getBoolean('lazyfree-lazy-expire') ? 'UNLINK' : 'DEL') as Bytes;
}

/** restoreCommand: a relative TTL as an absolute one with ABSTTL; a REPLACE whose TTL was past as DEL. */
const restoreRule: PropagationRule = (call) => {
  if (call.changes === 0) return null;
  const key = call.argv[1] as Bytes;
  const at = expireTimeText(call.db, key);
  if (call.db.peek(key) === undefined) return [['DEL' as Bytes, key]];
  if (at === undefined || call.argv.slice(4).some((arg) => isToken(arg, 'ABSTTL'))) return undefined;
  const argv = call.argv.slice();
  argv[2] = at;
  argv.push('ABSTTL' as Bytes);
  return [argv];
};

/** FLUSHDB / FLUSHALL (forceCommandPropagation) and SWAPDB (dirty++): propagated when they succeed, keys or not. */
const forcedRule: PropagationRule = (call) => (callFailed(call) ? null : [call.argv]);

export const keyspacePropagation: Readonly<Record<string, PropagationRule>> = {
  EXPIRE: expireRule(true, true),
  PEXPIRE: expireRule(true, true),
  EXPIREAT: expireRule(true, true),
  PEXPIREAT: expireRule(false, false),
  RESTORE: restoreRule,
  RESTORE_ASKING: restoreRule,
  MIGRATE: migratePropagation,
  FLUSHDB: forcedRule,
  FLUSHALL: forcedRule,
  SWAPDB: forcedRule,
};
