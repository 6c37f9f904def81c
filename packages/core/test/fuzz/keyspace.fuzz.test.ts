import { StringCommands } from '@fakeredis/strings';
import { type Arg, type Compare, fuzzCommands } from '@fakeredis/tooling/conformance';
import fc from 'fast-check';
import { coreMixins, FakeServer } from '../../src/index.js';

// Random sequences of generic key commands (strings make the values), real vs fake.
// Absolute expiry times keep replies independent of when each server runs a command.
const key = fc.constantFrom<Arg>('a', 'b', 'c', Buffer.from([0, 0xff]));
const db = fc.constantFrom('0', '1', '2');
const value = fc.constantFrom('1', 'x', '', '12345678901234567890', 'v'.repeat(50));
const seconds = fc.constantFrom('-1', '0', '100', '4102444800', '9223372036854775807', 'abc');
const when = fc.constantFrom('1', '4102444800', '4102444801');
const flag = fc.constantFrom<Arg[]>([], ['NX'], ['XX'], ['GT'], ['LT'], ['NX', 'XX'], ['GT', 'LT'], ['XX', 'GT']);

const command: fc.Arbitrary<Arg[]> = fc.oneof(
  fc.tuple(key, value).map(([k, v]) => ['SET', k, v]),
  fc.tuple(key, value).map(([k, v]) => ['APPEND', k, v]),
  key.map((k) => ['GET', k]),
  fc.array(key, { minLength: 1, maxLength: 3 }).map((ks) => ['DEL', ...ks]),
  fc.array(key, { minLength: 1, maxLength: 3 }).map((ks) => ['UNLINK', ...ks]),
  fc.array(key, { minLength: 1, maxLength: 3 }).map((ks) => ['EXISTS', ...ks]),
  fc.array(key, { minLength: 1, maxLength: 3 }).map((ks) => ['TOUCH', ...ks]),
  key.map((k) => ['TYPE', k]),
  fc.tuple(key, key).map(([a, b]) => ['RENAME', a, b]),
  fc.tuple(key, key).map(([a, b]) => ['RENAMENX', a, b]),
  fc.tuple(key, key, fc.boolean(), fc.option(db)).map(([a, b, replace, d]) => [
    'COPY', a, b, ...(d === null ? [] : ['DB', d]), ...(replace ? ['REPLACE'] : []),
  ]),
  fc.tuple(key, db).map(([k, d]) => ['MOVE', k, d]),
  fc.tuple(fc.constantFrom('EXPIRE', 'PEXPIRE'), key, seconds, flag).map(([c, k, s, f]) => [c, k, s, ...f]),
  fc.tuple(fc.constantFrom('EXPIREAT', 'PEXPIREAT'), key, when, flag).map(([c, k, t, f]) => [c, k, t, ...f]),
  fc.tuple(fc.constantFrom('TTL', 'PTTL', 'EXPIRETIME', 'PEXPIRETIME', 'PERSIST'), key).map(([c, k]) => [c, k]),
  key.map((k) => ['OBJECT', 'ENCODING', k]),
  fc.constant(['KEYS', '*']),
  fc.constant(['DBSIZE']),
  fc.constant(['RANDOMKEY']),
  db.map((d) => ['SELECT', d]),
  fc.tuple(db, db).map(([a, b]) => ['SWAPDB', a, b]),
  fc.constant(['FLUSHDB']),
);

/** Relative TTLs drift by the time between the two servers' runs; RANDOMKEY is random. */
function compareFor(argv: Arg[]): Compare {
  const name = String(argv[0]).toUpperCase();
  if (name === 'KEYS') return 'unordered';
  if (name === 'PTTL' || name === 'RANDOMKEY') return 'shape';
  if (name === 'TTL' || name === 'EXPIRETIME' || name === 'PEXPIRETIME') return 'shape';
  return 'exact';
}

fuzzCommands('keyspace', {
  createServer: (config) => new FakeServer({ mixins: [...coreMixins, StringCommands], config }),
  command,
  compareFor,
  numRuns: 200,
});
