import { type Bytes, expireTimeText, isToken, type PropagationCall, type PropagationRule } from '@fakeredis/core';

/**
 * How the string commands propagate (t_string.c): an expiry as an absolute time (SET ...
 * PXAT, PEXPIREAT), INCRBYFLOAT as the SET of its result, GETSET as SET, GETDEL as DEL.
 */

const EXPIRE_OPTIONS = ['EX', 'PX', 'EXAT', 'PXAT'];

/** setGenericCommand: with an expiry `SET key value PXAT <ms>`; SET ... GET without its GETs. */
const setRule: PropagationRule = (call) => {
  if (call.changes === 0) return null;
  const argv = call.argv;
  const key = argv[1] as Bytes;
  const withExpiry = argv[0] !== undefined && (!isToken(argv[0], 'SET') || argv.slice(3).some((a) => EXPIRE_OPTIONS.some((o) => isToken(a, o))));
  if (withExpiry) {
    const at = expireTimeText(call.db, key);
    if (at !== undefined) return [['SET' as Bytes, key, valueOf(call), 'PXAT' as Bytes, at]];
  }
  if (argv.slice(3).some((a) => isToken(a, 'GET'))) return [argv.filter((a, i) => i < 3 || !isToken(a, 'GET'))];
  return undefined;
};

/** The value SET, SETEX and PSETEX wrote: SETEX key seconds value. */
function valueOf(call: PropagationCall): Bytes {
  return (isToken(call.argv[0], 'SET') ? call.argv[2] : call.argv[3]) as Bytes;
}

/** getexCommand: PEXPIREAT with the absolute time, DEL / UNLINK when it was past, PERSIST. */
const getexRule: PropagationRule = (call) => {
  if (call.changes === 0) return null;
  const key = call.argv[1] as Bytes;
  if (call.db.peek(key) === undefined) return [[(call.server.config.getBoolean('lazyfree-lazy-expire') ? 'UNLINK' : 'DEL') as Bytes, key]];
  const at = expireTimeText(call.db, key);
  return [at === undefined ? ['PERSIST' as Bytes, key] : ['PEXPIREAT' as Bytes, key, at]];
};

/** getdelCommand: DEL, or UNLINK under lazyfree-lazy-user-del. */
const getdelRule: PropagationRule = (call) =>
  call.changes === 0 ? null : [[(call.server.config.getBoolean('lazyfree-lazy-user-del') ? 'UNLINK' : 'DEL') as Bytes, call.argv[1] as Bytes]];

/** incrbyfloatCommand: `SET key <result> KEEPTTL`, so replicas need not redo the float arithmetic. */
const incrbyfloatRule: PropagationRule = (call) =>
  call.changes === 0 || typeof call.reply !== 'string' ? null : [['SET' as Bytes, call.argv[1] as Bytes, call.reply as Bytes, 'KEEPTTL' as Bytes]];

/** getsetCommand: as SET. */
const getsetRule: PropagationRule = (call) => (call.changes === 0 ? null : [['SET' as Bytes, ...call.argv.slice(1)]]);

/** delexCommand: a conditional delete that deleted goes as `DEL key`; DELEX key as it came. */
const delexRule: PropagationRule = (call) =>
  call.changes === 0 ? null : call.argv.length === 4 ? [['DEL' as Bytes, call.argv[1] as Bytes]] : undefined;

export const stringPropagation: Readonly<Record<string, PropagationRule>> = {
  SET: setRule,
  SETEX: setRule,
  PSETEX: setRule,
  GETEX: getexRule,
  GETDEL: getdelRule,
  GETSET: getsetRule,
  INCRBYFLOAT: incrbyfloatRule,
  DELEX: delexRule,
};
