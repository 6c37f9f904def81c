import { type Bytes, defineValueType, type FakeServer, mallocSize, type RedisObject, sdsAllocSize } from '@fakeredis/core';
import { distanceBin, distanceFloat, distanceQ8, normalize, quantizeBin, quantizeQ8, type SimdPath } from './float.js';
import { ERR_VSET_COPY, ERR_VSET_DUMP } from './errors.js';

/**
 * A vector set (modules/vector-sets/vset.c): elements with a vector and an optional JSON
 * attribute string, searched by cosine similarity. Redis keeps them in an HNSW graph;
 * this fake keeps the vectors exactly as Redis stores them (normalized, then quantized)
 * and searches them exhaustively, which is what Redis's search amounts to while a set
 * is smaller than the search's exploration factor. The graph itself (VLINKS) is not
 * modelled; each node still draws its level as Redis does, for VINFO's max-level.
 */

export const QUANT_NONE = 0;
export const QUANT_Q8 = 1;
export const QUANT_BIN = 2;
export type QuantType = typeof QUANT_NONE | typeof QUANT_Q8 | typeof QUANT_BIN;

/** HNSW_P and HNSW_MAX_LEVEL of random_level. */
const LEVEL_P = 0.25;
const MAX_LEVEL = 16;

/** One element (an hnswNode and its vsetNodeVal). */
export interface VectorNode {
  readonly element: Bytes;
  attrib: Bytes | undefined;
  /** The normalized vector (NOQUANT), its int8 quants (Q8) or its sign bits (BIN). */
  readonly vector: Float32Array | Int8Array | Uint8Array;
  /** The L2 norm before normalization (1 for an all-zero vector). */
  readonly l2: number;
  /** Q8's per-vector range (max |component| of the normalized vector). */
  readonly range: number;
  readonly level: number;
  readonly id: number;
}

/** The server-wide counter of vector sets created (VectorSetTypeNextId, VINFO's vset-uid). */
const nextSetIds = new WeakMap<FakeServer, { next: number }>();

function nextSetId(server: FakeServer): number {
  let counter = nextSetIds.get(server);
  if (counter === undefined) nextSetIds.set(server, (counter = { next: 0 }));
  return counter.next++;
}

export class VectorSet implements RedisObject {
  readonly type = 'vectorset';
  /** Elements in insertion order; Redis's node list (HNSW->head) is the reverse, newest first. */
  readonly nodes = new Map<Bytes, VectorNode>();
  numAttribs = 0;
  /** hnsw->last_id: ids of nodes made so far (an update makes a new node). */
  lastId = 0;
  private sorted: Bytes[] | undefined;

  constructor(
    readonly id: number,
    readonly dim: number,
    readonly quant: QuantType,
    readonly m: number,
    /** The REDUCE projection: the input dimension and its dim x input matrix, row by row. */
    readonly projection: { readonly inputDim: number; readonly matrix: Float32Array } | undefined,
    readonly simd: SimdPath,
  ) {}

  static create(server: FakeServer, dim: number, quant: QuantType, m: number, reduceFrom: number | undefined, simd: SimdPath): VectorSet {
    const projection = reduceFrom === undefined ? undefined : { inputDim: reduceFrom, matrix: projectionMatrix(reduceFrom, dim) };
    return new VectorSet(nextSetId(server), dim, quant, m, projection, simd);
  }

  get size(): number {
    return this.nodes.size;
  }

  /** hnsw->max_level: the highest level of a node (the entry point's). */
  get maxLevel(): number {
    let max = 0;
    for (const node of this.nodes.values()) if (node.level > max) max = node.level;
    return max;
  }

  /** applyProjection: the reduced vector, each output the float sum of its row times the input. */
  project(input: Float32Array): Float32Array {
    const { inputDim, matrix } = this.projection!;
    const out = new Float32Array(this.dim);
    for (let i = 0; i < this.dim; i++) {
      let sum = 0;
      for (let j = 0; j < inputDim; j++) sum = Math.fround(sum + Math.fround(matrix[i * inputDim + j]! * input[j]!));
      out[i] = sum;
    }
    return out;
  }

  /** The stored form of a vector (hnsw_node_new / hnsw_init_tmp_node): normalized, then quantized. */
  encode(input: Float32Array): { vector: Float32Array | Int8Array | Uint8Array; l2: number; range: number } {
    const vec = Float32Array.from(input);
    const l2 = normalize(vec) ?? 1;
    if (this.quant === QUANT_Q8) {
      const { quants, range } = quantizeQ8(vec);
      return { vector: quants, l2, range };
    }
    if (this.quant === QUANT_BIN) return { vector: quantizeBin(vec), l2, range: 0 };
    return { vector: vec, l2, range: 0 };
  }

  /** hnsw_insert of a new node, or the delete and re-insert of an update (a new id and level, the attribute kept unless given). */
  insert(server: FakeServer, element: Bytes, vec: Float32Array, attrib: Bytes | undefined): boolean {
    const old = this.nodes.get(element);
    let level = 0;
    while (server.random.next() < LEVEL_P && level < MAX_LEVEL) level++;
    const node: VectorNode = { element, attrib: old?.attrib, ...this.encode(vec), level, id: ++this.lastId };
    if (old !== undefined) {
      this.nodes.delete(element);
      if (attrib !== undefined) this.setAttribute(node, attrib);
    } else if (attrib !== undefined) {
      // A new element keeps its SETATTR string as given, even an empty one (counted too).
      node.attrib = attrib;
      this.numAttribs++;
    }
    this.nodes.set(element, node);
    if (old === undefined) this.sorted = undefined;
    return old === undefined;
  }

  /** VSETATTR's rule: an empty string removes the attribute. */
  setAttribute(node: VectorNode, attrib: Bytes): void {
    if (node.attrib !== undefined) this.numAttribs--;
    node.attrib = attrib.length === 0 ? undefined : attrib;
    if (node.attrib !== undefined) this.numAttribs++;
  }

  remove(element: Bytes): boolean {
    const node = this.nodes.get(element);
    if (node === undefined) return false;
    if (node.attrib !== undefined) this.numAttribs--;
    this.nodes.delete(element);
    this.sorted = undefined;
    return true;
  }

  /** hnsw_get_node_vector: the de-quantized, de-normalized vector. */
  vectorOf(node: VectorNode): Float32Array {
    const out = new Float32Array(this.dim);
    if (this.quant === QUANT_NONE) out.set(node.vector as Float32Array);
    else if (this.quant === QUANT_Q8) {
      const q = node.vector as Int8Array;
      for (let j = 0; j < this.dim; j++) out[j] = Math.fround(Math.fround(q[j]! * node.range) / 127);
    } else {
      const bits = node.vector as Uint8Array;
      for (let j = 0; j < this.dim; j++) out[j] = (bits[j >> 3]! & (1 << (j & 7))) !== 0 ? 1 : -1;
    }
    if (this.quant !== QUANT_BIN) for (let j = 0; j < this.dim; j++) out[j] = Math.fround(out[j]! * node.l2);
    return out;
  }

  /** hnsw_distance between a query in stored form and a node. */
  distance(query: { vector: Float32Array | Int8Array | Uint8Array; range: number }, node: VectorNode): number {
    if (this.quant === QUANT_Q8) return distanceQ8(query.vector as Int8Array, node.vector as Int8Array, query.range, node.range);
    if (this.quant === QUANT_BIN) return distanceBin(query.vector as Uint8Array, node.vector as Uint8Array, this.dim);
    return distanceFloat(query.vector as Float32Array, node.vector as Float32Array, this.simd);
  }

  /** Nodes in Redis's list order (HNSW->head first: the newest). */
  *listOrder(): Generator<VectorNode> {
    const all = [...this.nodes.values()];
    for (let i = all.length - 1; i >= 0; i--) yield all[i]!;
  }

  /** Elements in memcmp order (the module's dict, a rax). */
  sortedElements(): Bytes[] {
    this.sorted ??= [...this.nodes.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return this.sorted;
  }

  encoding(): string {
    return 'raw';
  }

  /** COPY: the module type has no copy callback, so Redis refuses. */
  clone(): VectorSet {
    throw ERR_VSET_COPY;
  }

  /**
   * VectorSetMemUsage: the structs (vsetObject 112 bytes, HNSW 1672, hnswNode 312, a
   * layer 24), the vectors, links estimated from M, and the element and attribute
   * strings estimated from the first 20 nodes of the list.
   */
  memoryUsage(): number {
    const n = this.nodes.size;
    let size = 112 + 1672;
    if (this.projection !== undefined) size += 4 * this.projection.inputDim * this.dim;
    if (n === 0) return size;
    size += 312 * n;
    size += quantsBytes(this.quant, this.dim) * n;
    size += Math.floor((24 * n * 4) / 3);
    const level0 = this.m * 2;
    size += 8 * level0 * n;
    size += Math.floor((8 * (level0 >> 1) * n) / 3);
    let scanned = 0;
    let itemsSize = 0;
    let attribsScanned = 0;
    let attribsSize = 0;
    for (const node of this.listOrder()) {
      if (scanned === 20) break;
      itemsSize += moduleStringSize(node.element);
      scanned++;
      if (node.attrib !== undefined) {
        attribsSize += moduleStringSize(node.attrib);
        attribsScanned++;
      }
    }
    size += Math.floor(itemsSize / scanned) * n;
    if (attribsScanned === 0) {
      attribsScanned = 1;
      attribsSize = 64;
    }
    size += Math.floor(attribsSize / attribsScanned) * this.numAttribs;
    size += n * 16;
    return size;
  }
}

/** hnsw_quants_bytes. */
export function quantsBytes(quant: QuantType, dim: number): number {
  return quant === QUANT_NONE ? dim * 4 : quant === QUANT_Q8 ? dim : Math.ceil(dim / 64) * 8;
}

/** RM_MallocSizeString of an argument string the module retained: the robj and its sds. */
function moduleStringSize(s: Bytes): number {
  return s.length <= 44 ? mallocSize(16 + 3 + s.length + 1) : 16 + sdsAllocSize(s.length, false);
}

/** createProjectionMatrix: a Hadamard-like pattern of +-1/sqrt(input) (the sign from the parity of i & j). */
function projectionMatrix(inputDim: number, outputDim: number): Float32Array {
  const scale = Math.fround(1 / Math.sqrt(inputDim));
  const matrix = new Float32Array(inputDim * outputDim);
  for (let i = 0; i < outputDim; i++) {
    for (let j = 0; j < inputDim; j++) {
      let bits = i & j;
      let parity = 0;
      while (bits !== 0) {
        parity ^= bits & 1;
        bits >>>= 1;
      }
      matrix[i * inputDim + j] = parity === 0 ? scale : -scale;
    }
  }
  return matrix;
}

/**
 * The module's data type "vectorset". Its RDB form (VectorSetRdbSave) holds each node's
 * HNSW links, which the fake does not have: DUMP, and any RDB the server would write
 * while it holds a vector set, answer an error instead of a made-up graph.
 */
export const vectorSetType = defineValueType<VectorSet>({
  name: 'vectorset',
  eventClass: 'd',
  isEmpty: (value) => value.size === 0,
  moduleType: { module: 'vectorset', encodingVersion: 0 },
  rdbSave: () => {
    throw ERR_VSET_DUMP;
  },
});
