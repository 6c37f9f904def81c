/**
 * The single-precision arithmetic of Redis's vector sets (modules/vector-sets/hnsw.c):
 * L2 normalization, Q8 and binary quantization, and the distance functions, computed
 * step by step in float32 as the C code does, so that VEMB and VSIM scores carry the
 * same bits as the real server's.
 */

const f32 = Math.fround;

const scratch = new DataView(new ArrayBuffer(8));

/** fmaf(a, b, c) of float32 inputs, rounded once as the FMA instruction rounds. */
export function fmaf(a: number, b: number, c: number): number {
  // a * b is exact in a double (24 + 24 bits); the sum is rounded to odd in the double so
  // that the final rounding to float32 is the single rounding of the exact value.
  const p = a * b;
  const s = p + c;
  if (!Number.isFinite(s)) return f32(s);
  const bp = s - c;
  const err = (p - bp) + (c - (s - bp)); // TwoSum: s + err is exactly p + c
  if (err === 0) return f32(s);
  scratch.setFloat64(0, s);
  const bits = scratch.getBigUint64(0);
  if ((bits & 1n) === 0n) {
    // Even last bit: step one unit toward the exact value, making it odd.
    const towardZero = (err > 0) !== (s > 0);
    scratch.setBigUint64(0, towardZero ? bits - 1n : bits + 1n);
    return f32(scratch.getFloat64(0));
  }
  return f32(s);
}

/** hnsw_normalize_vector: divides by the L2 norm in place; the norm, or undefined for an all-zero vector (left as is). */
export function normalize(x: Float32Array): number | undefined {
  const dim = x.length;
  let l2 = 0;
  let i = 0;
  for (; i + 3 < dim; i += 4) {
    const a = f32(x[i]! * x[i]!);
    const b = f32(x[i + 1]! * x[i + 1]!);
    const c = f32(x[i + 2]! * x[i + 2]!);
    const d = f32(x[i + 3]! * x[i + 3]!);
    l2 = f32(l2 + f32(f32(f32(a + b) + c) + d));
  }
  for (; i < dim; i++) l2 = f32(l2 + f32(x[i]! * x[i]!));
  if (l2 === 0) return undefined;
  l2 = f32(Math.sqrt(l2));
  for (i = 0; i < dim; i++) x[i] = x[i]! / l2;
  return l2;
}

/** roundf: halfway cases away from zero. */
function roundf(x: number): number {
  return x < 0 ? -Math.floor(-x + 0.5) : Math.floor(x + 0.5);
}

/** (int8_t) of a rounded float as x86-64 converts it (out of range and NaN give 0x80000000, whose low byte is 0). */
function toInt8(x: number): number {
  if (!(x >= -2147483648 && x < 2147483648)) return 0;
  return (x << 24) >> 24;
}

/** quantize_to_q8: int8 quants of the components scaled by 127 / max |x|, and that max (the range); zeros for an all-zero vector. */
export function quantizeQ8(src: Float32Array): { quants: Int8Array; range: number } {
  let maxAbs = 0;
  for (const v of src) {
    if (v > maxAbs) maxAbs = v;
    if (-v > maxAbs) maxAbs = -v;
  }
  const quants = new Int8Array(src.length);
  if (maxAbs === 0) return { quants, range: 0 };
  const scale = f32(127 / maxAbs);
  for (let j = 0; j < src.length; j++) quants[j] = toInt8(roundf(f32(src[j]! * scale)));
  return { quants, range: maxAbs };
}

/** quantize_to_bin: one bit per component, set when it is positive, in 64-bit words. */
export function quantizeBin(src: Float32Array): Uint8Array {
  const bytes = new Uint8Array(Math.ceil(src.length / 64) * 8);
  for (let j = 0; j < src.length; j++) if (src[j]! > 0) bytes[j >> 3] = bytes[j >> 3]! | (1 << (j & 7));
  return bytes;
}

/** How the server computes float dot products: the scalar loop, or x86-64's AVX-512 one (16 lanes of FMA). */
export type SimdPath = 'scalar' | 'avx512';

/** vectors_distance_float: 1 - dot of two normalized vectors. */
export function distanceFloat(x: Float32Array, y: Float32Array, simd: SimdPath): number {
  const dim = x.length;
  if (simd === 'avx512' && dim >= 16) {
    const lanes = new Float32Array(16);
    let i = 0;
    for (; i + 15 < dim; i += 16) for (let l = 0; l < 16; l++) lanes[l] = fmaf(x[i + l]!, y[i + l]!, lanes[l]!);
    // _mm512_reduce_add_ps: halves added pairwise down to one lane.
    const t3 = new Float32Array(8);
    for (let l = 0; l < 8; l++) t3[l] = lanes[l + 8]! + lanes[l]!;
    const t6 = [f32(t3[4]! + t3[0]!), f32(t3[5]! + t3[1]!), f32(t3[6]! + t3[2]!), f32(t3[7]! + t3[3]!)];
    let dot = f32(f32(t6[0]! + t6[2]!) + f32(t6[1]! + t6[3]!));
    for (; i < dim; i++) dot = fmaf(x[i]!, y[i]!, dot);
    return f32(1 - dot);
  }
  let dot0 = 0;
  let dot1 = 0;
  let i = 0;
  for (; i + 7 < dim; i += 8) {
    const p = (k: number): number => f32(x[i + k]! * y[i + k]!);
    dot0 = f32(dot0 + f32(f32(f32(p(0) + p(1)) + p(2)) + p(3)));
    dot1 = f32(dot1 + f32(f32(f32(p(4) + p(5)) + p(6)) + p(7)));
  }
  for (; i < dim; i++) dot0 = f32(dot0 + f32(x[i]! * y[i]!));
  return f32(1 - f32(dot0 + dot1));
}

/** vectors_distance_q8: the integer dot product scaled back by both ranges, clamped to 0..2. */
export function distanceQ8(x: Int8Array, y: Int8Array, rangeA: number, rangeB: number): number {
  if (rangeA === 0 || rangeB === 0) return 1;
  const scale = f32(f32(rangeA / 127) * f32(rangeB / 127));
  let dot = 0;
  for (let i = 0; i < x.length; i++) dot += x[i]! * y[i]!;
  const distance = f32(1 - f32(f32(dot) * scale));
  return distance < 0 ? 0 : distance > 2 ? 2 : distance;
}

/** vectors_distance_bin: twice the share of differing bits. */
export function distanceBin(x: Uint8Array, y: Uint8Array, dim: number): number {
  let opposite = 0;
  for (let i = 0; i < x.length; i++) {
    let v = x[i]! ^ y[i]!;
    while (v !== 0) {
      opposite += v & 1;
      v >>= 1;
    }
  }
  return f32(f32(opposite * 2) / dim);
}
