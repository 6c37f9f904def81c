import { coreMixins, FakeServer } from '@fakeredis/core';
import { runScenarios } from '@fakeredis/tooling/conformance';
import { referenceBinary } from '@fakeredis/tooling/conformance/reference';
import { describe, it } from 'vitest';
import { TDigestCommands } from '../../src/tdigest/index.js';
import { corrupt, mixins, REDISBLOOM_ENV, runBloomScenarios } from './server.js';

/** `n` samples spread unevenly (a multiplicative walk), with repeats, as decimal strings. */
function samples(n: number, seed = 1, scale = 1000): string[] {
  const out: string[] = [];
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 48271) % 2147483647;
    const v = (x % 100000) / 100000;
    out.push(String(Math.round(v * v * scale * 1000) / 1000));
  }
  return out;
}

const quantiles = ['0', '0.001', '0.01', '0.1', '0.25', '0.5', '0.75', '0.9', '0.99', '0.999', '1'];

/** The digest of the DUMP scenario, and the fake's DUMP of it (the scenario compares DUMP with the module's first). */
const made = [['TDIGEST.CREATE', 't', 'COMPRESSION', '40'], ['TDIGEST.ADD', 't', ...samples(500, 17)]];
const madeDump = (() => {
  const server = new FakeServer({ mixins: [...coreMixins, TDigestCommands] });
  try {
    for (const command of made) server.call(...command);
    const payload = Buffer.from(server.call('DUMP', 't') as string, 'latin1');
    if (payload[38] !== 0x40 || payload[39] !== 250 || payload[41]! >= 64) throw new Error('the corrupted offsets below moved');
    return payload;
  } finally {
    server.close();
  }
})();

runBloomScenarios('tdigest: TDIGEST.*', [
  { name: 'CREATE, ADD, the reads, INFO before and after a merge', steps: [
    ['TDIGEST.CREATE', 't'], ['TDIGEST.INFO', 't'], ['TDIGEST.MIN', 't'], ['TDIGEST.MAX', 't'], ['TDIGEST.QUANTILE', 't', '0.5', '0', '1'], ['TDIGEST.CDF', 't', '1'],
    ['TDIGEST.RANK', 't', '1'], ['TDIGEST.REVRANK', 't', '1'], ['TDIGEST.BYRANK', 't', '0', '1'], ['TDIGEST.BYREVRANK', 't', '0', '1'], ['TDIGEST.TRIMMED_MEAN', 't', '0.1', '0.9'],
    ['TDIGEST.ADD', 't', '5'], ['TDIGEST.INFO', 't'], ['TDIGEST.QUANTILE', 't', '0.5'], ['TDIGEST.CDF', 't', '5', '4', '6'], ['TDIGEST.MIN', 't'], ['TDIGEST.MAX', 't'],
    ['TDIGEST.RANK', 't', '5', '4', '6'], ['TDIGEST.BYRANK', 't', '0', '1', '2'], ['TDIGEST.TRIMMED_MEAN', 't', '0', '1'], ['TDIGEST.INFO', 't'],
    ['TDIGEST.ADD', 't', '1', '2', '3', '4'], ['TDIGEST.INFO', 't'], ['TDIGEST.QUANTILE', 't', ...quantiles], ['TDIGEST.INFO', 't'], ['TDIGEST.CDF', 't', '0', '1', '1.5', '2', '3', '4.5', '5', '6'],
    ['TDIGEST.RANK', 't', '0', '1', '1.5', '2', '3', '4.5', '5', '6'], ['TDIGEST.REVRANK', 't', '0', '1', '1.5', '2', '3', '4.5', '5', '6'],
    ['TDIGEST.BYRANK', 't', '0', '1', '2', '3', '4', '5', '6', '100'], ['TDIGEST.BYREVRANK', 't', '0', '1', '2', '3', '4', '5', '6', '100'],
    ['TDIGEST.TRIMMED_MEAN', 't', '0.1', '0.9'], ['TDIGEST.TRIMMED_MEAN', 't', '0', '0.5'], ['TDIGEST.TRIMMED_MEAN', 't', '0.2', '0.21'], ['TYPE', 't'], ['OBJECT', 'ENCODING', 't'],
    ['MEMORY', 'USAGE', 't'],
  ] },
  { name: '5000 samples at compression 100: merges, quantiles, ranks', steps: [
    ['TDIGEST.CREATE', 't'], ['TDIGEST.ADD', 't', ...samples(2500)], ['TDIGEST.INFO', 't'], ['TDIGEST.ADD', 't', ...samples(2500, 7)], ['TDIGEST.INFO', 't'],
    ['TDIGEST.QUANTILE', 't', ...quantiles], ['TDIGEST.QUANTILE', 't', '0.9', '0.1', '0.5', '0.5', '0.2', '1', '0'], ['TDIGEST.INFO', 't'],
    ['TDIGEST.CDF', 't', '-1', '0', '0.001', '1', '10', '100', '250.5', '500', '999', '1000', '1e9', 'inf', '-inf'], ['TDIGEST.MIN', 't'], ['TDIGEST.MAX', 't'],
    ['TDIGEST.RANK', 't', '-1', '0', '1', '10', '100', '250.5', '500', '999', '1000', '2000'], ['TDIGEST.REVRANK', 't', '-1', '0', '1', '10', '100', '250.5', '500', '999', '1000', '2000'],
    ['TDIGEST.BYRANK', 't', '0', '1', '2', '10', '100', '2500', '4990', '4998', '4999', '5000', '9999'],
    ['TDIGEST.BYREVRANK', 't', '0', '1', '2', '10', '100', '2500', '4990', '4998', '4999', '5000', '9999'],
    ['TDIGEST.TRIMMED_MEAN', 't', '0.1', '0.9'], ['TDIGEST.TRIMMED_MEAN', 't', '0', '1'], ['TDIGEST.TRIMMED_MEAN', 't', '0.25', '0.75'], ['TDIGEST.TRIMMED_MEAN', 't', '0.999', '1'],
    ['MEMORY', 'USAGE', 't'],
  ] },
  { name: 'small and large compressions, equal samples, negative and tiny values', steps: [
    ['TDIGEST.CREATE', 's', 'COMPRESSION', '1'], ['TDIGEST.ADD', 's', ...samples(300, 3)], ['TDIGEST.INFO', 's'], ['TDIGEST.QUANTILE', 's', ...quantiles], ['TDIGEST.INFO', 's'],
    ['TDIGEST.CDF', 's', '0', '100', '500', '900'], ['TDIGEST.CREATE', 'l', 'compression', '1000'], ['TDIGEST.ADD', 'l', ...samples(3000, 5)], ['TDIGEST.QUANTILE', 'l', ...quantiles],
    ['TDIGEST.INFO', 'l'], ['TDIGEST.CREATE', 'eq', 'COMPRESSION', '20'], ['TDIGEST.ADD', 'eq', ...Array.from({ length: 300 }, (_, i) => String(i % 3))], ['TDIGEST.INFO', 'eq'],
    ['TDIGEST.QUANTILE', 'eq', ...quantiles], ['TDIGEST.CDF', 'eq', '0', '1', '2', '0.5'], ['TDIGEST.RANK', 'eq', '0', '1', '2'], ['TDIGEST.REVRANK', 'eq', '0', '1', '2'],
    ['TDIGEST.CREATE', 'neg'], ['TDIGEST.ADD', 'neg', '-1e308', '1e308', '-5.5', '1e-300', '-0', '0', '123456789.123456789', '2.2250738585072014e-308', '0x10'],
    ['TDIGEST.QUANTILE', 'neg', ...quantiles], ['TDIGEST.MIN', 'neg'], ['TDIGEST.MAX', 'neg'], ['TDIGEST.CDF', 'neg', '0', '-0', '1e308', '-1e308', '-5.5'], ['TDIGEST.TRIMMED_MEAN', 'neg', '0', '1'],
    ['TDIGEST.TRIMMED_MEAN', 'neg', '0.2', '0.8'], ['TDIGEST.RANK', 'neg', '0', '1e308'], ['TDIGEST.BYRANK', 'neg', '3', '8'], ['TDIGEST.INFO', 'neg'],
  ] },
  { name: 'MERGE: into a new key, an existing one, OVERRIDE, COMPRESSION, the destination as a source', steps: [
    ['TDIGEST.CREATE', 'a', 'COMPRESSION', '50'], ['TDIGEST.ADD', 'a', ...samples(400, 11)], ['TDIGEST.CREATE', 'b', 'COMPRESSION', '200'], ['TDIGEST.ADD', 'b', ...samples(700, 13, 50)],
    ['TDIGEST.CREATE', 'c'], ['TDIGEST.MERGE', 'm', '2', 'a', 'b'], ['TDIGEST.INFO', 'm'], ['TDIGEST.INFO', 'a'], ['TDIGEST.INFO', 'b'], ['TDIGEST.QUANTILE', 'm', ...quantiles],
    ['TDIGEST.MERGE', 'm', '1', 'a'], ['TDIGEST.INFO', 'm'], ['TDIGEST.QUANTILE', 'm', ...quantiles], ['TDIGEST.MERGE', 'm', '1', 'a', 'OVERRIDE'], ['TDIGEST.INFO', 'm'],
    ['TDIGEST.MERGE', 'm', '2', 'b', 'a', 'COMPRESSION', '30'], ['TDIGEST.INFO', 'm'], ['TDIGEST.QUANTILE', 'm', ...quantiles], ['TDIGEST.MERGE', 'm', '1', 'm'], ['TDIGEST.INFO', 'm'],
    ['TDIGEST.MERGE', 'm', '2', 'm', 'm', 'override', 'compression', '10'], ['TDIGEST.INFO', 'm'], ['TDIGEST.CDF', 'm', '1', '10', '100'], ['TDIGEST.MERGE', 'n', '1', 'c'],
    ['TDIGEST.INFO', 'n'], ['TDIGEST.MERGE', 'n', '3', 'c', 'a', 'c', 'OVERRIDE', 'junk'], ['TDIGEST.INFO', 'n'], ['TDIGEST.MERGE', 'o', '2', 'a', 'b', 'junk', 'COMPRESSION', '77', 'more'],
    ['TDIGEST.INFO', 'o'], ['TDIGEST.MERGE', 'a', '1', 'b'], ['TDIGEST.INFO', 'a'],
  ] },
  { name: 'MERGE errors', steps: [
    ['TDIGEST.CREATE', 'a'], ['TDIGEST.ADD', 'a', '1', '2'], ['SET', 's', 'v'], ['TDIGEST.MERGE', 'm', '1'], ['TDIGEST.MERGE', 'm', 'x', 'a'], ['TDIGEST.MERGE', 'm', '0', 'a'],
    ['TDIGEST.MERGE', 'm', '-1', 'a'], ['TDIGEST.MERGE', 'm', '2', 'a'], ['TDIGEST.MERGE', 'm', '1', 'a', 'junk'], ['TDIGEST.MERGE', 'm', '1', 'a', 'COMPRESSION'],
    ['TDIGEST.MERGE', 'm', '1', 'a', 'COMPRESSION', 'x'], ['TDIGEST.MERGE', 'm', '1', 'a', 'COMPRESSION', '0'], ['TDIGEST.MERGE', 'm', '1', 'a', 'COMPRESSION', '-3'],
    ['TDIGEST.MERGE', 'm', '1', 'missing'], ['TDIGEST.MERGE', 'm', '2', 'a', 's'], ['TDIGEST.MERGE', 's', '1', 'a'], ['TDIGEST.MERGE', 's', 'x', 'a'], ['TDIGEST.MERGE', 'm', '1', 'm'],
    ['TDIGEST.MERGE', 'm', '1', 'a', 'OVERRIDE', 'COMPRESSION'], ['TDIGEST.MERGE', 'm', '1', 'a', 'COMPRESSION', 'OVERRIDE'], ['EXISTS', 'm'],
    ['TDIGEST.MERGE', 'm', '1', 'a', 'COMPRESSION', '384307168202282316'], ['EXISTS', 'm'], ['tdigest.Merge', 'm'],
  ] },
  { name: 'CREATE, ADD and RESET errors', steps: [
    ['TDIGEST.CREATE'], ['TDIGEST.CREATE', 't', 'COMPRESSION'], ['TDIGEST.CREATE', 't', 'COMPRESSION', '1', 'x'], ['TDIGEST.CREATE', 't', 'FOO', '100'],
    ['TDIGEST.CREATE', 't', 'COMPRESSION', 'x'], ['TDIGEST.CREATE', 't', 'COMPRESSION', '0'], ['TDIGEST.CREATE', 't', 'COMPRESSION', '-1'], ['TDIGEST.CREATE', 't', 'COMPRESSION', '1.5'],
    ['TDIGEST.CREATE', 't', '100', 'COMPRESSION'], ['TDIGEST.CREATE', 't', 'compression', 'compression'], ['TDIGEST.CREATE', 't', 'COMPRESSION', '384307168202282316'],
    ['TDIGEST.CREATE', 't', 'COMPRESSION', '9223372036854775807'], ['EXISTS', 't'], ['TDIGEST.CREATE', 't', 'COMPRESSION', '384307168202282315'], ['EXISTS', 't'],
    ['TDIGEST.CREATE', 't'], ['TDIGEST.CREATE', 't', 'COMPRESSION', 'x'], ['SET', 's', 'v'], ['TDIGEST.CREATE', 's'], ['TDIGEST.CREATE', 's', 'COMPRESSION', 'x'],
    ['TDIGEST.ADD', 't'], ['TDIGEST.ADD', 'missing', '1'], ['TDIGEST.ADD', 's', '1'], ['TDIGEST.ADD', 't', 'x'], ['TDIGEST.ADD', 't', 'nan'], ['TDIGEST.ADD', 't', 'inf'],
    ['TDIGEST.ADD', 't', '-inf'], ['TDIGEST.ADD', 't', '1', 'inf', 'x'], ['TDIGEST.ADD', 't', '1', 'x', 'inf'], ['TDIGEST.ADD', 't', '1e400'], ['TDIGEST.ADD', 't', '1e-400'], ['TDIGEST.ADD', 't', ' 1'],
    ['TDIGEST.ADD', 't', ''], ['TDIGEST.INFO', 't'], ['TDIGEST.RESET'], ['TDIGEST.RESET', 't', 'x'], ['TDIGEST.RESET', 'missing'], ['TDIGEST.RESET', 's'],
    ['TDIGEST.ADD', 't', '1', '2', '3'], ['TDIGEST.QUANTILE', 't', '0.5'], ['TDIGEST.RESET', 't'], ['TDIGEST.INFO', 't'], ['TDIGEST.MIN', 't'], ['TDIGEST.QUANTILE', 't', '0.5'],
    ['TDIGEST.ADD', 't', '7'], ['TDIGEST.MIN', 't'], ['TDIGEST.MAX', 't'],
  ] },
  { name: 'errors of the reads', steps: [
    ['TDIGEST.CREATE', 't'], ['TDIGEST.ADD', 't', '1', '2', '3'], ['SET', 's', 'v'], ['TDIGEST.MIN'], ['TDIGEST.MIN', 't', 'x'], ['TDIGEST.MIN', 'missing'], ['TDIGEST.MIN', 's'],
    ['TDIGEST.MAX'], ['TDIGEST.MAX', 't', 'x'], ['TDIGEST.MAX', 'missing'], ['TDIGEST.QUANTILE', 't'], ['TDIGEST.QUANTILE', 'missing', '0.5'], ['TDIGEST.QUANTILE', 's', '0.5'],
    ['TDIGEST.QUANTILE', 't', 'x'], ['TDIGEST.QUANTILE', 't', '1.1'], ['TDIGEST.QUANTILE', 't', '-0.1'], ['TDIGEST.QUANTILE', 't', '0.5', 'x'], ['TDIGEST.QUANTILE', 't', '2', 'x'],
    ['TDIGEST.QUANTILE', 't', 'nan'], ['TDIGEST.QUANTILE', 't', 'inf'], ['TDIGEST.CDF', 't'], ['TDIGEST.CDF', 'missing', '1'], ['TDIGEST.CDF', 't', 'x'], ['TDIGEST.CDF', 't', 'nan'],
    ['TDIGEST.RANK', 't'], ['TDIGEST.RANK', 'missing', '1'], ['TDIGEST.RANK', 's', '1'], ['TDIGEST.RANK', 't', 'x'], ['TDIGEST.RANK', 't', 'nan'], ['TDIGEST.RANK', 't', 'inf', '-inf'],
    ['TDIGEST.REVRANK', 't'], ['TDIGEST.REVRANK', 't', 'x'], ['TDIGEST.BYRANK', 't'], ['TDIGEST.BYRANK', 'missing', '1'], ['TDIGEST.BYRANK', 't', 'x'], ['TDIGEST.BYRANK', 't', '1.5'],
    ['TDIGEST.BYRANK', 't', '-1'], ['TDIGEST.BYRANK', 't', '1', '-1', 'x'], ['TDIGEST.BYREVRANK', 't', '-1'], ['TDIGEST.BYREVRANK', 't'], ['TDIGEST.BYRANK', 't', '9223372036854775807'],
    ['TDIGEST.TRIMMED_MEAN', 't', '0.1'], ['TDIGEST.TRIMMED_MEAN', 't', '0.1', '0.2', '0.3'], ['TDIGEST.TRIMMED_MEAN', 'missing', 'x', 'y'], ['TDIGEST.TRIMMED_MEAN', 's', '0', '1'],
    ['TDIGEST.TRIMMED_MEAN', 't', 'x', '1'], ['TDIGEST.TRIMMED_MEAN', 't', '0', 'x'], ['TDIGEST.TRIMMED_MEAN', 't', 'x', '5'], ['TDIGEST.TRIMMED_MEAN', 't', '-0.1', '1'],
    ['TDIGEST.TRIMMED_MEAN', 't', '0', '1.1'], ['TDIGEST.TRIMMED_MEAN', 't', '0.5', '0.5'], ['TDIGEST.TRIMMED_MEAN', 't', '0.6', '0.5'], ['TDIGEST.TRIMMED_MEAN', 't', 'nan', '1'],
    ['TDIGEST.INFO'], ['TDIGEST.INFO', 't', 'x'], ['TDIGEST.INFO', 'missing'], ['TDIGEST.INFO', 's'], ['tdigest.Quantile', 't'],
  ] },
  { name: 'generic commands on a t-digest', events: true, steps: [
    ['TDIGEST.CREATE', 't'], ['TDIGEST.ADD', 't', '1', '2'], ['RENAME', 't', 't2'], ['TDIGEST.MIN', 't2'], ['COPY', 't2', 't3'], ['EXPIRE', 't2', '100'], ['TTL', 't2'],
    ['TDIGEST.MERGE', 't2', '1', 't2'], ['TTL', 't2'], ['TDIGEST.MERGE', 'n', '1', 't2'], ['TYPE', 't2'], ['SCAN', '0', 'TYPE', 'TDIS-TYPE', 'MATCH', 't*'], ['TDIGEST.RESET', 't2'],
    ['DEL', 't2', 'n'], ['TDIGEST.ADD', 't2', '1'], ['TDIGEST.CREATE', 't2'],
  ] },
  { name: 'new keys and key misses (event classes n and m)', events: 'KEnm', steps: [
    ['TDIGEST.CREATE', 'a'], ['TDIGEST.ADD', 'b', '1'], ['TDIGEST.MIN', 'b'], ['TDIGEST.QUANTILE', 'b', '1'], ['TDIGEST.INFO', 'b'], ['TDIGEST.MERGE', 'c', '1', 'a'],
    ['TDIGEST.MERGE', 'c', '1', 'a'], ['TDIGEST.MERGE', 'd', '1', 'missing'], ['TDIGEST.CREATE', 'a'],
  ] },
  { name: 'a key opened for writing is signalled modified: WATCH', steps: [
    ['TDIGEST.CREATE', 't'], ['WATCH', 't'], ['TDIGEST.MIN', 't'], ['TDIGEST.QUANTILE', 't', '0.5'], ['TDIGEST.INFO', 't'], ['MULTI'], ['PING'], ['EXEC'],
    ['WATCH', 't'], ['TDIGEST.ADD', 't', 'x'], ['MULTI'], ['PING'], ['EXEC'], ['WATCH', 't'], ['TDIGEST.CREATE', 't'], ['MULTI'], ['PING'], ['EXEC'],
    ['WATCH', 't'], ['TDIGEST.MERGE', 'm', '1', 't'], ['MULTI'], ['PING'], ['EXEC'], ['WATCH', 't'], ['TDIGEST.MERGE', 't', 'x', 't'], ['MULTI'], ['PING'], ['EXEC'],
    ['WATCH', 't'], ['TDIGEST.MERGE', 't', '1', 't'], ['MULTI'], ['PING'], ['EXEC'],
  ] },
  { name: 'DUMP bytes (saving merges first) and RESTORE', steps: [
    ...made, ['TDIGEST.INFO', 't'], ['DUMP', 't'], ['TDIGEST.INFO', 't'], ['TDIGEST.CREATE', 'e'], ['DUMP', 'e'], ['TDIGEST.CREATE', 'one'], ['TDIGEST.ADD', 'one', '3.5'],
    ['DUMP', 'one'], ['TDIGEST.INFO', 'one'], ['RESTORE', 'copy', '0', madeDump], ['TDIGEST.INFO', 'copy'], ['TDIGEST.QUANTILE', 'copy', ...quantiles], ['DUMP', 'copy'],
    ['TDIGEST.ADD', 'copy', ...samples(100, 19)], ['TDIGEST.CDF', 'copy', '1', '10', '100', '500'], ['TDIGEST.INFO', 'copy'], ['MEMORY', 'USAGE', 'copy'],
    // Byte 10 is the compression's opcode, 37 cap's, 38-39 cap (250), 41 the merged nodes (under 64), 43 the unmerged nodes, 45 the compressions.
    ['RESTORE', 'bad', '0', corrupt(madeDump, 10, 2)], ['RESTORE', 'bad', '0', corrupt(madeDump, 37, 1)], ['RESTORE', 'bad', '0', corrupt(madeDump, 39, 5)],
    ['RESTORE', 'b2', '0', corrupt(madeDump, 41, 0)], ['TDIGEST.INFO', 'b2'], ['TDIGEST.QUANTILE', 'b2', '0.5'], ['RESTORE', 'b3', '0', corrupt(madeDump, 43, 2)],
    ['TDIGEST.INFO', 'b3'], ['TDIGEST.QUANTILE', 'b3', '0', '0.5', '1'], ['TDIGEST.INFO', 'b3'], ['RESTORE', 'b4', '0', corrupt(madeDump, 45, 7)], ['TDIGEST.INFO', 'b4'],
    ['EXISTS', 'bad'],
  ] },
  { name: 'inside MULTI', steps: [
    ['MULTI'], ['TDIGEST.CREATE', 't'], ['TDIGEST.ADD', 't', '1', '2', '3'], ['TDIGEST.QUANTILE', 't', '0.5'], ['TDIGEST.ADD', 't', 'x'], ['TDIGEST.INFO', 't'], ['EXEC'],
  ] },
]);

/**
 * Huge compressions: the module reserves 6 * compression + 10 nodes at once (and keeps the
 * count in an int, negative past 2^31). Whether calloc gives that much address space is the
 * allocator's and the host's call: Debian's redis-server 7.0.15 (libjemalloc) gives it up
 * to compression 1e11 here, a Redis 7.4.1 built with its bundled jemalloc refuses 1e9. The
 * fake follows the first, so this runs against 7.0.15 only.
 */
const bloom = referenceBinary(REDISBLOOM_ENV);
if (bloom === undefined) {
  describe.skip(`tdigest: huge compressions (needs ${REDISBLOOM_ENV})`, () => {
    it('skipped', () => {});
  });
} else {
  runScenarios('tdigest: huge compressions (RedisBloom on 7.0.15)', {
    createServer: (config) => new FakeServer({ mixins, config }),
    realServerArgs: ['--loadmodule', bloom],
  }, [
    { name: 'compressions past what the nodes fit in an int', steps: [
      ['TDIGEST.CREATE', 'big', 'COMPRESSION', '1000000000'], ['TDIGEST.INFO', 'big'], ['TDIGEST.ADD', 'big', '1', '2', '3'], ['TDIGEST.INFO', 'big'], ['TDIGEST.QUANTILE', 'big', '0.5'],
      ['TDIGEST.CREATE', 'neg', 'COMPRESSION', '10000000000'], ['TDIGEST.INFO', 'neg'], ['TDIGEST.ADD', 'neg', '1'], ['TDIGEST.INFO', 'neg'], ['TDIGEST.QUANTILE', 'neg', '0.5'],
      ['MEMORY', 'USAGE', 'neg'], ['TDIGEST.CREATE', 'huge', 'COMPRESSION', '100000000000'], ['TDIGEST.INFO', 'huge'], ['TDIGEST.CREATE', 'no', 'COMPRESSION', '1000000000000'],
      ['TDIGEST.MERGE', 'no', '1', 'neg', 'COMPRESSION', '1000000000000'], ['EXISTS', 'no'],
    ] },
  ]);
}
