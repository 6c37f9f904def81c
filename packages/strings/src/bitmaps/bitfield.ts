import {
  type Bytes,
  type Client,
  type CommandHandler,
  ERR_SYNTAX,
  INT64_MAX,
  int64Reply,
  parseInt64,
  type Reply,
  tryParseInt64,
  cString,
} from '@fakeredis/core';
import { ERR_BITFIELD_OVERFLOW_TYPE, ERR_BITFIELD_RO_GET_ONLY, ERR_BITFIELD_TYPE } from '../errors.js';
import { stringSource, stringType } from '../value.js';
import { byteOrZero, lookupStringForBitCommand, parseBitOffset } from './bit-args.js';

type Overflow = 'WRAP' | 'SAT' | 'FAIL';
type Opcode = 'GET' | 'SET' | 'INCRBY';

interface BitfieldOp {
  opcode: Opcode;
  offset: number;
  /** SET value or INCRBY increment (int64). */
  value: bigint;
  overflow: Overflow;
  bits: number;
  signed: boolean;
}

/** An `i<bits>` (1-64) or `u<bits>` (1-63) type; the width is read up to a NUL as C does. */
function parseBitfieldType(arg: Bytes): { signed: boolean; bits: number } {
  const sign = arg[0];
  if (sign !== 'i' && sign !== 'u') throw ERR_BITFIELD_TYPE;
  const bits = tryParseInt64(cString(arg.slice(1) as Bytes));
  if (bits === undefined || bits < 1n || (sign === 'i' && bits > 64n) || (sign === 'u' && bits > 63n)) {
    throw ERR_BITFIELD_TYPE;
  }
  return { signed: sign === 'i', bits: Number(bits) };
}

/** The `bits`-wide big-endian unsigned integer at bit `offset` (zero past the end). */
function getUnsigned(source: Uint8Array | string, offset: number, bits: number): bigint {
  let value = 0n;
  for (let j = 0; j < bits; j++, offset++) {
    const bit = (byteOrZero(source, Math.floor(offset / 8)) >> (7 - (offset % 8))) & 1;
    value = (value << 1n) | BigInt(bit);
  }
  return value;
}

function getSigned(source: Uint8Array | string, offset: number, bits: number): bigint {
  return BigInt.asIntN(bits, getUnsigned(source, offset, bits));
}

/** Writes the low `bits` bits of `value` at bit `offset` (the buffer is long enough). */
function setBits(buf: Uint8Array, offset: number, bits: number, value: bigint): void {
  const v = BigInt.asUintN(64, value);
  for (let j = 0; j < bits; j++, offset++) {
    const bit = Number((v >> BigInt(bits - 1 - j)) & 1n);
    const byte = Math.floor(offset / 8);
    const shift = 7 - (offset % 8);
    buf[byte] = ((buf[byte] as number) & ~(1 << shift)) | (bit << shift);
  }
}

interface OverflowCheck {
  /** 1 overflow, -1 underflow, 0 fits. */
  direction: number;
  /** The value to store on overflow (WRAP, SAT). */
  limit: bigint;
}

const UINT64_MAX = (1n << 64n) - 1n;

/** Redis's checkUnsignedBitfieldOverflow, with C's uint64/int64 conversions. */
function checkUnsigned(value: bigint, incr: bigint, bits: number, overflow: Overflow): OverflowCheck {
  const max = bits === 64 ? UINT64_MAX : (1n << BigInt(bits)) - 1n;
  const maxIncr = BigInt.asIntN(64, max - value);
  const minIncr = BigInt.asIntN(64, -value);
  const wrap = () => BigInt.asUintN(64, value + incr) & max;
  if (value > max || (incr > 0n && incr > maxIncr)) {
    return { direction: 1, limit: overflow === 'WRAP' ? wrap() : max };
  }
  if (incr < 0n && incr < minIncr) {
    return { direction: -1, limit: overflow === 'WRAP' ? wrap() : 0n };
  }
  return { direction: 0, limit: 0n };
}

/** Redis's checkSignedBitfieldOverflow. */
function checkSigned(value: bigint, incr: bigint, bits: number, overflow: Overflow): OverflowCheck {
  const max = bits === 64 ? INT64_MAX : (1n << BigInt(bits - 1)) - 1n;
  const min = -max - 1n;
  const maxIncr = BigInt.asIntN(64, max - value);
  const minIncr = BigInt.asIntN(64, min - value);
  const wrap = () => BigInt.asIntN(bits, BigInt.asUintN(64, value + incr));
  if (value > max || (bits !== 64 && incr > maxIncr) || (value >= 0n && incr > 0n && incr > maxIncr)) {
    return { direction: 1, limit: overflow === 'WRAP' ? wrap() : max };
  }
  if (value < min || (bits !== 64 && incr < minIncr) || (value < 0n && incr < 0n && incr < minIncr)) {
    return { direction: -1, limit: overflow === 'WRAP' ? wrap() : min };
  }
  return { direction: 0, limit: 0n };
}

function parseOps(client: Client, argv: readonly Bytes[]): { ops: BitfieldOp[]; highestWrite: number; readonly: boolean } {
  const ops: BitfieldOp[] = [];
  let overflow: Overflow = 'WRAP';
  let readonly = true;
  let highestWrite = 0;
  for (let j = 2; j < argv.length; j++) {
    const remaining = argv.length - j - 1;
    const sub = cString(argv[j] as Bytes).toUpperCase();
    let opcode: Opcode;
    if (sub === 'GET' && remaining >= 2) opcode = 'GET';
    else if (sub === 'SET' && remaining >= 3) opcode = 'SET';
    else if (sub === 'INCRBY' && remaining >= 3) opcode = 'INCRBY';
    else if (sub === 'OVERFLOW' && remaining >= 1) {
      const type = cString(argv[++j] as Bytes).toUpperCase();
      if (type !== 'WRAP' && type !== 'SAT' && type !== 'FAIL') throw ERR_BITFIELD_OVERFLOW_TYPE;
      overflow = type;
      continue;
    } else {
      throw ERR_SYNTAX;
    }
    const { signed, bits } = parseBitfieldType(argv[j + 1] as Bytes);
    const offset = parseBitOffset(client, argv[j + 2] as Bytes, true, bits);
    let value = 0n;
    if (opcode !== 'GET') {
      readonly = false;
      highestWrite = Math.max(highestWrite, offset + bits - 1);
      value = parseInt64(argv[j + 3] as Bytes);
    }
    ops.push({ opcode, offset, value, overflow, bits, signed });
    j += opcode === 'GET' ? 2 : 3;
  }
  return { ops, highestWrite, readonly };
}

/** BITFIELD and BITFIELD_RO (which accepts GET only). */
function bitfieldGeneric(client: Client, argv: readonly Bytes[], readonlyCommand: boolean): Reply {
  const key = argv[1] as Bytes;
  const { ops, highestWrite, readonly } = parseOps(client, argv);
  let source: Uint8Array | string = '';
  let target: Uint8Array | undefined;
  let dirty = false;
  if (readonly) {
    const value = stringType.read(client, key);
    if (value !== undefined) source = stringSource(value);
  } else {
    if (readonlyCommand) throw ERR_BITFIELD_RO_GET_ONLY;
    const found = lookupStringForBitCommand(client.db, key, highestWrite);
    target = found.raw.view();
    source = target;
    dirty = found.dirty;
  }

  const replies: Reply[] = [];
  let changes = 0;
  for (const op of ops) {
    if (op.opcode === 'GET') {
      const value = op.signed ? getSigned(source, op.offset, op.bits) : getUnsigned(source, op.offset, op.bits);
      replies.push(int64Reply(value));
      continue;
    }
    const buf = target as Uint8Array;
    const old = op.signed ? getSigned(buf, op.offset, op.bits) : getUnsigned(buf, op.offset, op.bits);
    const check = op.signed ? checkSigned : checkUnsigned;
    let next: bigint;
    let reply: bigint;
    let overflowed: boolean;
    if (op.opcode === 'INCRBY') {
      const result = check(old, op.value, op.bits, op.overflow);
      overflowed = result.direction !== 0;
      // Unsigned arithmetic wraps at 64 bits before the check replaces it.
      const sum = op.signed ? old + op.value : BigInt.asUintN(64, old + op.value);
      next = overflowed ? result.limit : sum;
      reply = next;
    } else {
      const value = op.signed ? op.value : BigInt.asUintN(64, op.value);
      const result = check(value, 0n, op.bits, op.overflow);
      overflowed = result.direction !== 0;
      next = overflowed ? result.limit : value;
      reply = old;
    }
    if (overflowed && op.overflow === 'FAIL') {
      replies.push(null);
      continue;
    }
    replies.push(int64Reply(reply));
    setBits(buf, op.offset, op.bits, next);
    if (dirty || old !== next) changes++;
  }
  if (changes > 0) {
    client.db.signalModifiedKey(key);
    stringType.notify(client.db, 'setbit', key);
    // server.dirty += changes: each SET / INCRBY that wrote, a created key no more.
    client.server.addDirty(changes);
  }
  return replies;
}

/** BITFIELD key [GET type offset | SET type offset value | INCRBY type offset increment | OVERFLOW WRAP|SAT|FAIL] ... */
export const BITFIELD: CommandHandler = (client, argv) => bitfieldGeneric(client, argv, false);

/** BITFIELD_RO key [GET type offset ...] */
export const BITFIELD_RO: CommandHandler = (client, argv) => bitfieldGeneric(client, argv, true);
