/**
 * CRC-64/Jones (Redis's crc64.c): reflected, polynomial 0xad93d23594c935a9, init 0, no
 * final xor. Redis checks DUMP payloads and RDB files with it. The 64-bit state is kept
 * in two 32-bit halves (no BigInt per byte).
 */

const CRC_LO = new Uint32Array(256);
const CRC_HI = new Uint32Array(256);
{
  // The reflected polynomial, 0x95ac9329ac4bc9b5, in two halves.
  const polyHi = 0x95ac9329;
  const polyLo = 0xac4bc9b5;
  for (let n = 0; n < 256; n++) {
    let lo = n;
    let hi = 0;
    for (let k = 0; k < 8; k++) {
      const bit = lo & 1;
      lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
      hi = hi >>> 1;
      if (bit) {
        lo = (lo ^ polyLo) >>> 0;
        hi = (hi ^ polyHi) >>> 0;
      }
    }
    CRC_LO[n] = lo;
    CRC_HI[n] = hi;
  }
}

/** A running CRC-64 (crc64(crc, data) called piece by piece), as rio updates an RDB's checksum. */
export class Crc64 {
  private lo = 0;
  private hi = 0;

  update(data: Uint8Array, start = 0, end = data.length): void {
    let lo = this.lo;
    let hi = this.hi;
    for (let i = start; i < end; i++) {
      const idx = (lo ^ (data[i] as number)) & 0xff;
      lo = (((lo >>> 8) | (hi << 24)) ^ (CRC_LO[idx] as number)) >>> 0;
      hi = ((hi >>> 8) ^ (CRC_HI[idx] as number)) >>> 0;
    }
    this.lo = lo;
    this.hi = hi;
  }

  /** The checksum as 8 little-endian bytes, as Redis writes it (memrev64ifbe). */
  bytes(): Uint8Array {
    const out = new Uint8Array(8);
    new DataView(out.buffer).setUint32(0, this.lo, true);
    new DataView(out.buffer).setUint32(4, this.hi, true);
    return out;
  }

  value(): bigint {
    return (BigInt(this.hi) << 32n) | BigInt(this.lo);
  }
}

/** crc64(0, data). */
export function crc64(data: Uint8Array): bigint {
  const crc = new Crc64();
  crc.update(data);
  return crc.value();
}
