import { BooleanReply, type Bytes, coreMixins, ErrorReply, FakeServer, type MapReply, serverProfile, type VerbatimReply } from '@fakeredis/core';
import { describe, expect, it } from 'vitest';
import { compileFilter, FilterSyntaxError, jsonExtractField, runFilter } from '../../src/vectorset/expr.js';
import { fmaf } from '../../src/vectorset/float.js';
import { VectorSetCommands } from '../../src/vectorset/index.js';

const server = (version: string) => new FakeServer({ profile: serverProfile('redis', version), mixins: [...coreMixins, VectorSetCommands] });

function error(fn: () => unknown): string {
  const reply = fn();
  if (!(reply instanceof ErrorReply)) throw new Error(`no error: ${JSON.stringify(reply)}`);
  return reply.message;
}

describe('vector sets: what the fake answers where no real server can be compared', () => {
  it('exist from Redis 8.0: unknown commands and no vectorset module on 7.x', () => {
    const s = server('7.4');
    expect(error(() => s.call('VADD', 'v', 'VALUES', '1', '1', 'a'))).toMatch(/^ERR unknown command 'VADD'/);
    expect(s.call('MODULE', 'LIST')).toEqual([]);
    s.close();
    const s8 = server('8.0');
    expect(s8.call('VADD', 'v', 'VALUES', '1', '1', 'a')).toEqual(new BooleanReply(true));
    expect((s8.call('MODULE', 'LIST') as MapReply[]).length).toBe(1);
    expect(error(() => s8.call('VRANGE', 'v', '-', '+'))).toMatch(/^ERR unknown command 'VRANGE'/);
    expect(error(() => s8.call('VLINKS', 'v', 'a'))).toMatch(/^ERR unknown command 'VLINKS'/);
    s8.close();
  });

  it('DUMP and COPY refuse a vector set; RESTORE of a real payload is bad data', () => {
    const s = server('8.6');
    s.call('VADD', 'v', 'VALUES', '2', '1', '2', 'a');
    expect(error(() => s.call('DUMP', 'v'))).toBe('ERR fakeredis does not model the RDB serialization of vector sets');
    expect(error(() => s.call('COPY', 'v', 'w'))).toBe('ERR not supported for this module key');
    expect(error(() => s.call('SAVE'))).toBe('ERR fakeredis does not model the RDB serialization of vector sets');
    // DUMP of VADD v VALUES 2 1 2 a by redis-server 8.6.3.
    const payload = Buffer.from('0781bde72da2bb1eb40002020201025001020005016105023f7f0206020102800100000002000220020002813f64f92e400f1bbd000d00fdc406899809a81e', 'hex');
    expect(error(() => s.call('RESTORE', 'x', '0', payload.toString('latin1')))).toMatch(/^ERR (Bad data format|DUMP payload version or checksum are wrong)/);
    expect(s.call('VCARD', 'v')).toBe(1);
    s.close();
  });

  it('VRANDMEMBER: LLONG_MIN (on which Redis asserts) is an empty reply; an unbounded repeat count an error', () => {
    const s = server('8.6');
    s.call('VADD', 'v', 'VALUES', '1', '1', 'a');
    expect(s.call('VRANDMEMBER', 'v', '-9223372036854775808')).toEqual([]);
    expect(error(() => s.call('VRANDMEMBER', 'v', '-100000000'))).toBe('ERR fakeredis replies with at most 16777216 random members');
    s.close();
  });

  it('VRANDMEMBER draws from the seeded generator: distinct members, a run of the list for large counts', () => {
    const s = server('8.6');
    for (let i = 0; i < 20; i++) s.call('VADD', 'v', 'VALUES', '1', String(i + 1), `e${i}`);
    s.seed(7);
    const a = s.call('VRANDMEMBER', 'v', '3') as Bytes[];
    s.seed(7);
    expect(s.call('VRANDMEMBER', 'v', '3')).toEqual(a);
    expect(new Set(a).size).toBe(3);
    // Over a fifth of the set: consecutive nodes of the list (newest first), wrapping.
    const run = (s.call('VRANDMEMBER', 'v', '10') as Bytes[]).map((e) => Number(e.slice(1)));
    for (let i = 1; i < run.length; i++) expect(run[i]).toBe((run[i - 1]! + 19) % 20);
    expect((s.call('VRANDMEMBER', 'v', '-30') as Bytes[]).length).toBe(30);
    s.close();
  });

  it('an upper-case module command keeps its name in errors and INFO commandstats', () => {
    const s = server('8.6');
    expect(error(() => s.call('vcard'))).toBe("ERR wrong number of arguments for 'VCARD' command");
    s.call('vcard', 'x');
    expect((s.call('INFO', 'commandstats') as VerbatimReply).text).toMatch(/cmdstat_VCARD:calls=1,/);
    s.close();
  });
});

describe('FILTER expressions', () => {
  const modern = { nullLiteral: true, stringIn: true };
  const run = (expr: string, json: string) => runFilter(compileFilter(expr, modern), json, modern);

  it('compiles with precedence, right-associative **, and reports where tokenizing failed', () => {
    expect(run('1 + 2 * 3 == 7', '{}')).toBe(true);
    expect(run('2 ** 3 ** 2 == 512', '{}')).toBe(true);
    expect(run('-2 ** 2 == 4', '{}')).toBe(true);
    expect(() => compileFilter('.a == "x', modern)).toThrow(FilterSyntaxError);
    try {
      compileFilter('.a == @', modern);
    } catch (e) {
      expect((e as FilterSyntaxError).position).toBe(6);
    }
  });

  it('reads top-level JSON fields: strings with escapes, numbers, booleans, null, flat arrays; not objects', () => {
    expect(jsonExtractField('{"a": "x\\ny"}', 'a')).toEqual({ kind: 'str', str: 'x\ny' });
    expect(jsonExtractField('{"b": {"a": 1}, "a": 2}', 'a')).toEqual({ kind: 'num', num: 2 });
    expect(jsonExtractField('{"a": [1, "x", true, null]}', 'a')).toEqual({ kind: 'tuple', items: [{ kind: 'num', num: 1 }, { kind: 'str', str: 'x' }, { kind: 'num', num: 1 }, { kind: 'null' }] });
    expect(jsonExtractField('{"a": {"x": 1}}', 'a')).toBeUndefined();
    expect(jsonExtractField('{"a": truex}', 'a')).toBeUndefined();
    expect(jsonExtractField('[1]', 'a')).toBeUndefined();
  });

  it('Redis 8.0 drops `null` when compiling and has no substring `in`', () => {
    const old = { nullLiteral: false, stringIn: false };
    expect(() => compileFilter('.a == null', old)).toThrow(FilterSyntaxError);
    expect(runFilter(compileFilter('"b" in .a', old), '{"a":"abc"}', old)).toBe(false);
    expect(run('"b" in .a', '{"a":"abc"}')).toBe(true);
  });
});

/** x as m * 2^e with an integer m (x a finite float32). */
function parts(x: number): [bigint, number] {
  if (x === 0) return [0n, 0];
  let e = 0;
  while (!Number.isInteger(x * 2 ** -e)) e--;
  return [BigInt(x * 2 ** -e), e];
}

/** a * b + c exactly, rounded once to float32 (ties to even). */
function exactFma(a: number, b: number, c: number): number {
  const [ma, ea] = parts(a);
  const [mb, eb] = parts(b);
  const [mc, ec] = parts(c);
  const e = Math.min(ea + eb, ec);
  const sum = ma * mb * 2n ** BigInt(ea + eb - e) + mc * 2n ** BigInt(ec - e);
  if (sum === 0n) return 0;
  const neg = sum < 0n;
  let m = neg ? -sum : sum;
  let exp = e;
  // Keep 24 significant bits, rounding to nearest even.
  const bits = m.toString(2).length;
  if (bits > 24) {
    const drop = BigInt(bits - 24);
    const rest = m & ((1n << drop) - 1n);
    const half = 1n << (drop - 1n);
    m >>= drop;
    exp += Number(drop);
    if (rest > half || (rest === half && (m & 1n) === 1n)) m += 1n;
  }
  const value = Number(m) * 2 ** exp;
  return neg ? -value : value;
}

describe('float32 arithmetic', () => {
  it('fmaf rounds a * b + c once, as the FMA instruction does', () => {
    let x = 12345;
    const next = (): number => {
      x = (x * 48271) % 2147483647;
      return Math.fround(((x % 20001) - 10000) / 997) * 2 ** ((x % 7) - 3);
    };
    for (let i = 0; i < 5000; i++) {
      const [a, b, c] = [next(), next(), next()];
      expect(fmaf(a, b, c), `${a} * ${b} + ${c}`).toBe(exactFma(a, b, c));
    }
    // Products whose low bits decide a tie of the float rounding.
    const a = Math.fround(1 + 2 ** -23);
    const b = Math.fround(1 - 2 ** -23);
    for (const c of [Math.fround(2 ** -24), -1, Math.fround(-(2 ** -24)), Math.fround(1 + 2 ** -22)]) expect(fmaf(a, b, c)).toBe(exactFma(a, b, c));
  });
});
