import { ErrorReply, type PropagationRule, RdbError, type RdbReader, type RdbWriter } from '@fakeredis/core';

/**
 * RedisModule_Save* / Load* of module values (Redis's rdbSaveLen of an opcode before each
 * value, RDB_MODULE_OPCODE_*), for the RedisBloom types. A value of another kind than the
 * one loaded is bad data, as in Redis.
 */

const OPCODE_UINT = 2;
const OPCODE_DOUBLE = 4;
const OPCODE_STRING = 5;

/** RedisModule_SaveUnsigned. */
export function saveUnsigned(w: RdbWriter, value: bigint | number): void {
  w.length(OPCODE_UINT);
  w.lengthBig(BigInt(value));
}

/** RedisModule_SaveSigned: the int64's bits saved as RedisModule_SaveUnsigned saves them. */
export function saveSigned(w: RdbWriter, value: bigint | number): void {
  w.length(OPCODE_UINT);
  w.lengthBig(BigInt.asUintN(64, BigInt(value)));
}

/** RedisModule_SaveDouble: the binary double. */
export function saveDouble(w: RdbWriter, value: number): void {
  w.length(OPCODE_DOUBLE);
  w.double(value);
}

/** RedisModule_SaveStringBuffer. */
export function saveStringBuffer(w: RdbWriter, data: Uint8Array): void {
  w.length(OPCODE_STRING);
  w.blob(data);
}

function expectOpcode(r: RdbReader, opcode: number): void {
  if (r.length() !== opcode) throw new RdbError('module value of the wrong kind');
}

/** RedisModule_LoadUnsigned (a uint64). */
export function loadUnsigned(r: RdbReader): bigint {
  expectOpcode(r, OPCODE_UINT);
  return r.lengthBig();
}

/** RedisModule_LoadSigned (an int64, read as RedisModule_LoadUnsigned reads). */
export function loadSigned(r: RdbReader): bigint {
  expectOpcode(r, OPCODE_UINT);
  return BigInt.asIntN(64, r.lengthBig());
}

/** RedisModule_LoadDouble. */
export function loadDouble(r: RdbReader): number {
  expectOpcode(r, OPCODE_DOUBLE);
  return r.double();
}

/** RedisModule_LoadStringBuffer, as a copy the value owns. */
export function loadStringBuffer(r: RdbReader): Uint8Array {
  expectOpcode(r, OPCODE_STRING);
  return new Uint8Array(r.blob());
}

/**
 * RedisModule_ReplicateVerbatim: a module command reaches the AOF and replicas only when it
 * asks, here once it succeeded.
 */
export const verbatimUnlessError: PropagationRule = (call) => (call.reply instanceof ErrorReply ? null : [call.argv]);

/** Commands that never ask (reads, whatever keys they open for writing). */
export const never: PropagationRule = () => null;
