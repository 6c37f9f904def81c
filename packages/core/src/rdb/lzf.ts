/**
 * LZF as Redis 7.0 builds it (lzf_c.c / lzf_d.c with HLOG 16, VERY_FAST, no INIT_HTAB),
 * so that a string compressed here is byte for byte what redis-server writes for it.
 */

const HLOG = 16;
const HSIZE = 1 << HLOG;
const MAX_LIT = 1 << 5;
const MAX_OFF = 1 << 13;
const MAX_REF = (1 << 8) + (1 << 3);

/** IDX(h) of VERY_FAST: (((h >> (3*8 - HLOG)) - h*5) & (HSIZE - 1)) on an unsigned int. */
const idx = (h: number): number => ((h >>> 8) - h * 5) & (HSIZE - 1);

// One hash table for every call. Redis's is uninitialised stack memory whose stale entries
// point outside the current input, so they never match: here a slot counts only when it
// was written during the current call (its generation), which has the same effect without
// clearing 64k entries per string.
const htab = new Int32Array(HSIZE);
const hgen = new Uint32Array(HSIZE);
let generation = 0;

/**
 * lzf_compress into at most `outLen` bytes; the compressed bytes, or undefined when they
 * do not fit (Redis then stores the string as it is).
 */
export function lzfCompress(input: Uint8Array, outLen: number): Uint8Array | undefined {
  const inLen = input.length;
  if (inLen === 0 || outLen === 0) return undefined;
  generation = (generation + 1) >>> 0;
  if (generation === 0) {
    hgen.fill(0);
    generation = 1;
  }
  const gen = generation;
  const out = new Uint8Array(outLen);
  let ip = 0;
  let op = 0;
  let lit = 0;
  op++; // start run
  let hval = ((input[0] as number) << 8) | (input[1] ?? 0);
  while (ip < inLen - 2) {
    hval = ((hval << 8) | (input[ip + 2] as number)) >>> 0;
    const slot = idx(hval);
    const ref = hgen[slot] === gen ? (htab[slot] as number) : -1;
    htab[slot] = ip;
    hgen[slot] = gen;
    let off: number;
    if (
      ref > 0 &&
      (off = ip - ref - 1) < MAX_OFF &&
      input[ref + 2] === input[ip + 2] &&
      input[ref] === input[ip] &&
      input[ref + 1] === input[ip + 1]
    ) {
      let len = 2;
      let maxlen = inLen - ip - len;
      if (maxlen > MAX_REF) maxlen = MAX_REF;
      if (op + 3 + 1 >= outLen && op - (lit === 0 ? 1 : 0) + 3 + 1 >= outLen) return undefined;
      out[op - lit - 1] = lit - 1; // stop run
      if (lit === 0) op--; // undo run if length is zero
      // lzf_c.c first compares 16 bytes unrolled, without the maxlen bound (its match may
      // then run past maxlen, to the end of the input): the output depends on it.
      let mismatch = false;
      if (maxlen > 16) {
        for (let k = 0; k < 16 && !mismatch; k++) {
          len++;
          if (input[ref + len] !== input[ip + len]) mismatch = true;
        }
      }
      if (!mismatch) {
        do len++;
        while (len < maxlen && input[ref + len] === input[ip + len]);
      }
      len -= 2; // len is now #octets - 1
      ip++;
      if (len < 7) {
        out[op++] = (off >> 8) + (len << 5);
      } else {
        out[op++] = (off >> 8) + (7 << 5);
        out[op++] = len - 7;
      }
      out[op++] = off & 0xff;
      lit = 0;
      op++; // start run
      ip += len + 1;
      if (ip >= inLen - 2) break;
      ip -= 2;
      hval = ((input[ip] as number) << 8) | (input[ip + 1] as number);
      hval = ((hval << 8) | (input[ip + 2] as number)) >>> 0;
      htab[idx(hval)] = ip;
      hgen[idx(hval)] = gen;
      ip++;
      hval = ((hval << 8) | (input[ip + 2] as number)) >>> 0;
      htab[idx(hval)] = ip;
      hgen[idx(hval)] = gen;
      ip++;
    } else {
      if (op >= outLen) return undefined;
      lit++;
      out[op++] = input[ip++] as number;
      if (lit === MAX_LIT) {
        out[op - lit - 1] = lit - 1; // stop run
        lit = 0;
        op++; // start run
      }
    }
  }
  if (op + 3 > outLen) return undefined;
  while (ip < inLen) {
    lit++;
    out[op++] = input[ip++] as number;
    if (lit === MAX_LIT) {
      out[op - lit - 1] = lit - 1;
      lit = 0;
      op++;
    }
  }
  out[op - lit - 1] = lit - 1; // end run
  if (lit === 0) op--;
  return out.subarray(0, op);
}

/** lzf_decompress: the `outLen` bytes, or undefined when the data is not valid LZF of that size. */
export function lzfDecompress(input: Uint8Array, outLen: number): Uint8Array | undefined {
  const out = new Uint8Array(outLen);
  let ip = 0;
  let op = 0;
  while (ip < input.length) {
    let ctrl = input[ip++] as number;
    if (ctrl < 1 << 5) {
      ctrl++;
      if (op + ctrl > outLen || ip + ctrl > input.length) return undefined;
      out.set(input.subarray(ip, ip + ctrl), op);
      op += ctrl;
      ip += ctrl;
    } else {
      let len = ctrl >> 5;
      let ref = op - ((ctrl & 0x1f) << 8) - 1;
      if (ip >= input.length) return undefined;
      if (len === 7) {
        len += input[ip++] as number;
        if (ip >= input.length) return undefined;
      }
      ref -= input[ip++] as number;
      if (op + len + 2 > outLen || ref < 0) return undefined;
      len += 2;
      for (let k = 0; k < len; k++) out[op++] = out[ref++] as number;
    }
  }
  return op === outLen ? out : undefined;
}
