/**
 * XXH3-128 with the default secret and seed 0 (xxHash 0.8, BSD-2-Clause algorithm), for
 * Redis 8.6's IDMPAUTO iids, which hash each field-value pair with it. Written for
 * correctness over speed (BigInt lanes): an XADD's pairs are short.
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

/** XXH3_kSecret: the default secret, 192 bytes. */
const SECRET = Buffer.from(
  'b8fe6c3923a44bbe7c01812cf721ad1cded46de9839097db7240a4a4b7b3671fcb79e64eccc0e578825ad07dccff7221b8084674f743248ee03590e6813a264c' +
    '3c2852bb91c300cb88d0658b1b532ea371644897a20df94e3819ef46a9deacd8a8fa763fe39c343ff9dcbbc7c70b4f1d8a51e04bcdb45931c89f7ec9d9787364' +
    'eac5ac8334d3ebc3c581a0fffa1363eb170ddd51b7f0da49d316552629d4689e2b16be587d47a1fc8ff8b8d17ad031ce45cb3a8f95160428afd7fbcabb4b407e',
  'hex',
);
const SECRET_SIZE = 192;
const STRIPE_LEN = 64;
const MIDSIZE_STARTOFFSET = 3;
const MIDSIZE_LASTOFFSET = 17;
const SECRET_SIZE_MIN = 136;

const r64 = (b: Buffer, at: number): bigint => b.readBigUInt64LE(at);
const r32 = (b: Buffer, at: number): bigint => BigInt(b.readUInt32LE(at));
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

function avalanche64(h: bigint): bigint {
  h = xorshift(h, 33n);
  h = mul(h, PRIME64_2);
  h = xorshift(h, 29n);
  h = mul(h, PRIME64_3);
  return xorshift(h, 32n);
}

function avalanche3(h: bigint): bigint {
  h = xorshift(h, 37n);
  h = mul(h, PRIME_MX1);
  return xorshift(h, 32n);
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

function mix16(input: Buffer, at: number, secretAt: number, seed: bigint): bigint {
  return fold64(r64(input, at) ^ add(r64(SECRET, secretAt), seed), r64(input, at + 8) ^ sub(r64(SECRET, secretAt + 8), seed));
}

type H128 = [bigint, bigint];

function mix32(acc: H128, input: Buffer, at1: number, at2: number, secretAt: number, seed: bigint): H128 {
  let lo = add(acc[0], mix16(input, at1, secretAt, seed));
  lo ^= add(r64(input, at2), r64(input, at2 + 8));
  let hi = add(acc[1], mix16(input, at2, secretAt + 16, seed));
  hi ^= add(r64(input, at1), r64(input, at1 + 8));
  return [lo, hi];
}

function len1to3(input: Buffer, len: number): H128 {
  const c1 = BigInt(input[0] as number);
  const c2 = BigInt(input[len >> 1] as number);
  const c3 = BigInt(input[len - 1] as number);
  const combinedl = (c1 << 16n) | (c2 << 24n) | c3 | (BigInt(len) << 8n);
  const combinedh = rotl32(swap32(combinedl), 13n);
  const bitflipl = r32(SECRET, 0) ^ r32(SECRET, 4);
  const bitfliph = r32(SECRET, 8) ^ r32(SECRET, 12);
  return [avalanche64(combinedl ^ bitflipl), avalanche64(combinedh ^ bitfliph)];
}

function len4to8(input: Buffer, len: number): H128 {
  const input64 = r32(input, 0) + (r32(input, len - 4) << 32n);
  const bitflip = r64(SECRET, 16) ^ r64(SECRET, 24);
  let [lo, hi] = mult128(input64 ^ bitflip, add(PRIME64_1, BigInt(len) << 2n));
  hi = add(hi, (lo << 1n) & M64);
  lo ^= hi >> 3n;
  lo = xorshift(lo, 35n);
  lo = mul(lo, PRIME_MX2);
  lo = xorshift(lo, 28n);
  return [lo, avalanche3(hi)];
}

function len9to16(input: Buffer, len: number): H128 {
  const bitflipl = r64(SECRET, 32) ^ r64(SECRET, 40);
  const bitfliph = r64(SECRET, 48) ^ r64(SECRET, 56);
  const inputLo = r64(input, 0);
  let inputHi = r64(input, len - 8);
  let [lo, hi] = mult128(inputLo ^ inputHi ^ bitflipl, PRIME64_1);
  lo = add(lo, (BigInt(len - 1) << 54n) & M64);
  inputHi ^= bitfliph;
  hi = add(hi, add(inputHi, (inputHi & 0xffffffffn) * (PRIME32_2 - 1n)));
  lo ^= swap64(hi);
  const [hlo, hhi0] = mult128(lo, PRIME64_2);
  const hhi = add(hhi0, mul(hi, PRIME64_2));
  return [avalanche3(hlo), avalanche3(hhi)];
}

function finish(acc: H128, len: number): H128 {
  const lo = add(acc[0], acc[1]);
  const hi = add(add(mul(acc[0], PRIME64_1), mul(acc[1], PRIME64_4)), mul(BigInt(len), PRIME64_2));
  return [avalanche3(lo), sub(0n, avalanche3(hi))];
}

function len17to128(input: Buffer, len: number): H128 {
  let acc: H128 = [mul(BigInt(len), PRIME64_1), 0n];
  if (len > 32) {
    if (len > 64) {
      if (len > 96) acc = mix32(acc, input, 48, len - 64, 96, 0n);
      acc = mix32(acc, input, 32, len - 48, 64, 0n);
    }
    acc = mix32(acc, input, 16, len - 32, 32, 0n);
  }
  acc = mix32(acc, input, 0, len - 16, 0, 0n);
  return finish(acc, len);
}

function len129to240(input: Buffer, len: number): H128 {
  let acc: H128 = [mul(BigInt(len), PRIME64_1), 0n];
  for (let i = 32; i < 160; i += 32) acc = mix32(acc, input, i - 32, i - 16, i - 32, 0n);
  acc = [avalanche3(acc[0]), avalanche3(acc[1])];
  for (let i = 160; i <= len; i += 32) acc = mix32(acc, input, i - 32, i - 16, MIDSIZE_STARTOFFSET + i - 160, 0n);
  acc = mix32(acc, input, len - 16, len - 32, SECRET_SIZE_MIN - MIDSIZE_LASTOFFSET - 16, 0n);
  return finish(acc, len);
}

function accumulate512(acc: bigint[], input: Buffer, at: number, secretAt: number): void {
  for (let i = 0; i < 8; i++) {
    const data = r64(input, at + 8 * i);
    const key = data ^ r64(SECRET, secretAt + 8 * i);
    acc[i ^ 1] = add(acc[i ^ 1] as bigint, data);
    acc[i] = add(acc[i] as bigint, (key & 0xffffffffn) * (key >> 32n));
  }
}

function scramble(acc: bigint[]): void {
  const secretAt = SECRET_SIZE - STRIPE_LEN;
  for (let i = 0; i < 8; i++) acc[i] = mul(xorshift(acc[i] as bigint, 47n) ^ r64(SECRET, secretAt + 8 * i), PRIME32_1);
}

function mergeAccs(acc: bigint[], secretAt: number, start: bigint): bigint {
  let result = start;
  for (let i = 0; i < 4; i++) result = add(result, fold64((acc[2 * i] as bigint) ^ r64(SECRET, secretAt + 16 * i), (acc[2 * i + 1] as bigint) ^ r64(SECRET, secretAt + 16 * i + 8)));
  return avalanche3(result);
}

function hashLong(input: Buffer, len: number): H128 {
  const acc = [PRIME32_3, PRIME64_1, PRIME64_2, PRIME64_3, PRIME64_4, PRIME32_2, PRIME64_5, PRIME32_1];
  const stripesPerBlock = (SECRET_SIZE - STRIPE_LEN) / 8;
  const blockLen = STRIPE_LEN * stripesPerBlock;
  const blocks = Math.floor((len - 1) / blockLen);
  for (let n = 0; n < blocks; n++) {
    for (let s = 0; s < stripesPerBlock; s++) accumulate512(acc, input, n * blockLen + s * STRIPE_LEN, s * 8);
    scramble(acc);
  }
  const stripes = Math.floor((len - 1 - blockLen * blocks) / STRIPE_LEN);
  for (let s = 0; s < stripes; s++) accumulate512(acc, input, blocks * blockLen + s * STRIPE_LEN, s * 8);
  accumulate512(acc, input, len - STRIPE_LEN, SECRET_SIZE - STRIPE_LEN - 7);
  const lenBig = BigInt(len);
  return [mergeAccs(acc, 11, mul(lenBig, PRIME64_1)), mergeAccs(acc, SECRET_SIZE - STRIPE_LEN - 11, ~mul(lenBig, PRIME64_2) & M64)];
}

/** XXH3_128bits(input): [low64, high64]. */
export function xxh3128(input: Buffer): [bigint, bigint] {
  const len = input.length;
  if (len === 0) return [avalanche64(r64(SECRET, 64) ^ r64(SECRET, 72)), avalanche64(r64(SECRET, 80) ^ r64(SECRET, 88))];
  if (len <= 3) return len1to3(input, len);
  if (len <= 8) return len4to8(input, len);
  if (len <= 16) return len9to16(input, len);
  if (len <= 128) return len17to128(input, len);
  if (len <= 240) return len129to240(input, len);
  return hashLong(input, len);
}

/**
 * createIdempotencyHash (Redis 8.6's IDMPAUTO): each field-value pair hashed as the field,
 * its length (8 bytes, little-endian) and the value; the pair hashes combined by sums and
 * xors (so the order of the pairs does not matter); the 16 bytes of the result, low half
 * first, as the iid.
 */
export function idempotencyHash(kv: readonly string[]): string {
  let sumLo = 0n;
  let sumHi = 0n;
  let xorLo = 0n;
  let xorHi = 0n;
  for (let i = 0; i < kv.length; i += 2) {
    const field = Buffer.from(kv[i] as string, 'latin1');
    const value = Buffer.from(kv[i + 1] as string, 'latin1');
    const length = Buffer.alloc(8);
    length.writeBigUInt64LE(BigInt(field.length));
    const [lo, hi] = xxh3128(Buffer.concat([field, length, value]));
    sumLo = add(sumLo, lo);
    sumHi = add(sumHi, hi);
    xorLo ^= lo;
    xorHi ^= hi;
  }
  const out = Buffer.alloc(16);
  out.writeBigUInt64LE(sumLo ^ rotl64(xorHi, 1n), 0);
  out.writeBigUInt64LE(sumHi ^ rotl64(xorLo, 1n), 8);
  return out.toString('latin1');
}
