import { tmpdir } from 'node:os';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BooleanReply, coreMixins, FakeServer, type MapReply, SimpleString } from '@fakeredis/core';
import { describe, expect, it } from 'vitest';
import { log, powInt } from '../../src/libm.js';
import { TDigest, TDigestCommands } from '../../src/tdigest/index.js';
import { GlibcRandom, seedTopKRandom, TopKCommands } from '../../src/topk/index.js';

// srand(seed) then five rand(): glibc 2.36's, compiled and run.
const RAND_VECTORS: Array<[number, number[]]> = [
  [0, [1804289383, 846930886, 1681692777, 1714636915, 1957747793]],
  [1, [1804289383, 846930886, 1681692777, 1714636915, 1957747793]],
  [42, [71876166, 708592740, 1483128881, 907283241, 442951012]],
  [4294967295, [254925627, 1205188300, 366127624, 1401405153, 76053476]],
  [2147483653, [902410239, 292943431, 1491539546, 1641990203, 466614789]],
  [123456789, [1965102536, 1639725855, 706684578, 1926601937, 71238646]],
];

describe("glibc's rand() (Top-K's decay draws)", () => {
  it.each(RAND_VECTORS)('srand(%i)', (seed, expected) => {
    const random = new GlibcRandom(seed);
    expect(expected.map(() => random.next())).toEqual(expected);
  });
});

describe("libm: glibc's log and pow where fdlibm's differ", () => {
  it('log of integers, correctly rounded (glibc 2.36 gives these; Math.log is one ulp off)', () => {
    // [x, glibc's log(x)]: Math.log(3) is 1.0986122886681096, Math.log(48) 3.8712010109078907.
    for (const [x, expected] of [[3, 1.0986122886681098], [48, 3.871201010907891], [74, 4.30406509320417], [185, 5.220355825078324], [20000, 9.903487552536127]] as const) {
      expect(log(x)).toBe(expected);
    }
  });

  it('integer powers, correctly rounded (the decay table)', () => {
    expect(powInt(0.9, 0)).toBe(1);
    expect(powInt(0.5, 10)).toBe(0.0009765625);
    expect(powInt(0.925, 108)).toBe(0.00022044849376540932);
    expect(powInt(0.7, 248)).toBe(3.8398470303589205e-39);
  });
});

// deps/t-digest-c of RedisBloom 2.8.20 compiled and run: td_new(c), td_add of 20000 samples
// x -> x*6364136223846793005+1442695040888963407 (mod 2^64), v = (x>>11)/2^53, v*v*1000-100,
// then td_quantile, td_cdf, td_trimmed_mean(0.1, 0.9) and (0, 0.25), printed with %.17g.
const TDIGEST_VECTORS = `
comp 100 merged 55 tc 35
q 0 -99.99999998299154
q 0.001 -99.998769452856621
q 0.01 -99.856968565863127
q 0.10000000000000001 -89.038077260765718
q 0.25 -32.625126459510057
q 0.5 155.37295926963432
q 0.75 465.02439088178761
q 0.90000000000000002 709.95855162595922
q 0.98999999999999999 877.97923289712185
q 0.999 898.2897277562837
q 1 899.95462866789717
c -100 0
c -99.5 0.020006576476039283
c 0 0.30607907366671083
c 1 0.30759931416466324
c 10 0.32128147864623491
c 100 0.43922895952035435
c 250 0.58801985903952203
c 500 0.77280839443946159
c 899.89999999999998 0.99995000000000001
c 900 1
t 206.72904965936922 -77.454482896303659
info merged 55 unmerged 0 mw 20000 tc 36
comp 7 merged 13 tc 520
q 0 -99.99999998299154
q 0.001 -99.259914273109842
q 0.01 -92.845908355062832
q 0.10000000000000001 -46.82438402582472
q 0.25 30.130396695799515
q 0.5 170.94603915342529
q 0.75 459.99637370883124
q 0.90000000000000002 688.50654165396747
q 0.98999999999999999 874.90780136327919
q 0.999 897.77425925207865
q 1 899.95462866789717
c -100 0
c -99.5 0.0006837875279993421
c 0 0.19483451471080745
c 1 0.19666540614732422
c 10 0.21314342907597517
c 100 0.37792365836248448
c 250 0.56837387073791945
c 500 0.7845991869830381
c 899.89999999999998 0.99993274393828213
c 900 1
t 213.79570613309394 -32.889846101875222
info merged 13 unmerged 0 mw 20000 tc 521
comp 500 merged 180 tc 6
q 0 -99.99999998299154
q 0.001 -99.999046575898916
q 0.01 -99.872415542955508
q 0.10000000000000001 -89.764429751993561
q 0.25 -36.297739108501112
q 0.5 152.96121809825021
q 0.75 466.76676622523979
q 0.90000000000000002 713.08557219524187
q 0.98999999999999999 878.36591320615912
q 0.999 898.19457123648021
q 1 899.95462866789717
c -100 0
c -99.5 0.021740517574163159
c 0 0.31296232620854125
c 1 0.31441515143090393
c 10 0.32743756960716874
c 100 0.44183108610637828
c 250 0.58988286278909541
c 500 0.77234885668012498
c 899.89999999999998 0.99995000000000001
c 900 1
t 206.29545546784291 -78.598244511916619
info merged 182 unmerged 0 mw 20000 tc 7
`;

describe('the t-digest against the C library', () => {
  const blocks = TDIGEST_VECTORS.trim().split(/\n(?=comp )/);
  it.each(blocks.map((block) => [Number(/^comp (\S+)/.exec(block)![1]), block] as const))('compression %d', (compression, block) => {
    const td = TDigest.create(compression)!;
    let x = 12345n;
    for (let i = 0; i < 20000; i++) {
      x = BigInt.asUintN(64, x * 6364136223846793005n + 1442695040888963407n);
      const v = Number(x >> 11n) / 9007199254740992;
      expect(td.add(v * v * 1000.0 - 100.0, 1n)).toBe(true);
    }
    const lines = block.split('\n');
    const [, merged, compressions] = /merged (\d+) tc (\d+)/.exec(lines[0]!)!;
    expect([td.mergedNodes, td.totalCompressions]).toEqual([Number(merged), BigInt(compressions!)]);
    for (const line of lines.slice(1)) {
      const [kind, a, b] = line.split(' ');
      if (kind === 'q') expect(td.quantile(Number(a))).toBe(Number(b));
      if (kind === 'c') expect(td.cdf(Number(a))).toBe(Number(b));
      if (kind === 't') expect([td.trimmedMean(0.1, 0.9), td.trimmedMean(0, 0.25)]).toEqual([Number(a), Number(b)]);
      if (kind === 'info') {
        const [, m, u, w, c] = /merged (\d+) unmerged (\d+) mw (\d+) tc (\d+)/.exec(line)!;
        expect([td.mergedNodes, td.unmergedNodes, td.mergedWeight, td.totalCompressions]).toEqual([Number(m), Number(u), BigInt(w!), BigInt(c!)]);
      }
    }
  });
});

describe('TopKCommands and TDigestCommands alone', () => {
  it('each composes with core only, as the one module bf', () => {
    for (const [mixin, create, type] of [[TopKCommands, ['TOPK.RESERVE', 'k', '3'], 'TopK-TYPE'], [TDigestCommands, ['TDIGEST.CREATE', 'k'], 'TDIS-TYPE']] as const) {
      const server = new FakeServer({ mixins: [...coreMixins, mixin] });
      try {
        expect(server.call(...create)).toEqual(new SimpleString('OK'));
        expect(server.call('TYPE', 'k')).toEqual(new SimpleString(type));
        const [module] = server.call('MODULE', 'LIST') as MapReply[];
        expect(module!.entries).toEqual([['name', 'bf'], ['ver', 20820], ['path', ''], ['args', []]]);
      } finally {
        server.close();
      }
    }
  });

  it('both together are still one module', () => {
    const server = new FakeServer({ mixins: [...coreMixins, TopKCommands, TDigestCommands] });
    try {
      expect((server.call('MODULE', 'LIST') as MapReply[]).length).toBe(1);
    } finally {
      server.close();
    }
  });

  it('DEBUG RELOAD keeps both types (TopK-TYPE and TDIS-TYPE through the RDB format)', () => {
    const server = new FakeServer({ mixins: [...coreMixins, TopKCommands, TDigestCommands], config: { 'enable-debug-command': 'yes', dir: mkdtempSync(join(tmpdir(), 'fakeredis-stack-')) } });
    try {
      server.call('TOPK.RESERVE', 't', '2', '50', '3', '0.9');
      server.call('TOPK.INCRBY', 't', 'a', '5', 'b', '3');
      server.call('TDIGEST.CREATE', 'd');
      server.call('TDIGEST.ADD', 'd', '1', '2', '3', '4');
      const before = [server.call('TOPK.LIST', 't', 'WITHCOUNT'), server.call('TDIGEST.QUANTILE', 'd', '0.5')];
      server.call('DEBUG', 'RELOAD');
      expect([server.call('TOPK.LIST', 't', 'WITHCOUNT'), server.call('TDIGEST.QUANTILE', 'd', '0.5')]).toEqual(before);
      expect(server.call('TOPK.QUERY', 't', 'a')).toEqual([new BooleanReply(true)]);
    } finally {
      server.close();
    }
  });

  it('seedTopKRandom makes the decay draws repeat', () => {
    const run = (): unknown[] => {
      const server = new FakeServer({ mixins: [...coreMixins, TopKCommands] });
      try {
        seedTopKRandom(server, 7);
        server.call('TOPK.RESERVE', 't', '2', '1', '1', '0.9');
        const out: unknown[] = [];
        for (let i = 0; i < 50; i++) out.push(server.call('TOPK.INCRBY', 't', `i${i % 5}`, String(i)));
        out.push(server.call('TOPK.LIST', 't', 'WITHCOUNT'));
        return out;
      } finally {
        server.close();
      }
    };
    expect(run()).toEqual(run());
  });
});

describe('module boundaries', () => {
  it('src/topk and src/tdigest import nothing of the other modules (only the murmur2 hashes, libm and the module I/O helpers)', () => {
    for (const dir of ['topk', 'tdigest']) {
      const root = resolve(__dirname, '../../src', dir);
      for (const file of readdirSync(root)) {
        const imports = [...readFileSync(resolve(root, file), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
        for (const path of imports) expect(path.startsWith('./') || ['@fakeredis/core', '../bloom/murmur.js', '../module-io.js', '../libm.js'].includes(path), `${dir}/${file}: ${path}`).toBe(true);
      }
    }
    const libm = [...readFileSync(resolve(__dirname, '../../src/libm.ts'), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(libm).toEqual(['@fakeredis/core']);
  });
});
