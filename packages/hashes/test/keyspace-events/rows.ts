import { ev, type EventRow, type EventTableSection } from '@fakeredis/tooling/conformance';

/** Hash commands of Redis 7.0 (t_hash.c): @fakeredis/hashes. */
const hashRows: EventRow[] = [
  { command: 'HSET', condition: 'missing key', steps: [['HSET', 'h', 'f', 'v', 'g', 'w']], events: [ev('n', 'new', 'h'), ev('h', 'hset', 'h')] },
  { command: 'HSET', condition: 'existing key, even when nothing changes', setup: [['HSET', 'h', 'f', 'v']], steps: [['HSET', 'h', 'f', 'v'], ['HSET', 'h', 'g', 'w']], events: [ev('h', 'hset', 'h'), ev('h', 'hset', 'h')] },
  { command: 'HMSET', condition: 'notifies hset', steps: [['HMSET', 'h', 'f', 'v']], events: [ev('n', 'new', 'h'), ev('h', 'hset', 'h')] },
  { command: 'HSET', condition: 'wrong type (error)', setup: [['SET', 'k', 'v']], steps: [['HSET', 'k', 'f', 'v']], events: [] },
  { command: 'HSETNX', condition: 'new field, missing key', steps: [['HSETNX', 'h', 'f', 'v']], events: [ev('n', 'new', 'h'), ev('h', 'hset', 'h')] },
  { command: 'HSETNX', condition: 'existing field', setup: [['HSET', 'h', 'f', 'v']], steps: [['HSETNX', 'h', 'f', 'w']], events: [] },
  { command: 'HDEL', condition: 'some fields removed', setup: [['HSET', 'h', 'f', 'v', 'g', 'w']], steps: [['HDEL', 'h', 'f', 'x']], events: [ev('h', 'hdel', 'h')] },
  { command: 'HDEL', condition: 'last field removed: hdel then del', setup: [['HSET', 'h', 'f', 'v']], steps: [['HDEL', 'h', 'f', 'x']], events: [ev('h', 'hdel', 'h'), ev('g', 'del', 'h')] },
  { command: 'HDEL', condition: 'nothing removed, or missing key', setup: [['HSET', 'h', 'f', 'v']], steps: [['HDEL', 'h', 'x'], ['HDEL', 'm', 'f']], events: [] },
  { command: 'HINCRBY', condition: 'missing key, then existing', steps: [['HINCRBY', 'h', 'f', '2'], ['HINCRBY', 'h', 'f', '0']], events: [ev('n', 'new', 'h'), ev('h', 'hincrby', 'h'), ev('h', 'hincrby', 'h')] },
  { command: 'HINCRBY', condition: 'not an integer or overflow (error)', setup: [['HSET', 'h', 'f', 'x', 'm', '9223372036854775807']], steps: [['HINCRBY', 'h', 'f', '1'], ['HINCRBY', 'h', 'm', '1']], events: [] },
  { command: 'HINCRBY', condition: 'missing key, bad increment (error, no key created)', steps: [['HINCRBY', 'h', 'f', 'x']], events: [] },
  { command: 'HINCRBYFLOAT', condition: 'missing key, then existing', steps: [['HINCRBYFLOAT', 'h', 'f', '1.5'], ['HINCRBYFLOAT', 'h', 'f', '1']], events: [ev('n', 'new', 'h'), ev('h', 'hincrbyfloat', 'h'), ev('h', 'hincrbyfloat', 'h')] },
  { command: 'HINCRBYFLOAT', condition: 'not a number, or an infinite result (error)', setup: [['HSET', 'h', 'f', 'x', 'g', '1']], steps: [['HINCRBYFLOAT', 'h', 'f', '1'], ['HINCRBYFLOAT', 'h', 'g', 'inf'], ['HINCRBYFLOAT', 'n', 'f', 'x']], events: [] },
  { command: 'HDEL', condition: 'wrong type (error)', setup: [['SET', 'k', 'v']], steps: [['HDEL', 'k', 'f'], ['HINCRBY', 'k', 'f', '1'], ['HSETNX', 'k', 'f', 'v']], events: [] },
  { command: 'HGET, HMGET, HGETALL, HKEYS, HVALS, HLEN, HEXISTS, HSTRLEN, HRANDFIELD, HSCAN', condition: 'reads: no events', setup: [['HSET', 'h', 'f', 'v']], steps: [['HGET', 'h', 'f'], ['HMGET', 'h', 'f', 'x'], ['HGETALL', 'h'], ['HKEYS', 'h'], ['HVALS', 'h'], ['HLEN', 'h'], ['HEXISTS', 'h', 'f'], ['HSTRLEN', 'h', 'f'], ['HRANDFIELD', 'h'], ['HSCAN', 'h', '0']], events: [] },
];

/** A hash whose field `f` is due (active expiry off, so only lazy expiry sees it); `g` stays. */
const dueField = (keepOther: boolean) => [
  ['DEBUG', 'SET-ACTIVE-EXPIRE', '0'],
  ['HSET', 'h', 'f', 'v', ...(keepOther ? ['g', 'w'] : [])],
  ['HPEXPIRE', 'h', '1', 'FIELDS', '1', 'f'],
  { sleep: 10 },
];

/**
 * Hash field expiration (Redis 7.4) and HGETDEL / HGETEX / HSETEX (8.0), from t_hash.c:
 * checked on the fake only (the reference redis-server is 7.0).
 */
const hashFieldExpiryRows: EventRow[] = [
  { command: 'HEXPIRE', since: '7.4.0', condition: 'TTL set on some fields', setup: [['HSET', 'h', 'f', 'v', 'g', 'w']], steps: [['HEXPIRE', 'h', '100', 'FIELDS', '2', 'f', 'x']], events: [ev('h', 'hexpire', 'h')] },
  { command: 'HEXPIRE', since: '7.4.0', condition: 'no field changed (missing fields, NX refusing)', setup: [['HSET', 'h', 'f', 'v'], ['HEXPIRE', 'h', '100', 'FIELDS', '1', 'f']], steps: [['HEXPIRE', 'h', '100', 'NX', 'FIELDS', '1', 'f'], ['HEXPIRE', 'h', '100', 'FIELDS', '1', 'x'], ['HEXPIRE', 'm', '100', 'FIELDS', '1', 'f']], events: [] },
  { command: 'HPEXPIREAT', since: '7.4.0', condition: 'a time in the past deletes the fields: one hdel, even with others updated', setup: [['HSET', 'h', 'f', 'v', 'g', 'w', 'k', 'u']], steps: [['HPEXPIREAT', 'h', '1', 'FIELDS', '1', 'f'], ['HEXPIRE', 'h', '100', 'FIELDS', '1', 'g']], events: [ev('h', 'hdel', 'h'), ev('h', 'hexpire', 'h')] },
  { command: 'HEXPIREAT', since: '7.4.0', condition: 'deleting the last fields: hdel then del', setup: [['HSET', 'h', 'f', 'v', 'g', 'w']], steps: [['HEXPIREAT', 'h', '1', 'FIELDS', '2', 'f', 'g']], events: [ev('h', 'hdel', 'h'), ev('g', 'del', 'h')] },
  { command: 'HPERSIST', since: '7.4.0', condition: 'a TTL removed', setup: [['HSET', 'h', 'f', 'v', 'g', 'w'], ['HEXPIRE', 'h', '100', 'FIELDS', '1', 'f']], steps: [['HPERSIST', 'h', 'FIELDS', '2', 'f', 'g']], events: [ev('h', 'hpersist', 'h')] },
  { command: 'HPERSIST', since: '7.4.0', condition: 'no TTL to remove', setup: [['HSET', 'h', 'f', 'v']], steps: [['HPERSIST', 'h', 'FIELDS', '1', 'f'], ['HPERSIST', 'm', 'FIELDS', '1', 'f']], events: [] },
  { command: 'field lazy expiry', since: '7.4.0', condition: 'HGET finds the field due', setup: dueField(true), steps: [['HGET', 'h', 'f']], events: [ev('h', 'hexpired', 'h')] },
  { command: 'field lazy expiry', since: '7.4.0', condition: 'the last field due: hexpired then del', setup: dueField(false), steps: [['HGET', 'h', 'f']], events: [ev('h', 'hexpired', 'h'), ev('g', 'del', 'h')] },
  { command: 'field lazy expiry', since: '7.4.0', condition: 'HMGET: one hexpired after the loop', setup: [['DEBUG', 'SET-ACTIVE-EXPIRE', '0'], ['HSET', 'h', 'f', 'v', 'g', 'w', 'k', 'u'], ['HPEXPIRE', 'h', '1', 'FIELDS', '2', 'f', 'g'], { sleep: 10 }], steps: [['HMGET', 'h', 'f', 'g', 'k']], events: [ev('h', 'hexpired', 'h')] },
  { command: 'field lazy expiry', since: '7.4.0', condition: 'HRANDFIELD with a count expires every due field first', setup: dueField(true), steps: [['HRANDFIELD', 'h', '5']], events: [ev('h', 'hexpired', 'h')] },
  { command: 'field lazy expiry', since: '7.4.0', condition: 'HGETALL, HLEN skip due fields: nothing', setup: dueField(true), steps: [['HGETALL', 'h'], ['HLEN', 'h']], events: [] },
  { command: 'field active expiry', since: '7.4.0', condition: 'clock.advance: hexpired once per hash', setup: [['HSET', 'h', 'f', 'v', 'g', 'w', 'k', 'u'], ['HPEXPIRE', 'h', '100', 'FIELDS', '2', 'f', 'g']], steps: [{ advance: 150 }], events: [ev('h', 'hexpired', 'h')] },
  { command: 'field active expiry', since: '7.4.0', condition: 'every field due: hexpired then del', setup: [['HSET', 'h', 'f', 'v'], ['HPEXPIRE', 'h', '100', 'FIELDS', '1', 'f']], steps: [{ advance: 150 }], events: [ev('h', 'hexpired', 'h'), ev('g', 'del', 'h')] },
  { command: 'HGETDEL', since: '8.0.0', condition: 'fields deleted', setup: [['HSET', 'h', 'f', 'v', 'g', 'w']], steps: [['HGETDEL', 'h', 'FIELDS', '2', 'f', 'x']], events: [ev('h', 'hdel', 'h')] },
  { command: 'HGETDEL', since: '8.0.0', condition: 'last field: hdel then del', setup: [['HSET', 'h', 'f', 'v']], steps: [['HGETDEL', 'h', 'FIELDS', '1', 'f']], events: [ev('h', 'hdel', 'h'), ev('g', 'del', 'h')] },
  { command: 'HGETDEL', since: '8.0.0', condition: 'a due field met: hexpired before hdel', setup: dueField(true), steps: [['HGETDEL', 'h', 'FIELDS', '2', 'f', 'g']], events: [ev('h', 'hexpired', 'h'), ev('h', 'hdel', 'h'), ev('g', 'del', 'h')] },
  { command: 'HGETEX', since: '8.0.0', condition: 'EX sets TTLs', setup: [['HSET', 'h', 'f', 'v']], steps: [['HGETEX', 'h', 'EX', '100', 'FIELDS', '2', 'f', 'x']], events: [ev('h', 'hexpire', 'h')] },
  { command: 'HGETEX', since: '8.0.0', condition: 'PERSIST removes TTLs', setup: [['HSET', 'h', 'f', 'v'], ['HEXPIRE', 'h', '100', 'FIELDS', '1', 'f']], steps: [['HGETEX', 'h', 'PERSIST', 'FIELDS', '1', 'f']], events: [ev('h', 'hpersist', 'h')] },
  { command: 'HGETEX', since: '8.0.0', condition: 'a time in the past deletes the fields: hdel, then del when empty', setup: [['HSET', 'h', 'f', 'v']], steps: [['HGETEX', 'h', 'PXAT', '1', 'FIELDS', '1', 'f']], events: [ev('h', 'hdel', 'h'), ev('g', 'del', 'h')] },
  { command: 'HGETEX', since: '8.0.0', condition: 'no option: nothing', setup: [['HSET', 'h', 'f', 'v']], steps: [['HGETEX', 'h', 'FIELDS', '1', 'f']], events: [] },
  { command: 'HGETEX', since: '8.0.0', condition: 'a due field met', setup: dueField(true), steps: [['HGETEX', 'h', 'EX', '100', 'FIELDS', '2', 'f', 'g']], events: [ev('h', 'hexpired', 'h'), ev('h', 'hexpire', 'h')] },
  { command: 'HSETEX', since: '8.0.0', condition: 'new key with EX: hset then hexpire', steps: [['HSETEX', 'h', 'EX', '100', 'FIELDS', '1', 'f', 'v']], events: [ev('n', 'new', 'h'), ev('h', 'hset', 'h'), ev('h', 'hexpire', 'h')] },
  { command: 'HSETEX', since: '8.0.0', condition: 'KEEPTTL or no option: hset only', setup: [['HSET', 'h', 'f', 'v']], steps: [['HSETEX', 'h', 'KEEPTTL', 'FIELDS', '1', 'f', 'w'], ['HSETEX', 'h', 'FIELDS', '1', 'f', 'w']], events: [ev('h', 'hset', 'h'), ev('h', 'hset', 'h')] },
  { command: 'HSETEX', since: '8.0.0', condition: 'a time in the past: hset, hdel, then del', steps: [['HSETEX', 'h', 'PXAT', '1', 'FIELDS', '1', 'f', 'v']], events: [ev('n', 'new', 'h'), ev('h', 'hset', 'h'), ev('h', 'hdel', 'h'), ev('g', 'del', 'h')] },
  { command: 'HSETEX', since: '8.0.0', condition: 'FNX or FXX not holding', setup: [['HSET', 'h', 'f', 'v']], steps: [['HSETEX', 'h', 'FNX', 'FIELDS', '1', 'f', 'w'], ['HSETEX', 'h', 'FXX', 'FIELDS', '1', 'x', 'w'], ['HSETEX', 'm', 'FXX', 'FIELDS', '1', 'f', 'w']], events: [] },
];

/** This package's sections of the keyspace event table (test/keyspace-events/table.test.ts runs them, the README shows them). */
export const eventSections: EventTableSection[] = [
  { title: 'Hashes', rows: hashRows },
  { title: 'Hash field expiration (7.4, 8.0)', rows: hashFieldExpiryRows },
];
