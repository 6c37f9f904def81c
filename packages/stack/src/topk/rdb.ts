import { type Bytes, bytesFromBuffer, RdbError, type RdbReader, type RdbWriter } from '@fakeredis/core';
import { loadDouble, loadStringBuffer, loadUnsigned, saveDouble, saveStringBuffer, saveUnsigned } from '../module-io.js';
import { BUCKET_SIZE, HEAP_BUCKET_SIZE, TopK } from './heavykeeper.js';

/**
 * RedisBloom's TopKRdbSave / TopKRdbLoad, encoding version 0: k, width, depth, decay, the
 * buckets and the heap as the module's raw arrays (struct Bucket, struct HeapBucket), then
 * each heap item as a C string with its NUL. The heap's raw bytes hold each item's pointer
 * in the module; the fake writes zeros there (the loader never reads them).
 */

/** A heap item as RedisModule_ReplyWithCString and strlen see it: up to its first NUL byte. */
export function cString(item: Bytes): Bytes {
  const nul = item.indexOf('\0');
  return nul === -1 ? item : (item.slice(0, nul) as Bytes);
}

/** TopKRdbSave. */
export function topkRdbSave(topk: TopK, w: RdbWriter): void {
  saveUnsigned(w, topk.k);
  saveUnsigned(w, topk.width);
  saveUnsigned(w, topk.depth);
  saveDouble(w, topk.decay);
  const data = Buffer.alloc(topk.width * topk.depth * BUCKET_SIZE);
  for (let i = 0; i < topk.width * topk.depth; i++) {
    data.writeUInt32LE(topk.fps[i]!, i * BUCKET_SIZE);
    data.writeUInt32LE(topk.counts[i]!, i * BUCKET_SIZE + 4);
  }
  saveStringBuffer(w, data);
  const heap = Buffer.alloc(topk.k * HEAP_BUCKET_SIZE);
  for (let i = 0; i < topk.k; i++) {
    const o = i * HEAP_BUCKET_SIZE;
    heap.writeUInt32LE(topk.heapFp[i]!, o);
    heap.writeUInt32LE(topk.heapLen[i]!, o + 4);
    heap.writeUInt32LE(topk.heapCount[i]!, o + 16);
  }
  saveStringBuffer(w, heap);
  for (let i = 0; i < topk.k; i++) {
    const item = topk.heapItem[i];
    saveStringBuffer(w, Buffer.from(item === undefined ? '\0' : `${cString(item)}\0`, 'latin1'));
  }
}

/** LoadUnsigned into a uint32_t field. */
const loadUint32 = (r: RdbReader): number => Number(loadUnsigned(r) & 0xffffffffn);

/** TopKRdbLoad, with the checks it makes; the lookup table made by repeated products, as it does. */
export function topkRdbLoad(encver: number, r: RdbReader): TopK {
  if (encver > 0) throw new RdbError('unsupported encoding version');
  const k = loadUint32(r);
  const width = loadUint32(r);
  const depth = loadUint32(r);
  const decay = loadDouble(r);
  if (width === 0 || depth === 0 || k === 0) throw new RdbError('empty sketch');
  const data = Buffer.from(loadStringBuffer(r));
  if (data.length !== width * depth * BUCKET_SIZE) throw new RdbError('bad bucket array');
  const heap = Buffer.from(loadStringBuffer(r));
  if (heap.length !== k * HEAP_BUCKET_SIZE) throw new RdbError('bad heap array');
  const table = new Float64Array(256);
  for (let i = 0; i < 256; i++) table[i] = i === 0 ? 1 : table[i - 1]! * decay;
  const topk = new TopK(k, width, depth, decay, table);
  for (let i = 0; i < width * depth; i++) {
    topk.fps[i] = data.readUInt32LE(i * BUCKET_SIZE);
    topk.counts[i] = data.readUInt32LE(i * BUCKET_SIZE + 4);
  }
  for (let i = 0; i < k; i++) {
    const o = i * HEAP_BUCKET_SIZE;
    topk.heapFp[i] = heap.readUInt32LE(o);
    topk.heapLen[i] = heap.readUInt32LE(o + 4);
    topk.heapCount[i] = heap.readUInt32LE(o + 16);
  }
  for (let i = 0; i < k; i++) {
    const item = loadStringBuffer(r);
    // A one-byte string is an empty slot; otherwise the item is the C string it holds.
    topk.heapItem[i] = item.length === 1 ? undefined : cString(bytesFromBuffer(item));
  }
  return topk;
}
