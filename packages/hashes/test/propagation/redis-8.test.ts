import { FakeServer, serverProfile } from '@fakeredis/core';
import { describePropagationCases, type PropagationCase } from '@fakeredis/tooling/conformance';
import { referenceBinary, referenceEnv } from '@fakeredis/tooling/conformance/reference';
import { mixins } from '../conformance/server.js';

// What the field-expiration commands (7.4) and HGETDEL, HGETEX, HSETEX (8.0) propagate,
// compared with the AOF of redis-server 7.4.1, 8.0.6 and 8.6.3 (FAKEREDIS_REDIS_7_4,
// FAKEREDIS_REDIS_8_0, FAKEREDIS_REDIS_8_6; each skipped without its variable).
const cases: PropagationCase[] = [
  {
    name: 'HGETDEL as HDEL of the fields asked; nothing when none was deleted',
    steps: [['HSET', 'h', 'a', '1', 'b', '2', 'c', '3'], ['HGETDEL', 'h', 'FIELDS', '2', 'a', 'zz'], ['HGETDEL', 'h', 'FIELDS', '1', 'zz'], ['HGETDEL', 'nokey', 'FIELDS', '1', 'a'], ['HGETDEL', 'h', 'FIELDS', '2', 'b', 'c']],
  },
  {
    name: 'HGETEX as HPEXPIREAT with the absolute time, PERSIST as HPERSIST; no option nothing',
    steps: [
      ['HSET', 'h', 'a', '1', 'b', '2', 'c', '3'], ['HGETEX', 'h', 'FIELDS', '1', 'a'], ['HGETEX', 'h', 'EX', '100', 'FIELDS', '2', 'a', 'zz'],
      ['HGETEX', 'h', 'PX', '200000', 'FIELDS', '2', 'a', 'b'], ['HGETEX', 'h', 'EXAT', '4000000000', 'FIELDS', '1', 'c'], ['HGETEX', 'h', 'PXAT', '4000000000000', 'FIELDS', '1', 'c'],
      ['HGETEX', 'h', 'PERSIST', 'FIELDS', '3', 'a', 'zz', 'c'], ['HGETEX', 'h', 'PERSIST', 'FIELDS', '1', 'c'], ['HGETEX', 'h', 'EX', '10', 'FIELDS', '1', 'zz'],
    ],
  },
  {
    name: 'HGETEX with a time in the past as HDEL per field',
    steps: [['HSET', 'h', 'a', '1', 'b', '2', 'c', '3'], ['HGETEX', 'h', 'EX', '0', 'FIELDS', '2', 'a', 'zz'], ['HGETEX', 'h', 'PXAT', '1', 'FIELDS', '2', 'b', 'c']],
  },
  {
    name: 'HSETEX with KEEPTTL or a relative time as PXAT; FNX / FXX refused nothing',
    steps: [
      ['HSETEX', 'h', 'FIELDS', '2', 'a', '1', 'b', '2'], ['HSETEX', 'h', 'EX', '100', 'FIELDS', '1', 'a', '1'], ['HSETEX', 'h', 'PX', '100000', 'FNX', 'FIELDS', '1', 'c', '3'],
      ['HSETEX', 'h', 'FXX', 'KEEPTTL', 'FIELDS', '1', 'a', '9'], ['HSETEX', 'h', 'EXAT', '4000000000', 'FIELDS', '1', 'a', '1'], ['HSETEX', 'h', 'FNX', 'FIELDS', '1', 'a', '1'],
      ['HSETEX', 'h', 'EX', '0', 'FIELDS', '1', 'a', '1'], ['HSETEX', 'n', 'PXAT', '1', 'FIELDS', '1', 'a', '1'],
    ],
  },
  {
    name: 'lazily expired fields met as HDEL, wrapped with the command',
    steps: [
      ['DEBUG', 'SET-ACTIVE-EXPIRE', '0'],
      ['HSET', 'h', 'a', '1', 'b', '2', 'c', '3', 'd', '4'], ['HPEXPIRE', 'h', '5', 'FIELDS', '3', 'a', 'b', 'c'], { sleep: 20 },
      ['HGETDEL', 'h', 'FIELDS', '2', 'a', 'd'], ['HGETEX', 'h', 'EX', '100', 'FIELDS', '1', 'b'], ['HSETEX', 'h', 'FXX', 'FIELDS', '1', 'c', '9'],
      ['DEBUG', 'SET-ACTIVE-EXPIRE', '1'],
    ],
  },
  {
    name: 'HINCRBYFLOAT as HSETEX KEEPTTL with the result; HGET meeting a due field as HDEL',
    steps: [
      ['HINCRBYFLOAT', 'h', 'a', '1.5'], ['HSET', 'h', 'b', '1'], ['DEBUG', 'SET-ACTIVE-EXPIRE', '0'], ['HPEXPIRE', 'h', '5', 'FIELDS', '1', 'b'], { sleep: 20 },
      ['HGET', 'h', 'b'], ['DEBUG', 'SET-ACTIVE-EXPIRE', '1'],
    ],
  },
  {
    name: '8.6: options after the FIELDS block, numfields rewritten as a number',
    steps: [['HSET', 'h', 'a', '1', 'b', '2'], ['HEXPIRE', 'h', '100', 'FIELDS', '3', 'a', 'zz', 'b', 'GT'], ['HEXPIRE', 'h', '100', 'FIELDS', '03', 'a', 'zz', 'b', 'LT'], ['HGETEX', 'h', 'FIELDS', '01', 'a', 'EX', '100'], ['HSETEX', 'h', 'FIELDS', '1', 'a', '2', 'EX', '100', 'FXX']],
  },
];

/** Field expiration of 7.4, also run against FAKEREDIS_REDIS_7_4. */
const cases74: PropagationCase[] = [
  {
    // Each expired field is its own HDEL, in TTL order, outside any MULTI; the hash it empties gets no DEL.
    name: 'actively expired fields as one HDEL each, listpack and hashtable; no DEL for the emptied hash',
    steps: [
      ['HSET', 'h', 'a', '1', 'b', '2', 'c', '3'], ['HPEXPIRE', 'h', '60', 'FIELDS', '1', 'a'], ['HPEXPIRE', 'h', '5', 'FIELDS', '1', 'b'], { sleep: 800 },
      ['HSET', 'gone', 'x', '1', 'y', '2'], ['HPEXPIRE', 'gone', '5', 'FIELDS', '2', 'x', 'y'], { sleep: 800 },
      ['CONFIG', 'SET', 'hash-max-listpack-entries', '1'], ['HSET', 'ht', 'p', '1', 'q', '2', 'r', '3'], ['HPEXPIRE', 'ht', '60', 'FIELDS', '1', 'q'], ['HPEXPIRE', 'ht', '5', 'FIELDS', '1', 'r'],
      { sleep: 800 }, ['CONFIG', 'SET', 'hash-max-listpack-entries', '128'],
    ],
  },
  {
    name: 'HRANDFIELD meeting due fields: HDEL each (wrapped together), the read not propagated',
    steps: [
      ['DEBUG', 'SET-ACTIVE-EXPIRE', '0'], ['HSET', 'h', 'a', '1', 'b', '2', 'c', '3'], ['HPEXPIRE', 'h', '5', 'FIELDS', '2', 'a', 'b'], { sleep: 20 },
      ['HRANDFIELD', 'h'], ['DEBUG', 'SET-ACTIVE-EXPIRE', '1'],
    ],
  },
  {
    name: 'HEXPIRE family as HPEXPIREAT with the fields set only; a past time as HDEL per field',
    steps: [
      ['HSET', 'h', 'a', '1', 'b', '2', 'c', '3'], ['HEXPIRE', 'h', '100', 'FIELDS', '2', 'a', 'zz'], ['HPEXPIRE', 'h', '200000', 'NX', 'FIELDS', '3', 'a', 'b', 'c'],
      ['HEXPIREAT', 'h', '4000000000', 'FIELDS', '1', 'a'], ['HPEXPIREAT', 'h', '04000000000000', 'GT', 'FIELDS', '02', 'a', 'b'], ['HEXPIRE', 'h', '10', 'FIELDS', '1', 'zz'],
      ['HEXPIRE', 'h', '0', 'FIELDS', '2', 'a', 'zz'], ['HPEXPIREAT', 'h', '1', 'FIELDS', '2', 'b', 'c'],
    ],
  },
  {
    name: 'HGET, HMGET, HEXISTS, HSTRLEN meeting due fields: HDEL each, the read not propagated',
    steps: [
      ['DEBUG', 'SET-ACTIVE-EXPIRE', '0'], ['HSET', 'h', 'a', '1', 'b', '2', 'c', '3', 'd', '4', 'e', '5'], ['HPEXPIRE', 'h', '5', 'FIELDS', '4', 'a', 'b', 'c', 'd'], { sleep: 20 },
      ['HGET', 'h', 'a'], ['HMGET', 'h', 'b', 'e'], ['HEXISTS', 'h', 'c'], ['HSTRLEN', 'h', 'd'], ['DEBUG', 'SET-ACTIVE-EXPIRE', '1'],
    ],
  },
];

for (const version of ['7.4', '8.0', '8.6']) {
  const binary = referenceBinary(referenceEnv('redis', version));
  describePropagationCases(
    `hashes propagation vs redis ${version} AOF`,
    version === '7.4' ? cases74 : [...cases74, ...cases],
    () => new FakeServer({ profile: serverProfile('redis', version), mixins, config: { 'enable-debug-command': 'yes' } }),
    { realArgs: ['--enable-debug-command', 'yes'], binary, skip: binary === undefined },
  );
}
