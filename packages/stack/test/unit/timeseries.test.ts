import { tmpdir } from 'node:os';
import { addPropagationListener, coreMixins, type ErrorReply, FakeServer, type MapReply, SetReply, SimpleString } from '@fakeredis/core';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CompressedChunk, UncompressedChunk } from '../../src/timeseries/chunk.js';
import { formatValue, parseValue } from '../../src/timeseries/format.js';
import { TimeSeriesCommands } from '../../src/timeseries/index.js';
import { gorillaBits } from '../../src/timeseries/rdb.js';

describe('value texts', () => {
  it('formats as dragonbox does (vectors from redistimeseries.so 1.12.14 TS.RANGE in RESP2)', () => {
    const vectors: Array<[number, string]> = [
      [1e20, '1E20'], [0.1, '1E-1'], [1e-7, '1E-7'], [123456789012345678, '1.2345678901234568E17'], [100, '100'], [-0, '-0'],
      [1e15, '1000000000000000'], [1e16, '1E16'], [1e17, '1E17'], [123.456, '123.456'], [1e21, '1E21'], [-1.5e-300, '-1.5E-300'],
      [5e-324, '5E-324'], [1.7976931348623157e308, '1.7976931348623157E308'], [0.000123, '1.23E-4'], [12345678901234567890, '1.2345678901234567E19'],
      [2.2250738585072011e-308, '2.225073858507201E-308'], [1.5, '1.5'], [NaN, 'NaN'],
    ];
    for (const [value, text] of vectors) expect(formatValue(value)).toBe(text);
  });

  it('parses a value as fast_double_parser does: a number at the start, the rest ignored', () => {
    expect(parseValue('1.5abc')).toBe(1.5);
    expect(parseValue('1e5x')).toBe(100000);
    expect(parseValue('0x10')).toBe(0);
    expect(parseValue('1e-400')).toBe(0);
    for (const bad of ['+1', '.5', '5.', '-.5', ' 1', '1e', '1e+', '00012', '1e400', '', 'abc', 'nan', 'inf']) expect(parseValue(bad)).toBeUndefined();
  });
});

describe('chunks', () => {
  it('an uncompressed chunk holds size/16 samples', () => {
    const chunk = new UncompressedChunk(48);
    expect([1, 2, 3, 4].map((t) => chunk.add(t, t))).toEqual([true, true, true, false]);
  });

  it('a compressed chunk ends where its Gorilla bits do (1.12.14: 29 samples a second apart in 48 bytes)', () => {
    const chunk = new CompressedChunk(48);
    let n = 0;
    while (chunk.add(1000 * (n + 1), 7 * (n + 1))) n++;
    expect(n).toBe(29);
    const bits = gorillaBits(chunk);
    expect(bits.length).toBe(48);
    // Every bit past the chunk's index is zero, as zero_bits leaves them.
    for (let i = chunk.idx; i < 48 * 8; i++) expect((bits[i >> 3]! >> (i & 7)) & 1).toBe(0);
  });
});

describe('TimeSeriesCommands', () => {
  it('composes alone: MODULE LIST shows the module, TYPE the module type', () => {
    const server = new FakeServer({ mixins: [...coreMixins, TimeSeriesCommands] });
    try {
      expect(server.call('TS.ADD', 'k', '1', '2')).toBe(1);
      expect(server.call('TYPE', 'k')).toEqual(new SimpleString('TSDB-TYPE'));
      const [module] = server.call('MODULE', 'LIST') as MapReply[];
      expect(module!.entries).toEqual([['name', 'timeseries'], ['ver', 11214], ['path', ''], ['args', []]]);
    } finally {
      server.close();
    }
  });

  it('DEBUG RELOAD keeps series, chunks, labels and compaction rules', () => {
    const server = new FakeServer({ mixins: [...coreMixins, TimeSeriesCommands], config: { 'enable-debug-command': 'yes', dir: mkdtempSync(join(tmpdir(), 'fakeredis-stack-')) } });
    try {
      server.call('TS.CREATE', 'src', 'CHUNK_SIZE', '64', 'LABELS', 'a', 'b');
      server.call('TS.CREATE', 'dst');
      server.call('TS.CREATERULE', 'src', 'dst', 'AGGREGATION', 'twa', '10');
      for (let i = 0; i < 100; i++) server.call('TS.ADD', 'src', String(i * 3), String(Math.cos(i)));
      const state = (): string => JSON.stringify([server.call('TS.INFO', 'src', 'DEBUG'), server.call('TS.RANGE', 'src', '-', '+'), server.call('TS.GET', 'dst', 'LATEST')]);
      const memory = (): number => (server.call('TS.INFO', 'src') as MapReply).entries[1]![1] as number;
      const before = state();
      const used = memory();
      expect(server.call('DEBUG', 'RELOAD')).toEqual(new SimpleString('OK'));
      // Labels load as raw strings (RedisModule_LoadString): "a" and "b" take 24 bytes each, not 32, as with the module.
      expect(memory()).toBe(used - 16);
      expect(state().replace(/"memoryUsage"\},\d+/, '')).toBe(before.replace(/"memoryUsage"\},\d+/, ''));
      expect(server.call('TS.QUERYINDEX', 'a=b')).toEqual(new SetReply(['src']));
    } finally {
      server.close();
    }
  });

  it('TS.MADD reads the clock once for its `*` timestamps', () => {
    const server = new FakeServer({ mixins: [...coreMixins, TimeSeriesCommands] });
    try {
      server.call('TS.CREATE', 'a');
      server.call('TS.CREATE', 'b');
      const [ta, tb] = server.call('TS.MADD', 'a', '*', '1', 'b', '*', '2') as number[];
      expect(ta).toBe(tb);
      expect(Math.abs(ta! - Date.now())).toBeLessThan(60_000);
    } finally {
      server.close();
    }
  });

  it('TS.INCRBY with TIMESTAMP as its last argument answers "invalid timestamp" (the module reads past its arguments and ends redis-server)', () => {
    const server = new FakeServer({ mixins: [...coreMixins, TimeSeriesCommands] });
    try {
      expect((server.call('TS.INCRBY', 'k', '1', 'TIMESTAMP') as ErrorReply).message).toBe('ERR TSDB: invalid timestamp');
      expect(server.call('PING')).toEqual(new SimpleString('PONG'));
    } finally {
      server.close();
    }
  });

  it('TS.ADD and TS.MADD replicate the timestamp `*` stood for', () => {
    const server = new FakeServer({ mixins: [...coreMixins, TimeSeriesCommands] });
    try {
      const fed: string[][] = [];
      addPropagationListener(server, (_db, argv) => fed.push(argv.map(String)));
      const ts = server.call('TS.ADD', 'k', '*', '1') as number;
      server.call('TS.CREATE', 'k2');
      const [ts2] = server.call('TS.MADD', 'k2', '*', '2') as number[];
      expect(fed.filter((argv) => argv[0] !== 'SELECT')).toEqual([['TS.ADD', 'k', String(ts), '1'], ['TS.CREATE', 'k2'], ['TS.MADD', 'k2', String(ts2), '2']]);
    } finally {
      server.close();
    }
  });

  it('src/timeseries imports nothing of the other modules (core and the module I/O helpers only)', () => {
    const root = resolve(__dirname, '../../src/timeseries');
    for (const file of readdirSync(root)) {
      const imports = [...readFileSync(resolve(root, file), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
      for (const path of imports) expect(path.startsWith('./') || ['@fakeredis/core', '../module-io.js'].includes(path), `${file}: ${path}`).toBe(true);
    }
  });

  it('EMPTY that would fill more than 2^25 buckets is refused (redis-server with the module aborts on its realloc)', () => {
    const server = new FakeServer({ mixins: [...coreMixins, TimeSeriesCommands] });
    try {
      server.call('TS.ADD', 'k', '0', '1');
      server.call('TS.ADD', 'k', '4611686018427387904', '2');
      expect((server.call('TS.RANGE', 'k', '-', '+', 'AGGREGATION', 'sum', '1', 'EMPTY', 'COUNT', '3') as ErrorReply).message).toMatch(/EMPTY would fill more than 2\^25 buckets/);
      expect(server.call('TS.RANGE', 'k', '-', '+', 'AGGREGATION', 'sum', '4611686018427387904', 'EMPTY')).toHaveLength(2);
    } finally {
      server.close();
    }
  });

  it('without the mixin TS.* are unknown commands', () => {
    const server = new FakeServer({ mixins: [...coreMixins] });
    try {
      expect((server.call('TS.ADD', 'k', '1', '1') as ErrorReply).message).toMatch(/^ERR unknown command 'TS.ADD'/);
    } finally {
      server.close();
    }
  });

  it('no argument list makes a TS command fail inside the fake (random words of its grammar)', () => {
    const server = new FakeServer({ mixins: [...coreMixins, TimeSeriesCommands], config: { 'enable-debug-command': 'yes', dir: mkdtempSync(join(tmpdir(), 'fakeredis-stack-')) } });
    try {
      const words = ['a', 'b', '-', '+', '*', '0', '1', '5', '-1', '10', '1e3', 'x', '', '\0', 'LABELS', 'RETENTION', 'CHUNK_SIZE', 'ENCODING', 'COMPRESSED',
        'UNCOMPRESSED', 'DUPLICATE_POLICY', 'ON_DUPLICATE', 'sum', 'IGNORE', 'AGGREGATION', 'avg', 'twa', 'count', 'ALIGN', 'start', 'end', 'EMPTY',
        'BUCKETTIMESTAMP', 'mid', 'COUNT', 'FILTER', 'a=b', 'a!=', 'a=(b,c)', 'a!=(b)', '=', '!=', '=(', '()', 'FILTER_BY_TS', 'FILTER_BY_VALUE', 'LATEST',
        'WITHLABELS', 'SELECTED_LABELS', 'GROUPBY', 'REDUCE', 'max', 'TIMESTAMP', 'DEBUG', '9223372036854775807', '18446744073709551615'];
      const commands = ['TS.CREATE', 'TS.ALTER', 'TS.ADD', 'TS.MADD', 'TS.INCRBY', 'TS.DECRBY', 'TS.DEL', 'TS.GET', 'TS.MGET', 'TS.RANGE', 'TS.REVRANGE',
        'TS.MRANGE', 'TS.MREVRANGE', 'TS.CREATERULE', 'TS.DELETERULE', 'TS.QUERYINDEX', 'TS.INFO', 'DUMP', 'DEBUG'];
      fc.assert(fc.property(fc.constantFrom(...commands), fc.array(fc.constantFrom(...words), { maxLength: 12 }), (command, args) => {
        const reply = server.call(command, ...args) as { message?: string };
        expect(reply?.message ?? '').not.toMatch(/internal error/);
      }), { numRuns: 3000, seed: 19 });
    } finally {
      server.close();
    }
  });
});
