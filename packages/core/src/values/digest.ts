import { createHash } from 'node:crypto';
import type { Bytes } from '../bytes.js';
import type { Database } from '../database.js';
import { type DoubleFormat, formatDouble17g, formatDoubleFpconv } from '../numbers.js';
import type { RedisValue } from './object.js';
import { MutableString } from './string.js';

/**
 * Redis's DEBUG DIGEST arithmetic (debug.c): a 20-byte digest that unordered parts are
 * xored into (xorDigest: digest ^= SHA1(data)) and ordered parts mixed into (mixDigest:
 * digest = SHA1(digest ^ SHA1(data))). A value type's `digest` member feeds its content
 * through it as xorObjectDigest does for that type; a module type uses the module API's
 * calls (addStringBuffer, addLongLong, endSequence), whose result Redis xors into the key's.
 */
export class ValueDigest {
  readonly bytes = Buffer.alloc(20);
  /** How sorted-set scores are written: "%.17g" in 7.0, fpconv's shortest form from 7.2. */
  constructor(readonly doubleFormat: DoubleFormat = 'printf17g') {}
  /** The module API's running sequence (RedisModuleDigest.o) and its sum (.x). */
  private sequence: Buffer | undefined;
  readonly moduleSum = Buffer.alloc(20);

  /** xorDigest. */
  xor(data: Bytes | Buffer): void {
    xorInto(this.bytes, sha1(data));
  }

  /** mixDigest. */
  mix(data: Bytes | Buffer): void {
    this.xor(data);
    this.bytes.set(sha1(this.bytes));
  }

  /** One element of an unordered collection made of ordered parts (a zset member and score, a hash field and value). */
  xorElement(...parts: Array<Bytes | Buffer>): void {
    const element = new ValueDigest(this.doubleFormat);
    for (const part of parts) element.mix(part);
    this.xor(element.bytes);
  }

  /** A sorted-set score as the digest writes it: "%.17g" in 7.0, fpconv_dtoa from 7.2 (1e10 is "1e+10"). */
  score(score: number): Bytes {
    return (this.doubleFormat === 'printf17g' ? formatDouble17g(score) : formatDoubleFpconv(score)) as Bytes;
  }

  /** RedisModule_DigestAddStringBuffer: mixes into the current sequence. */
  addStringBuffer(data: Bytes | Buffer): void {
    const seq = (this.sequence ??= Buffer.alloc(20));
    xorInto(seq, sha1(data));
    seq.set(sha1(seq));
  }

  /** RedisModule_DigestAddLongLong: the number's decimal text. */
  addLongLong(n: number | bigint): void {
    this.addStringBuffer(String(n) as Bytes);
  }

  /** RedisModule_DigestEndSequence: xorDigest of the sequence into the sum; a new sequence starts. */
  endSequence(): void {
    xorInto(this.moduleSum, sha1(this.sequence ?? Buffer.alloc(20)));
    this.sequence = undefined;
  }

  hex(): string {
    return this.bytes.toString('hex');
  }
}

function sha1(data: Bytes | Buffer): Buffer {
  return createHash('sha1').update(typeof data === 'string' ? Buffer.from(data, 'latin1') : data).digest();
}

function xorInto(target: Buffer, source: Buffer): void {
  for (let i = 0; i < 20; i++) target[i] = (target[i] as number) ^ (source[i] as number);
}

/** OBJ_STRING ... OBJ_STREAM; a type Redis does not know is a module type (OBJ_MODULE). */
const TYPE_CODES: Record<string, number> = { string: 0, list: 1, set: 2, zset: 3, hash: 4, stream: 6 };
const OBJ_MODULE = 5;

/** xorObjectDigest: adds a key's value (and whether it has an expiry) to `digest`. */
export function xorObjectDigest(db: Database, key: Bytes, digest: ValueDigest, value: RedisValue): void {
  const type = typeof value === 'string' ? 'string' : value.type;
  const code = TYPE_CODES[type] ?? OBJ_MODULE;
  const aux = Buffer.alloc(4);
  aux.writeUInt32BE(code);
  digest.mix(aux);
  if (typeof value === 'string' || value instanceof MutableString) {
    digest.mix(typeof value === 'string' ? value : value.toBytes());
  } else if (code === OBJ_MODULE) {
    // Only a module type with a digest callback adds its content (mt->digest).
    if (value.digest !== undefined) {
      const md = new ValueDigest(digest.doubleFormat);
      value.digest(md);
      digest.xor(md.moduleSum);
    }
  } else {
    value.digest?.(digest);
  }
  if (db.peek(key)?.expiresAt) digest.xor('!!expire!!' as Bytes);
}
