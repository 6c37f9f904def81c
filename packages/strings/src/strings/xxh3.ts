/**
 * XXH3_64bits with seed 0 and the default secret (xxHash 0.8), the hash behind Redis 8.4's
 * DIGEST, SET IFDEQ/IFDNE and DELEX IFDEQ/IFDNE. 64-bit arithmetic in BigInt, scalar path.
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

/** XXH3's default secret (kSecret, 192 bytes). */
const SECRET = Buffer.from(
  'b8fe6c3923a44bbe7c01812cf721ad1cded46de9839097db7240a4a4b7b3671fcb79e64eccc0e578825ad07dccff7221b8084674f743248ee03590e6813a264c' +
    '3c2852bb91c300cb88d0658b1b532ea371644897a20df94e3819ef46a9deacd8a8fa763fe39c343ff9dcbbc7c70b4f1d8a51e04bcdb45931c89f7ec9d9787364' +
    'eac5ac8334d3ebc3c581a0fffa1363eb170ddd51b7f0da49d316552629d4689e2b16be587d47a1fc8ff8b8d17ad031ce45cb3a8f95160428afd7fbcabb4b407e',
  'hex',
);
const STRIPE_LEN = 64;
const STRIPES_PER_BLOCK = (SECRET.length - STRIPE_LEN) / 8;
const BLOCK_LEN = STRIPE_LEN * STRIPES_PER_BLOCK;

const u64 = (buf: Uint8Array, at: number): bigint =>
  new DataView(buf.buffer, buf.byteOffset + at, 8).getBigUint64(0, true);
const u32 = (buf: Uint8Array, at: number): bigint =>
  BigInt(new DataView(buf.buffer, buf.byteOffset + at, 4).getUint32(0, true));
const mul = (a: bigint, b: bigint): bigint => (a * b) & M64;
const fold = (a: bigint, b: bigint): bigint => {
  const product = a * b;
  return (product ^ (product >> 64n)) & M64;
};
const swap64 = (x: bigint): bigint => {
  let r = 0n;
  for (let i = 0n; i < 64n; i += 8n) r = (r << 8n) | ((x >> i) & 0xffn);
  return r;
};
const rotl = (x: bigint, r: bigint): bigint => ((x << r) | (x >> (64n - r))) & M64;

function avalanche(h: bigint): bigint {
  h ^= h >> 37n;
  h = mul(h, PRIME_MX1);
  return h ^ (h >> 32n);
}

function xxh64Avalanche(h: bigint): bigint {
  h ^= h >> 33n;
  h = mul(h, PRIME64_2);
  h ^= h >> 29n;
  h = mul(h, PRIME64_3);
  return h ^ (h >> 32n);
}

function rrmxmx(h: bigint, len: number): bigint {
  h ^= rotl(h, 49n) ^ rotl(h, 24n);
  h = mul(h, PRIME_MX2);
  h ^= ((h >> 35n) + BigInt(len)) & M64;
  h = mul(h, PRIME_MX2);
  return h ^ (h >> 28n);
}

const mix16 = (input: Uint8Array, at: number, secretAt: number): bigint =>
  fold(u64(input, at) ^ u64(SECRET, secretAt), u64(input, at + 8) ^ u64(SECRET, secretAt + 8));

function short(input: Uint8Array): bigint {
  const len = input.length;
  if (len > 8) {
    const lo = u64(input, 0) ^ (u64(SECRET, 24) ^ u64(SECRET, 32));
    const hi = u64(input, len - 8) ^ (u64(SECRET, 40) ^ u64(SECRET, 48));
    return avalanche((BigInt(len) + swap64(lo) + hi + fold(lo, hi)) & M64);
  }
  if (len >= 4) {
    const input64 = u32(input, len - 4) + (u32(input, 0) << 32n);
    return rrmxmx(input64 ^ (u64(SECRET, 8) ^ u64(SECRET, 16)), len);
  }
  if (len > 0) {
    const c1 = BigInt(input[0] as number);
    const c2 = BigInt(input[len >> 1] as number);
    const c3 = BigInt(input[len - 1] as number);
    const combined = (c1 << 16n) | (c2 << 24n) | c3 | (BigInt(len) << 8n);
    return xxh64Avalanche(combined ^ (u32(SECRET, 0) ^ u32(SECRET, 4)));
  }
  return xxh64Avalanche(u64(SECRET, 56) ^ u64(SECRET, 64));
}

function medium(input: Uint8Array): bigint {
  const len = input.length;
  let acc = mul(BigInt(len), PRIME64_1);
  if (len > 32) {
    if (len > 64) {
      if (len > 96) acc += mix16(input, 48, 96) + mix16(input, len - 64, 112);
      acc += mix16(input, 32, 64) + mix16(input, len - 48, 80);
    }
    acc += mix16(input, 16, 32) + mix16(input, len - 32, 48);
  }
  acc += mix16(input, 0, 0) + mix16(input, len - 16, 16);
  return avalanche(acc & M64);
}

function midsize(input: Uint8Array): bigint {
  const len = input.length;
  let acc = mul(BigInt(len), PRIME64_1);
  for (let i = 0; i < 8; i++) acc += mix16(input, 16 * i, 16 * i);
  acc = avalanche(acc & M64);
  let end = mix16(input, len - 16, 136 - 17);
  for (let i = 8; i < Math.floor(len / 16); i++) end += mix16(input, 16 * i, 16 * (i - 8) + 3);
  return avalanche((acc + end) & M64);
}

function accumulate512(acc: bigint[], input: Uint8Array, at: number, secretAt: number): void {
  for (let i = 0; i < 8; i++) {
    const value = u64(input, at + 8 * i);
    const key = value ^ u64(SECRET, secretAt + 8 * i);
    acc[i ^ 1] = ((acc[i ^ 1] as bigint) + value) & M64;
    acc[i] = ((acc[i] as bigint) + (key & 0xffffffffn) * (key >> 32n)) & M64;
  }
}

function long(input: Uint8Array): bigint {
  const len = input.length;
  const acc = [PRIME32_3, PRIME64_1, PRIME64_2, PRIME64_3, PRIME64_4, PRIME32_2, PRIME64_5, PRIME32_1];
  const blocks = Math.floor((len - 1) / BLOCK_LEN);
  for (let n = 0; n < blocks; n++) {
    for (let s = 0; s < STRIPES_PER_BLOCK; s++) accumulate512(acc, input, n * BLOCK_LEN + s * STRIPE_LEN, s * 8);
    for (let i = 0; i < 8; i++) {
      let a = acc[i] as bigint;
      a ^= a >> 47n;
      a ^= u64(SECRET, SECRET.length - STRIPE_LEN + 8 * i);
      acc[i] = mul(a, PRIME32_1);
    }
  }
  const stripes = Math.floor((len - 1 - BLOCK_LEN * blocks) / STRIPE_LEN);
  for (let s = 0; s < stripes; s++) accumulate512(acc, input, blocks * BLOCK_LEN + s * STRIPE_LEN, s * 8);
  accumulate512(acc, input, len - STRIPE_LEN, SECRET.length - STRIPE_LEN - 7);
  let result = mul(BigInt(len), PRIME64_1);
  for (let i = 0; i < 4; i++) {
    result += fold((acc[2 * i] as bigint) ^ u64(SECRET, 11 + 16 * i), (acc[2 * i + 1] as bigint) ^ u64(SECRET, 11 + 16 * i + 8));
  }
  return avalanche(result & M64);
}

/** XXH3_64bits(input), seed 0. */
export function xxh3(input: Uint8Array): bigint {
  const len = input.length;
  if (len <= 16) return short(input);
  if (len <= 128) return medium(input);
  if (len <= 240) return midsize(input);
  return long(input);
}
