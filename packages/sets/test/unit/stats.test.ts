import { FakeServer } from '@fakeredis/core';
import { expect, it } from 'vitest';
import { mixins } from '../conformance/server.js';

// keyspace_hits / keyspace_misses after each command, as redis-server 7.0.15 counted them
// for the same sequence: reads (and the *STORE sources) look keys up for reading; SADD,
// SREM, SMOVE and SPOP look up for writing, which is not counted; SPOP of a whole set
// reads it once more to build its reply.
it('set commands count keyspace hits and misses as Redis does', () => {
  const server = new FakeServer({ mixins });
  const expected: Array<[string[], number, number]> = [
    [['SADD', 's', 'a'], 0, 0], [['SCARD', 's'], 1, 0], [['SCARD', 'x'], 1, 1], [['SMISMEMBER', 'x', 'a'], 1, 2],
    [['SISMEMBER', 's', 'a'], 2, 2], [['SMEMBERS', 's'], 3, 2], [['SINTER', 's', 'x', 's'], 5, 3], [['SUNION', 'x', 's'], 6, 4],
    [['SRANDMEMBER', 's'], 7, 4], [['SSCAN', 's', '0'], 8, 4], [['SMOVE', 's', 'x', 'a'], 8, 4], [['SPOP', 'x'], 8, 4],
    [['SADD', 'y', 'b'], 8, 4], [['SINTERSTORE', 'd', 'y', 'x'], 9, 5], [['SINTERSTORE', 'd', 'y'], 10, 5],
    [['SUNIONSTORE', 'd', 'y', 'x'], 11, 6], [['SDIFFSTORE', 'd', 'y', 'x'], 12, 7], [['SPOP', 'y', '5'], 13, 7],
    [['SINTERCARD', '2', 'y', 'x'], 13, 9],
  ];
  for (const [command, hits, misses] of expected) {
    server.call(...command);
    expect([command.join(' '), server.stats.keyspaceHits, server.stats.keyspaceMisses]).toEqual([command.join(' '), hits, misses]);
  }
});
