/**
 * XXH3 (xxHash 0.8, seed 0, the default secret): the 64-bit hash behind Redis 8.4's DIGEST
 * and SET/DELEX IFDEQ/IFDNE, the 128-bit one behind Redis 8.6's IDMPAUTO iids. 64-bit lanes
 * in BigInt, the scalar path: written for exactness, the inputs are short.
 */

const M64 = (1n << 64n) - 1n;
const PRIME32_1 = 0x9e3779b1n;
const PRIME32_2 = 0x85ebca77n;
const PRIME32_3 = 0xc2b2ae3dn;
const PRIME64_1 = 0x9e3779b185ebca87n;
const PRIME64_2 = 0xc2b2ae3d27d4eb4fn;
const PRIME64_3 = 0x165667b19e3779f9n;
const PRIME64_4 = 0x85ebca77c2b2ae63n;
const PRIME64_5 = 0x27d4eb2f165667c5n;
const PRIME_MX1 = 0x165667919e3779f9n;
const PRIME_MX2 = 0x9fb21c651e98df25n;

/** XXH3_kSecret, 192 bytes. */
const SECRET = Buffer.from(
  'b8fe6c3923a44bbe7c01812cf721ad1cded46de9839097db7240a4a4b7b3671fcb79e64eccc0e578825ad07dccff7221b8084674f743248ee03590e6813a264c' +
    '3c2852bb91c300cb88d0658b1b532ea371644897a20df94e3819ef46a9deacd8a8fa763fe39c343ff9dcbbc7c70b4f1d8a51e04bcdb45931c89f7ec9d9787364' +
    'eac5ac8334d3ebc3c581a0fffa1363eb170ddd51b7f0da49d316552629d4689e2b16be587d47a1fc8ff8b8d17ad031ce45cb3a8f95160428afd7fbcabb4b407e',
  'hex',
);
const SECRET_SIZE = 192;
const SECRET_SIZE_MIN = 136;
const STRIPE_LEN = 64;
const STRIPES_PER_BLOCK = (SECRET_SIZE - STRIPE_LEN) / 8;
const BLOCK_LEN = STRIPE_LEN * STRIPES_PER_BLOCK;
const MIDSIZE_STARTOFFSET = 3;
const MIDSIZE_LASTOFFSET = 17;

const r64 = (b: Uint8Array, at: number): bigint => new DataView(b.buffer, b.byteOffset + at, 8).getBigUint64(0, true);
const r32 = (b: Uint8Array, at: number): bigint => BigInt(new DataView(b.buffer, b.byteOffset + at, 4).getUint32(0, true));
const mul = (a: bigint, b: bigint): bigint => (a * b) & M64;
const add = (a: bigint, b: bigint): bigint => (a + b) & M64;
const sub = (a: bigint, b: bigint): bigint => (a - b) & M64;
const xorshift = (v: bigint, s: bigint): bigint => v ^ (v >> s);
const rotl64 = (v: bigint, r: bigint): bigint => ((v << r) | (v >> (64n - r))) & M64;
const swap32 = (v: bigint): bigint => ((v & 0xffn) << 24n) | ((v & 0xff00n) << 8n) | ((v >> 8n) & 0xff00n) | ((v >> 24n) & 0xffn);
const rotl32 = (v: bigint, r: bigint): bigint => ((v << r) | (v >> (32n - r))) & 0xffffffffn;
function swap64(v: bigint): bigint {
  let out = 0n;
  for (let i = 0n; i < 64n; i += 8n) out |= ((v >> i) & 0xffn) << (56n - i);
  return out;
}

/** XXH64's avalanche. */
function avalanche64(h: bigint): bigint {
  h = mul(xorshift(h, 33n), PRIME64_2);
  h = mul(xorshift(h, 29n), PRIME64_3);
  return xorshift(h, 32n);
}

function avalanche3(h: bigint): bigint {
  return xorshift(mul(xorshift(h, 37n), PRIME_MX1), 32n);
}

function rrmxmx(h: bigint, len: number): bigint {
  h ^= rotl64(h, 49n) ^ rotl64(h, 24n);
  h = mul(h, PRIME_MX2);
  h ^= add(h >> 35n, BigInt(len));
  h = mul(h, PRIME_MX2);
  return xorshift(h, 28n);
}

/** The low and high halves of the 128-bit product. */
function mult128(a: bigint, b: bigint): [bigint, bigint] {
  const p = a * b;
  return [p & M64, (p >> 64n) & M64];
}

const fold64 = (a: bigint, b: bigint): bigint => {
  const [lo, hi] = mult128(a, b);
  return lo ^ hi;
};

const mix16 = (input: Uint8Array, at: number, secretAt: number): bigint =>
  fold64(r64(input, at) ^ r64(SECRET, secretAt), r64(input, at + 8) ^ r64(SECRET, secretAt + 8));

function accumulate512(acc: bigint[], input: Uint8Array, at: number, secretAt: number): void {
  for (let i = 0; i < 8; i++) {
    const data = r64(input, at + 8 * i);
    const key = data ^ r64(SECRET, secretAt + 8 * i);
    acc[i ^ 1] = add(acc[i ^ 1] as bigint, data);
    acc[i] = add(acc[i] as bigint, (key & 0xffffffffn) * (key >> 32n));
  }
}

/** The long-input loop both widths share: the accumulators after every stripe. */
function accumulateLong(input: Uint8Array): bigint[] {
  const len = input.length;
  const acc = [PRIME32_3, PRIME64_1, PRIME64_2, PRIME64_3, PRIME64_4, PRIME32_2, PRIME64_5, PRIME32_1];
  const blocks = Math.floor((len - 1) / BLOCK_LEN);
  for (let n = 0; n < blocks; n++) {
    for (let s = 0; s < STRIPES_PER_BLOCK; s++) accumulate512(acc, input, n * BLOCK_LEN + s * STRIPE_LEN, s * 8);
    for (let i = 0; i < 8; i++) acc[i] = mul(xorshift(acc[i] as bigint, 47n) ^ r64(SECRET, SECRET_SIZE - STRIPE_LEN + 8 * i), PRIME32_1);
  }
  const stripes = Math.floor((len - 1 - BLOCK_LEN * blocks) / STRIPE_LEN);
  for (let s = 0; s < stripes; s++) accumulate512(acc, input, blocks * BLOCK_LEN + s * STRIPE_LEN, s * 8);
  accumulate512(acc, input, len - STRIPE_LEN, SECRET_SIZE - STRIPE_LEN - 7);
  return acc;
}

function mergeAccs(acc: bigint[], secretAt: number, start: bigint): bigint {
  let result = start;
  for (let i = 0; i < 4; i++) result = add(result, fold64((acc[2 * i] as bigint) ^ r64(SECRET, secretAt + 16 * i), (acc[2 * i + 1] as bigint) ^ r64(SECRET, secretAt + 16 * i + 8)));
  return avalanche3(result);
}

/** XXH3_64bits(input). */
export function xxh3(input: Uint8Array): bigint {
  const len = input.length;
  if (len === 0) return avalanche64(r64(SECRET, 56) ^ r64(SECRET, 64));
  if (len <= 3) {
    const combined = (BigInt(input[0] as number) << 16n) | (BigInt(input[len >> 1] as number) << 24n) | BigInt(input[len - 1] as number) | (BigInt(len) << 8n);
    return avalanche64(combined ^ (r32(SECRET, 0) ^ r32(SECRET, 4)));
  }
  if (len <= 8) return rrmxmx((r32(input, len - 4) + (r32(input, 0) << 32n)) ^ (r64(SECRET, 8) ^ r64(SECRET, 16)), len);
  if (len <= 16) {
    const lo = r64(input, 0) ^ (r64(SECRET, 24) ^ r64(SECRET, 32));
    const hi = r64(input, len - 8) ^ (r64(SECRET, 40) ^ r64(SECRET, 48));
    return avalanche3(add(add(add(BigInt(len), swap64(lo)), hi), fold64(lo, hi)));
  }
  let acc = mul(BigInt(len), PRIME64_1);
  if (len <= 128) {
    if (len > 32) {
      if (len > 64) {
        if (len > 96) acc += mix16(input, 48, 96) + mix16(input, len - 64, 112);
        acc += mix16(input, 32, 64) + mix16(input, len - 48, 80);
      }
      acc += mix16(input, 16, 32) + mix16(input, len - 32, 48);
    }
    acc += mix16(input, 0, 0) + mix16(input, len - 16, 16);
    return avalanche3(acc & M64);
  }
  if (len <= 240) {
    for (let i = 0; i < 8; i++) acc += mix16(input, 16 * i, 16 * i);
    acc = avalanche3(acc & M64);
    let end = mix16(input, len - 16, SECRET_SIZE_MIN - MIDSIZE_LASTOFFSET);
    for (let i = 8; i < Math.floor(len / 16); i++) end += mix16(input, 16 * i, 16 * (i - 8) + MIDSIZE_STARTOFFSET);
    return avalanche3((acc + end) & M64);
  }
  return mergeAccs(accumulateLong(input), 11, acc);
}

type H128 = [bigint, bigint];

function mix32(acc: H128, input: Uint8Array, at1: number, at2: number, secretAt: number): H128 {
  const lo = add(acc[0], mix16(input, at1, secretAt)) ^ add(r64(input, at2), r64(input, at2 + 8));
  const hi = add(acc[1], mix16(input, at2, secretAt + 16)) ^ add(r64(input, at1), r64(input, at1 + 8));
  return [lo, hi];
}

function finish128(acc: H128, len: number): H128 {
  const lo = add(acc[0], acc[1]);
  const hi = add(add(mul(acc[0], PRIME64_1), mul(acc[1], PRIME64_4)), mul(BigInt(len), PRIME64_2));
  return [avalanche3(lo), sub(0n, avalanche3(hi))];
}

/** XXH3_128bits(input): [low64, high64]. */
export function xxh3128(input: Uint8Array): H128 {
  const len = input.length;
  if (len === 0) return [avalanche64(r64(SECRET, 64) ^ r64(SECRET, 72)), avalanche64(r64(SECRET, 80) ^ r64(SECRET, 88))];
  if (len <= 3) {
    const combinedl = (BigInt(input[0] as number) << 16n) | (BigInt(input[len >> 1] as number) << 24n) | BigInt(input[len - 1] as number) | (BigInt(len) << 8n);
    const combinedh = rotl32(swap32(combinedl), 13n);
    return [avalanche64(combinedl ^ (r32(SECRET, 0) ^ r32(SECRET, 4))), avalanche64(combinedh ^ (r32(SECRET, 8) ^ r32(SECRET, 12)))];
  }
  if (len <= 8) {
    const input64 = r32(input, 0) + (r32(input, len - 4) << 32n);
    let [lo, hi] = mult128(input64 ^ (r64(SECRET, 16) ^ r64(SECRET, 24)), add(PRIME64_1, BigInt(len) << 2n));
    hi = add(hi, (lo << 1n) & M64);
    lo ^= hi >> 3n;
    lo = xorshift(mul(xorshift(lo, 35n), PRIME_MX2), 28n);
    return [lo, avalanche3(hi)];
  }
  if (len <= 16) {
    const inputLo = r64(input, 0);
    const inputHi = r64(input, len - 8) ^ (r64(SECRET, 48) ^ r64(SECRET, 56));
    let [lo, hi] = mult128(inputLo ^ r64(input, len - 8) ^ (r64(SECRET, 32) ^ r64(SECRET, 40)), PRIME64_1);
    lo = add(lo, (BigInt(len - 1) << 54n) & M64);
    hi = add(hi, add(inputHi, (inputHi & 0xffffffffn) * (PRIME32_2 - 1n)));
    lo ^= swap64(hi);
    const [hlo, hhi] = mult128(lo, PRIME64_2);
    return [avalanche3(hlo), avalanche3(add(hhi, mul(hi, PRIME64_2)))];
  }
  let acc: H128 = [mul(BigInt(len), PRIME64_1), 0n];
  if (len <= 128) {
    if (len > 32) {
      if (len > 64) {
        if (len > 96) acc = mix32(acc, input, 48, len - 64, 96);
        acc = mix32(acc, input, 32, len - 48, 64);
      }
      acc = mix32(acc, input, 16, len - 32, 32);
    }
    return finish128(mix32(acc, input, 0, len - 16, 0), len);
  }
  if (len <= 240) {
    for (let i = 32; i < 160; i += 32) acc = mix32(acc, input, i - 32, i - 16, i - 32);
    acc = [avalanche3(acc[0]), avalanche3(acc[1])];
    for (let i = 160; i <= len; i += 32) acc = mix32(acc, input, i - 32, i - 16, MIDSIZE_STARTOFFSET + i - 160);
    return finish128(mix32(acc, input, len - 16, len - 32, SECRET_SIZE_MIN - MIDSIZE_LASTOFFSET - 16), len);
  }
  const accs = accumulateLong(input);
  const lenBig = BigInt(len);
  return [mergeAccs(accs, 11, mul(lenBig, PRIME64_1)), mergeAccs(accs, SECRET_SIZE - STRIPE_LEN - 11, ~mul(lenBig, PRIME64_2) & M64)];
}
