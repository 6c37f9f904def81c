import { RdbError, type RdbReader, type RdbWriter } from '@fakeredis/core';
import { BLOOM_OPT_FORCE64, BloomChain, BloomLink, hashCount } from './chain.js';

/**
 * RedisBloom's BFRdbSave / BFRdbLoad of a filter, encoding version 4: each value behind its
 * opcode, as RedisModule_Save* writes it. Core writes what Redis writes around a module
 * value (RDB_TYPE_MODULE_2, the type's 64-bit id, the EOF marker) and finds the type by its
 * id (the value type's `moduleType`).
 */

const OPCODE_UINT = 2;
const OPCODE_DOUBLE = 4;
const OPCODE_STRING = 5;
const MIN_OPTIONS_ENCODING = 2;
const MIN_GROWTH_ENCODING = 4;

function saveUnsigned(w: RdbWriter, value: bigint | number): void {
  w.length(OPCODE_UINT);
  w.lengthBig(BigInt(value));
}

/** BFRdbSave. */
export function bloomRdbSave(sb: BloomChain, w: RdbWriter): void {
  saveUnsigned(w, sb.size);
  saveUnsigned(w, sb.filters.length);
  saveUnsigned(w, sb.options);
  saveUnsigned(w, sb.growth);
  for (const link of sb.filters) {
    saveUnsigned(w, link.entries);
    w.length(OPCODE_DOUBLE);
    w.double(link.error);
    saveUnsigned(w, link.hashes);
    w.length(OPCODE_DOUBLE);
    w.double(link.bpe);
    saveUnsigned(w, link.bits);
    saveUnsigned(w, link.n2);
    w.length(OPCODE_STRING);
    w.blob(link.bf);
    saveUnsigned(w, link.size);
  }
}

function expectOpcode(r: RdbReader, opcode: number): void {
  if (r.length() !== opcode) throw new RdbError('module value of the wrong kind');
}

const loadUnsigned = (r: RdbReader): bigint => (expectOpcode(r, OPCODE_UINT), r.lengthBig());
const loadDouble = (r: RdbReader): number => (expectOpcode(r, OPCODE_DOUBLE), r.double());
const U64 = 0xffffffffffffffffn;

/** BFRdbLoad, with the integrity checks it makes. */
export function bloomRdbLoad(encver: number, r: RdbReader): BloomChain {
  if (encver > MIN_GROWTH_ENCODING) throw new RdbError('unsupported encoding version');
  const size = loadUnsigned(r);
  const nfilters = loadUnsigned(r);
  if (nfilters === 0n) throw new RdbError('no filters');
  const options = encver >= MIN_OPTIONS_ENCODING ? Number(loadUnsigned(r) & 0xffffffffn) : 0;
  const growth = encver >= MIN_GROWTH_ENCODING ? Number(loadUnsigned(r) & 0xffffffffn) : 2;
  const filters: BloomLink[] = [];
  for (let i = 0n; i < nfilters; i++) {
    const entries = loadUnsigned(r);
    const error = loadDouble(r);
    const hashes = Number(loadUnsigned(r) & 0xffffffffn);
    const bpe = loadDouble(r);
    let bits: bigint;
    let n2 = 0;
    if (encver === 0) {
      const product = Number(entries) * bpe;
      bits = product >= 0 && product < 2 ** 64 ? BigInt(Math.trunc(product)) : 0n;
    } else {
      bits = loadUnsigned(r);
      n2 = Number(loadUnsigned(r) & 0xffn);
    }
    expectOpcode(r, OPCODE_STRING);
    const bf = new Uint8Array(r.blob());
    const bytes = BigInt(bf.length);
    // The buffer holds at least the bits; then bloom_validate_integrity.
    if (bytes < BigInt(Math.ceil(Number(bits) / 8))) throw new RdbError('filter shorter than its bits');
    if (error <= 0 || error >= 1 || n2 > 63 || (n2 !== 0 && bits < 1n << BigInt(n2)) || bits === 0n || bits !== ((bytes * 8n) & U64) || hashes !== hashCount(bpe)) {
      throw new RdbError('bad filter');
    }
    const linkSize = loadUnsigned(r);
    filters.push(new BloomLink(hashes, (options & BLOOM_OPT_FORCE64) !== 0, n2, entries, error, bpe, bf, bf.length, Number(bits), linkSize));
  }
  return new BloomChain(filters, size, options, growth);
}
