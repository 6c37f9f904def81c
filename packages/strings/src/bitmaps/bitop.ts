import { type Bytes, type CommandHandler, cString, ERR_SYNTAX, hasArgumentToken, MutableString, notifyGeneric } from '@fakeredis/core';
import { ERR_BITOP_NOT_ONE_KEY, errBitopTwoKeys } from '../errors.js';
import { stringBuffer, stringType } from '../value.js';

type BitOperation = 'AND' | 'OR' | 'XOR' | 'NOT' | 'DIFF' | 'DIFF1' | 'ANDOR' | 'ONE';
const OPERATIONS = new Set<string>(['AND', 'OR', 'XOR', 'NOT']);
/** Redis 8.2's operators, present when the metadata lists them. */
const OPERATIONS_8_2 = new Set<string>(['DIFF', 'DIFF1', 'ANDOR', 'ONE']);

/**
 * BITOP AND|OR|XOR|NOT|DIFF|DIFF1|ANDOR|ONE destkey key [key ...]: missing keys are empty
 * strings, shorter strings are zero-padded; the result (a raw string) replaces destkey, or
 * deletes it when every input is empty. Replies with the result's length.
 */
export const BITOP: CommandHandler = (client, argv) => {
  const op = cString(argv[1] as Bytes).toUpperCase();
  if (!OPERATIONS.has(op) && !(OPERATIONS_8_2.has(op) && hasArgumentToken(client.server.profile, 'BITOP', op))) throw ERR_SYNTAX;
  if (op === 'NOT' && argv.length !== 4) throw ERR_BITOP_NOT_ONE_KEY;
  if ((op === 'DIFF' || op === 'DIFF1' || op === 'ANDOR') && argv.length < 5) throw errBitopTwoKeys(op);
  const target = argv[2] as Bytes;

  const sources: Uint8Array[] = [];
  let maxlen = 0;
  for (let j = 3; j < argv.length; j++) {
    const value = stringType.read(client, argv[j] as Bytes);
    const bytes = value === undefined ? new Uint8Array(0) : stringBuffer(value);
    sources.push(bytes);
    if (bytes.length > maxlen) maxlen = bytes.length;
  }

  const db = client.db;
  if (maxlen === 0) {
    // dbDelete without a lookup: a due target goes with "del", not "expired".
    if (db.deleteStored(target)) notifyGeneric(db, 'del', target);
    return 0;
  }
  const result = compute(op as BitOperation, sources, maxlen);
  db.lookupWrite(target); // setKey's lookup touches the target (LRU/LFU)
  db.set(target, new MutableString(result));
  stringType.notify(db, 'set', target);
  return maxlen;
};

/**
 * DIFF, DIFF1 and ANDOR combine the first key with the disjunction of the others
 * (X & ~D, ~X & D, X & D); ONE keeps the bits set in exactly one key.
 */
function compute(op: BitOperation, sources: Uint8Array[], maxlen: number): Buffer {
  const result = Buffer.alloc(maxlen);
  const first = sources[0] as Uint8Array;
  for (let j = 0; j < maxlen; j++) {
    let output = j < first.length ? (first[j] as number) : 0;
    if (op === 'NOT') output = ~output & 0xff;
    let disjunction = 0;
    let common = 0;
    for (let i = 1; i < sources.length; i++) {
      const source = sources[i] as Uint8Array;
      const byte = j < source.length ? (source[j] as number) : 0;
      if (op === 'AND') output &= byte;
      else if (op === 'OR') output |= byte;
      else if (op === 'XOR') output ^= byte;
      else if (op === 'ONE') {
        common |= output & byte;
        output = (output ^ byte) & ~common;
      } else disjunction |= byte;
    }
    if (op === 'DIFF') output &= ~disjunction;
    else if (op === 'DIFF1') output = ~output & disjunction;
    else if (op === 'ANDOR') output &= disjunction;
    result[j] = output & 0xff;
  }
  return result;
}
