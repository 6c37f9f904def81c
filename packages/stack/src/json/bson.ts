import { JArray, JFloat, JObject, type JValue } from './value.js';

/**
 * FORMAT BSON of JSON.SET / JSON.MERGE (ivalue_manager.rs's from_str): the argument is a
 * BSON document (bson's Document::from_reader) and the value is its first element
 * (null for an empty document), converted to JSON as bson's relaxed extended JSON does for
 * the kinds here: doubles, strings, documents, arrays, binary data, ObjectIds, booleans,
 * null, int32 and int64. Other element kinds (dates, timestamps, regexes, decimal128 ...)
 * and malformed documents throw BsonError.
 */
export class BsonError extends Error {}

class Reader {
  pos = 0;
  constructor(readonly b: Buffer) {}

  need(n: number): void {
    if (this.pos + n > this.b.length) throw new BsonError('end of stream');
  }

  cstring(): string {
    const end = this.b.indexOf(0, this.pos);
    if (end < 0) throw new BsonError('end of stream');
    const s = this.b.toString('utf8', this.pos, end);
    this.pos = end + 1;
    return s;
  }

  int32(): number {
    this.need(4);
    const v = this.b.readInt32LE(this.pos);
    this.pos += 4;
    return v;
  }

  document(asArray: boolean): JObject | JArray {
    const start = this.pos;
    const length = this.int32();
    if (length < 5 || start + length > this.b.length) throw new BsonError('malformed document length');
    const end = start + length - 1;
    const o = new JObject();
    const items: JValue[] = [];
    while (this.pos < end) {
      const kind = this.b[this.pos++]!;
      const key = this.cstring();
      const value = this.element(kind);
      if (asArray) items.push(value);
      else o.set(key, value);
    }
    if (this.b[end] !== 0 || this.pos !== end) throw new BsonError('malformed document');
    this.pos = end + 1;
    return asArray ? new JArray(items, items.length) : o;
  }

  element(kind: number): JValue {
    switch (kind) {
      case 0x01: {
        this.need(8);
        const d = this.b.readDoubleLE(this.pos);
        this.pos += 8;
        if (Number.isFinite(d)) return new JFloat(d);
        const o = new JObject();
        o.set('$numberDouble', Number.isNaN(d) ? 'NaN' : d > 0 ? 'Infinity' : '-Infinity');
        return o;
      }
      case 0x02: {
        const n = this.int32();
        if (n < 1) throw new BsonError('invalid string length');
        this.need(n);
        const s = this.b.toString('utf8', this.pos, this.pos + n - 1);
        this.pos += n;
        return s;
      }
      case 0x03: return this.document(false);
      case 0x04: return this.document(true);
      case 0x05: {
        const n = this.int32();
        this.need(n + 1);
        const subType = this.b[this.pos++]!;
        const data = this.b.subarray(this.pos, this.pos + n);
        this.pos += n;
        const inner = new JObject();
        inner.set('base64', data.toString('base64'));
        inner.set('subType', subType.toString(16).padStart(2, '0'));
        const o = new JObject();
        o.set('$binary', inner);
        return o;
      }
      case 0x07: {
        this.need(12);
        const o = new JObject();
        o.set('$oid', this.b.toString('hex', this.pos, this.pos + 12));
        this.pos += 12;
        return o;
      }
      case 0x08: this.need(1); return this.b[this.pos++] !== 0;
      case 0x0a: return null;
      case 0x10: return this.int32();
      case 0x12: {
        this.need(8);
        const v = this.b.readBigInt64LE(this.pos);
        this.pos += 8;
        return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
      }
      default:
        throw new BsonError(`unsupported BSON element type ${kind}`);
    }
  }
}

/** The first element of the BSON document in `data`, as a JSON value. */
export function bsonFirstValue(data: Buffer): JValue {
  const r = new Reader(data);
  const doc = r.document(false) as JObject;
  return doc.size === 0 ? null : doc.vals[0]!;
}
