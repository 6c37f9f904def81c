import { type Bytes, expireTimeText, isToken, type PropagationCall, type PropagationRule } from '@fakeredis/core';
import { EX, EXAT, parseExtendedStringArguments, PX, PXAT, SET_GET, setConditionFlags } from './strings/expire-options.js';

/**
 * How the string commands propagate (t_string.c): an expiry as an absolute time (SET ...
 * PXAT, PEXPIREAT), INCRBYFLOAT as the SET of its result, GETSET as SET, GETDEL as DEL.
 */

/**
 * setGenericCommand: with an expiry `SET key value PXAT <ms>`; SET ... GET without its
 * GETs. From Redis 7.2 a SET that came with PXAT goes as it came, GET included.
 */
const setRule: PropagationRule = (call) => {
  if (call.changes === 0) return null;
  const argv = call.argv;
  const key = argv[1] as Bytes;
  const isSet = isToken(argv[0], 'SET');
  // The command ran, so its options parse (conditions allowed: a value may look like an option).
  const flags = isSet ? parseExtendedStringArguments(argv, 3, true, true, setConditionFlags(call.server.profile)).flags : 0;
  if (flags & PXAT && call.server.versionAtLeast('7.2.0')) return undefined;
  const withExpiry = !isSet || (flags & (EX | PX | EXAT | PXAT)) !== 0;
  if (withExpiry) {
    const at = expireTimeText(call.db, key);
    if (at !== undefined) return [['SET' as Bytes, key, valueOf(call), 'PXAT' as Bytes, at]];
  }
  if (flags & SET_GET) return [argv.filter((a, i) => i < 3 || !isToken(a, 'GET'))];
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

/** delifeqCommand: a delete goes as `DEL key`. */
const delifeqRule: PropagationRule = (call) => (call.changes === 0 ? null : [['DEL' as Bytes, call.argv[1] as Bytes]]);

/**
 * msetexCommand: a relative expiry (the last EX or PX given) becomes `PXAT <ms>` in place;
 * EXAT, PXAT and KEEPTTL go as they came.
 */
const msetexRule: PropagationRule = (call) => {
  if (call.changes === 0) return null;
  const argv = call.argv;
  let position = -1;
  for (let j = Number(argv[1]) * 2 + 2; j < argv.length; j++) {
    if (isToken(argv[j], 'EX') || isToken(argv[j], 'PX')) position = j++;
    else if (isToken(argv[j], 'EXAT') || isToken(argv[j], 'PXAT')) j++;
  }
  const at = position < 0 ? undefined : expireTimeText(call.db, argv[2] as Bytes);
  if (at === undefined) return undefined;
  return [argv.map((a, j) => (j === position ? ('PXAT' as Bytes) : j === position + 1 ? (at as Bytes) : a))];
};

export const stringPropagation: Readonly<Record<string, PropagationRule>> = {
  SET: setRule,
  SETEX: setRule,
  PSETEX: setRule,
  GETEX: getexRule,
  GETDEL: getdelRule,
  GETSET: getsetRule,
  INCRBYFLOAT: incrbyfloatRule,
  DELEX: delexRule,
  DELIFEQ: delifeqRule,
  MSETEX: msetexRule,
};
