import { RdbError, type RdbReader, type RdbWriter } from '@fakeredis/core';
import { loadDouble, loadSigned, saveDouble, saveSigned } from '../module-io.js';
import { capFromCompression, TDigest, toLongLong } from './tdigest.js';

/**
 * RedisBloom's TDigestRdbSave / TDigestRdbLoad, encoding version 0. Saving merges the
 * digest first (a DUMP counts a compression when samples were buffered), then writes
 * compression, min, max, cap, the node counts, the compressions, both weights (as
 * doubles) and the merged nodes' means and weights (doubles too).
 */

/** TDigestRdbSave. */
export function tdigestRdbSave(td: TDigest, w: RdbWriter): void {
  td.compress();
  saveDouble(w, td.compression);
  saveDouble(w, td.min);
  saveDouble(w, td.max);
  saveSigned(w, td.cap);
  saveSigned(w, td.mergedNodes);
  saveSigned(w, td.unmergedNodes);
  saveSigned(w, td.totalCompressions);
  saveDouble(w, Number(td.mergedWeight));
  saveDouble(w, Number(td.unmergedWeight));
  for (let i = 0; i < td.mergedNodes; i++) saveDouble(w, td.means[i] ?? 0);
  for (let i = 0; i < td.mergedNodes; i++) saveDouble(w, Number(td.weights[i] ?? 0n));
}

const toInt = (v: bigint): number => Number(BigInt.asIntN(32, v));

/**
 * TDigestRdbLoad, with its one check (0 <= merged nodes <= cap). The module allocates the
 * nodes for the saved compression and then trusts the saved cap and counts; payloads that
 * would make it write outside its allocation or crash (a compression it cannot size, more
 * nodes than it allocated, a negative count) are refused here as bad data.
 */
export function tdigestRdbLoad(_encver: number, r: RdbReader): TDigest {
  const compression = loadDouble(r);
  const allocated = capFromCompression(compression);
  if (allocated === undefined || allocated === 0n) throw new RdbError('bad compression');
  const td = new TDigest(compression, 0);
  td.min = loadDouble(r);
  td.max = loadDouble(r);
  td.cap = toInt(loadSigned(r));
  td.mergedNodes = toInt(loadSigned(r));
  td.unmergedNodes = toInt(loadSigned(r));
  td.totalCompressions = loadSigned(r);
  td.mergedWeight = toLongLong(loadDouble(r));
  td.unmergedWeight = toLongLong(loadDouble(r));
  if (td.mergedNodes < 0 || td.mergedNodes > td.cap) throw new RdbError('bad merged nodes');
  if (td.unmergedNodes < 0 || BigInt(td.mergedNodes + td.unmergedNodes) > allocated || BigInt(td.cap) > allocated) throw new RdbError('nodes past the allocation');
  for (let i = 0; i < td.mergedNodes; i++) td.means[i] = loadDouble(r);
  for (let i = 0; i < td.mergedNodes; i++) td.setWeight(i, toLongLong(loadDouble(r)));
  return td;
}
