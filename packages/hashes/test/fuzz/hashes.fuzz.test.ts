import { type Arg, type Compare, fuzzCommands } from '@fakeredis/tooling/conformance';
import fc from 'fast-check';
import { options } from '../conformance/server.js';

// Random sequences of hash commands (plus a few generic ones), real vs fake. Small
// alphabets make commands collide; a field or value past hash-max-listpack-value (64)
// turns a hash into a hash table. (CONFIG SET is left out: the harness does not reset
// the real server's configuration between runs.)
const key = fc.constantFrom<Arg>('h', 'g', 's');
const field = fc.constantFrom<Arg>('a', 'b', 'c', '', Buffer.from([0, 0xff]), 'L'.repeat(65));
const value = fc.constantFrom('1', '-1', 'x', '1.5', '9223372036854775807', '', 'inf', '1e3', '007', 'v'.repeat(70));
const int = fc.constantFrom('1', '-3', '0', '9223372036854775807', 'x', '2.5');
const float = fc.constantFrom('1', '-0.5', '1e3', '0x1p-2', 'inf', 'x', '3.0e-5');
const fields = fc.array(field, { minLength: 1, maxLength: 4 });
const pairs = fc.array(fc.tuple(field, value), { minLength: 1, maxLength: 3 }).map((ps) => ps.flat());

const command: fc.Arbitrary<Arg[]> = fc.oneof(
  fc.tuple(key, pairs).map(([k, p]) => ['HSET', k, ...p]),
  fc.tuple(key, pairs).map(([k, p]) => ['HMSET', k, ...p]),
  fc.tuple(key, field, value).map(([k, f, v]) => ['HSETNX', k, f, v]),
  fc.tuple(key, field).map(([k, f]) => ['HGET', k, f]),
  fc.tuple(key, fields).map(([k, fs]) => ['HMGET', k, ...fs]),
  fc.tuple(key, fields).map(([k, fs]) => ['HDEL', k, ...fs]),
  fc.tuple(key, field).map(([k, f]) => ['HEXISTS', k, f]),
  fc.tuple(key, field).map(([k, f]) => ['HSTRLEN', k, f]),
  key.map((k) => ['HLEN', k]),
  fc.tuple(key, field, int).map(([k, f, n]) => ['HINCRBY', k, f, n]),
  fc.tuple(key, field, float).map(([k, f, n]) => ['HINCRBYFLOAT', k, f, n]),
  key.map((k) => ['HGETALL', k]),
  key.map((k) => ['HKEYS', k]),
  key.map((k) => ['HVALS', k]),
  fc.tuple(key, fc.constantFrom('a', 'b', 'zz')).map(([k, m]) => ['HSCAN', k, '0', 'MATCH', m]),
  fc.tuple(key, fc.constantFrom('-3', '0', '1', '2', '10'), fc.boolean()).map(([k, n, w]) => ['HRANDFIELD', k, n, ...(w ? ['WITHVALUES'] : [])]),
  fc.tuple(key, value).map(([k, v]) => ['SET', k, v]),
  key.map((k) => ['DEL', k]),
  key.map((k) => ['TYPE', k]),
  key.map((k) => ['OBJECT', 'ENCODING', k]),
  fc.tuple(key, key).map(([a, b]) => ['RENAME', a, b]),
  fc.tuple(key, key).map(([a, b]) => ['COPY', a, b, 'REPLACE']),
);

/** Hash tables have no defined order; random picks are compared by shape. */
function compareFor(argv: Arg[]): Compare {
  const name = String(argv[0]).toUpperCase();
  if (name === 'HGETALL' || name === 'HKEYS' || name === 'HVALS') return 'unordered';
  if (name === 'HRANDFIELD') return 'shape';
  return 'exact';
}

fuzzCommands('hashes', {
  createServer: options.createServer,
  command,
  compareFor,
  numRuns: 150,
});
