import { type CommandHandler, ErrorReply, OK, type Random } from '@fakeredis/core';
import { ERR_PFSELFTEST_DENSE_SPARSE, ERR_PFSELFTEST_NOT_SPARSE } from '../errors.js';
import { estimateCardinality, HLL_DENSE_SIZE, HLL_REGISTER_MAX, HLL_REGISTERS, HLL_SPARSE, HllData } from './hll.js';
import { hllPatternLength } from './murmur.js';
import { sparseMaxBytes } from './hll-value.js';

/** HLL_TEST_CYCLES: rounds of the register access test. */
const TEST_CYCLES = 1000;

/**
 * PFSELFTEST (pfselftestCommand): the same two checks hyperloglog.c makes, run on the
 * fake's own HLL code, so it fails when that code is wrong. Like Redis it takes the
 * event loop for its whole run (ten million additions).
 */
export const PFSELFTEST: CommandHandler = (client) => {
  const failure = hllSelfTest(client.server.random, sparseMaxBytes(client));
  return failure === undefined ? OK : failure;
};

/** The checks of pfselftestCommand; the error to reply, or undefined when they pass. */
export function hllSelfTest(random: Random, maxBytes: number): ErrorReply | undefined {
  // C's rand(): 31 bits.
  const rand = () => random.nextUint32() >>> 1;
  const dense = new HllData(Buffer.alloc(HLL_DENSE_SIZE), HLL_DENSE_SIZE);

  // Test 1: every register keeps the value set and leaves its neighbours alone.
  const bytecounters = new Uint8Array(HLL_REGISTERS);
  for (let j = 0; j < TEST_CYCLES; j++) {
    for (let i = 0; i < HLL_REGISTERS; i++) {
      const r = rand() & HLL_REGISTER_MAX;
      bytecounters[i] = r;
      dense.denseSet(i, r);
    }
    for (let i = 0; i < HLL_REGISTERS; i++) {
      const val = dense.denseGet(i);
      if (val !== bytecounters[i]) {
        return new ErrorReply(`TESTFAILED Register ${i} should be ${bytecounters[i]} but is ${val}`);
      }
    }
  }

  // Test 2: dense and sparse HLLs fed the same elements agree, stay sparse while small,
  // and estimate within six standard errors (one at cardinality 10) at every power of ten.
  dense.buf.fill(0, 16);
  const sparse = HllData.create();
  const relerr = 1.04 / Math.sqrt(HLL_REGISTERS);
  let checkpoint = 1;
  // seed = rand() | rand() << 32; the element is the little-endian uint64 j ^ seed.
  const seedLo = rand();
  const seedHi = rand();
  const hiBytes = String.fromCharCode(seedHi & 0xff, (seedHi >>> 8) & 0xff, (seedHi >>> 16) & 0xff, seedHi >>> 24);
  for (let j = 1; j <= 10_000_000; j++) {
    const lo = (j ^ seedLo) >>> 0;
    const ele = String.fromCharCode(lo & 0xff, (lo >>> 8) & 0xff, (lo >>> 16) & 0xff, lo >>> 24) + hiBytes;
    const { index, count } = hllPatternLength(ele);
    dense.denseSetIfGreater(index, count);
    sparse.add(ele, maxBytes);
    if (j !== checkpoint) continue;

    if (j < maxBytes / 2 && sparse.encoding !== HLL_SPARSE) return ERR_PFSELFTEST_NOT_SPARSE;
    const card = hllCount(dense);
    if (card !== hllCount(sparse)) return ERR_PFSELFTEST_DENSE_SPARSE;
    const abserr = Math.abs(checkpoint - card);
    const maxerr = j === 10 ? 1 : Math.ceil(relerr * 6 * checkpoint);
    if (abserr > maxerr) return new ErrorReply(`TESTFAILED Too big error. card:${checkpoint} abserr:${abserr}`);
    checkpoint *= 10;
  }
  return undefined;
}

/** hllCount of the registers, whatever the cached cardinality says. */
function hllCount(data: HllData): number {
  const histo = data.histogram();
  return histo === undefined ? -1 : estimateCardinality(histo);
}
