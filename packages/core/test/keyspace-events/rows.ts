import { ev, type EventRow, type EventTableSection, type Step } from '@fakeredis/tooling/conformance';

/** Generic key commands (db.c, expire.c): core's keyspace mixin. */
const genericRows: EventRow[] = [
  { command: 'DEL', condition: 'existing keys, in argument order', setup: [['SET', 'a', '1'], ['SET', 'b', '2']], steps: [['DEL', 'b', 'x', 'a']], events: [ev('g', 'del', 'b'), ev('g', 'del', 'a')] },
  { command: 'DEL', condition: 'a key named twice is deleted once', setup: [['SET', 'a', '1']], steps: [['DEL', 'a', 'a']], events: [ev('g', 'del', 'a')] },
  { command: 'DEL', condition: 'missing key', steps: [['DEL', 'x']], events: [] },
  { command: 'UNLINK', condition: 'existing key (same event as DEL)', setup: [['SADD', 's', 'a']], steps: [['UNLINK', 's', 'x']], events: [ev('g', 'del', 's')] },

  { command: 'EXPIRE', condition: 'time in the future', setup: [['SET', 'k', 'v']], steps: [['EXPIRE', 'k', '100']], events: [ev('g', 'expire', 'k')] },
  { command: 'EXPIRE', condition: 'replacing an expiry', setup: [['SET', 'k', 'v', 'EX', '50']], steps: [['EXPIRE', 'k', '100']], events: [ev('g', 'expire', 'k')] },
  { command: 'EXPIRE', condition: 'zero or negative time deletes the key', setup: [['SET', 'k', 'v'], ['SET', 'j', 'v']], steps: [['EXPIRE', 'k', '0'], ['EXPIRE', 'j', '-5']], events: [ev('g', 'del', 'k'), ev('g', 'del', 'j')] },
  { command: 'EXPIRE', condition: 'missing key', steps: [['EXPIRE', 'x', '100']], events: [] },
  { command: 'EXPIRE', condition: 'NX, XX, GT, LT refusing the change', setup: [['SET', 'k', 'v', 'EX', '100'], ['SET', 'p', 'v']], steps: [['EXPIRE', 'k', '10', 'NX'], ['EXPIRE', 'k', '10', 'GT'], ['EXPIRE', 'k', '200', 'LT'], ['EXPIRE', 'p', '10', 'XX'], ['EXPIRE', 'p', '10', 'GT']], events: [] },
  { command: 'EXPIRE', condition: 'NX, XX, GT, LT accepting the change', setup: [['SET', 'k', 'v', 'EX', '100'], ['SET', 'p', 'v']], steps: [['EXPIRE', 'k', '200', 'GT'], ['EXPIRE', 'k', '50', 'LT'], ['EXPIRE', 'k', '60', 'XX'], ['EXPIRE', 'p', '10', 'NX']], events: [ev('g', 'expire', 'k'), ev('g', 'expire', 'k'), ev('g', 'expire', 'k'), ev('g', 'expire', 'p')] },
  { command: 'EXPIRE', condition: 'a time in the past with a refusing flag changes nothing', setup: [['SET', 'p', 'v']], steps: [['EXPIRE', 'p', '-1', 'XX']], events: [] },
  { command: 'EXPIRE', condition: 'invalid time (error)', setup: [['SET', 'k', 'v']], steps: [['EXPIRE', 'k', '9223372036854775807'], ['EXPIRE', 'k', 'x'], ['EXPIRE', 'k', '10', 'NX', 'XX']], events: [] },
  { command: 'PEXPIRE', condition: 'time in the future', setup: [['SET', 'k', 'v']], steps: [['PEXPIRE', 'k', '100000']], events: [ev('g', 'expire', 'k')] },
  { command: 'PEXPIRE', condition: 'negative time deletes the key', setup: [['SET', 'k', 'v']], steps: [['PEXPIRE', 'k', '-1']], events: [ev('g', 'del', 'k')] },
  { command: 'EXPIREAT', condition: 'time in the future', setup: [['SET', 'k', 'v']], steps: [['EXPIREAT', 'k', '99999999999']], events: [ev('g', 'expire', 'k')] },
  { command: 'EXPIREAT', condition: 'time in the past deletes the key', setup: [['SET', 'k', 'v']], steps: [['EXPIREAT', 'k', '1']], events: [ev('g', 'del', 'k')] },
  { command: 'PEXPIREAT', condition: 'time in the future', setup: [['SET', 'k', 'v']], steps: [['PEXPIREAT', 'k', '99999999999999']], events: [ev('g', 'expire', 'k')] },
  { command: 'PEXPIREAT', condition: 'time in the past deletes the key', setup: [['SET', 'k', 'v']], steps: [['PEXPIREAT', 'k', '1']], events: [ev('g', 'del', 'k')] },
  { command: 'PERSIST', condition: 'key with an expiry', setup: [['SET', 'k', 'v', 'EX', '100']], steps: [['PERSIST', 'k']], events: [ev('g', 'persist', 'k')] },
  { command: 'PERSIST', condition: 'key without expiry, or missing', setup: [['SET', 'k', 'v']], steps: [['PERSIST', 'k'], ['PERSIST', 'x']], events: [] },

  { command: 'RENAME', condition: 'to a new name', setup: [['SET', 'a', 'v']], steps: [['RENAME', 'a', 'b']], events: [ev('n', 'new', 'b'), ev('g', 'rename_from', 'a'), ev('g', 'rename_to', 'b')] },
  { command: 'RENAME', condition: 'over an existing key (no del for it)', setup: [['SET', 'a', 'v'], ['SADD', 'b', 'm']], steps: [['RENAME', 'a', 'b']], events: [ev('n', 'new', 'b'), ev('g', 'rename_from', 'a'), ev('g', 'rename_to', 'b')] },
  { command: 'RENAME', condition: 'a key with an expiry', setup: [['SET', 'a', 'v', 'EX', '100']], steps: [['RENAME', 'a', 'b']], events: [ev('n', 'new', 'b'), ev('g', 'rename_from', 'a'), ev('g', 'rename_to', 'b')] },
  { command: 'RENAME', condition: 'to itself', setup: [['SET', 'a', 'v']], steps: [['RENAME', 'a', 'a']], events: [] },
  { command: 'RENAME', condition: 'missing source', steps: [['RENAME', 'x', 'y']], events: [] },
  { command: 'RENAMENX', condition: 'to a new name', setup: [['SET', 'a', 'v']], steps: [['RENAMENX', 'a', 'b']], events: [ev('n', 'new', 'b'), ev('g', 'rename_from', 'a'), ev('g', 'rename_to', 'b')] },
  { command: 'RENAMENX', condition: 'target due: expired, then renamed', setup: [['DEBUG', 'SET-ACTIVE-EXPIRE', '0'], ['SET', 'a', 'v'], ['SET', 'b', 'w', 'PX', '1'], { sleep: 10 }], steps: [['RENAMENX', 'a', 'b']], events: [ev('x', 'expired', 'b'), ev('n', 'new', 'b'), ev('g', 'rename_from', 'a'), ev('g', 'rename_to', 'b')] },
  { command: 'RENAMENX', condition: 'target exists', setup: [['SET', 'a', 'v'], ['SET', 'b', 'w']], steps: [['RENAMENX', 'a', 'b']], events: [] },

  { command: 'MOVE', condition: 'to another database', setup: [['SET', 'k', 'v']], steps: [['MOVE', 'k', '1']], events: [ev('n', 'new', 'k', 1), ev('g', 'move_from', 'k'), ev('g', 'move_to', 'k', 1)] },
  { command: 'MOVE', condition: 'a key with an expiry', setup: [['SET', 'k', 'v', 'EX', '100']], steps: [['MOVE', 'k', '2']], events: [ev('n', 'new', 'k', 2), ev('g', 'move_from', 'k'), ev('g', 'move_to', 'k', 2)] },
  { command: 'MOVE', condition: 'a due key: expired, not moved', setup: [['DEBUG', 'SET-ACTIVE-EXPIRE', '0'], ['SET', 'k', 'v', 'PX', '1'], { sleep: 10 }], steps: [['MOVE', 'k', '1']], events: [ev('x', 'expired', 'k')] },
  { command: 'MOVE', condition: 'target database has the key, or the key is missing', setup: [['SET', 'k', 'v'], ['SELECT', '1'], ['SET', 'k', 'w'], ['SELECT', '0']], steps: [['MOVE', 'k', '1'], ['MOVE', 'x', '1']], events: [] },
  { command: 'COPY', condition: 'to a new key', setup: [['SET', 'a', 'v']], steps: [['COPY', 'a', 'b']], events: [ev('n', 'new', 'b'), ev('g', 'copy_to', 'b')] },
  { command: 'COPY', condition: 'REPLACE over an existing key (no del for it)', setup: [['SET', 'a', 'v'], ['SADD', 'b', 'm']], steps: [['COPY', 'a', 'b', 'REPLACE']], events: [ev('n', 'new', 'b'), ev('g', 'copy_to', 'b')] },
  { command: 'COPY', condition: 'to another database', setup: [['HSET', 'a', 'f', 'v']], steps: [['COPY', 'a', 'a', 'DB', '2']], events: [ev('n', 'new', 'a', 2), ev('g', 'copy_to', 'a', 2)] },
  { command: 'COPY', condition: 'a key with an expiry', setup: [['SET', 'a', 'v', 'EX', '100']], steps: [['COPY', 'a', 'b']], events: [ev('n', 'new', 'b'), ev('g', 'copy_to', 'b')] },
  { command: 'COPY', condition: 'same key with REPLACE, or a bad database (error)', setup: [['SET', 'a', 'v']], steps: [['COPY', 'a', 'a', 'REPLACE'], ['COPY', 'a', 'b', 'DB', '99']], events: [] },
  { command: 'COPY', condition: 'target exists without REPLACE, or missing source', setup: [['SET', 'a', 'v'], ['SET', 'b', 'w']], steps: [['COPY', 'a', 'b'], ['COPY', 'x', 'y']], events: [] },

  { command: 'SORT', condition: 'without STORE: no events', setup: [['RPUSH', 'l', '2', '1']], steps: [['SORT', 'l'], ['SORT_RO', 'l']], events: [] },
  { command: 'SORT', condition: 'STORE to a new key', setup: [['RPUSH', 'l', '2', '1']], steps: [['SORT', 'l', 'STORE', 'd']], events: [ev('n', 'new', 'd'), ev('l', 'sortstore', 'd')] },
  { command: 'SORT', condition: 'STORE over an existing key of another type (no del for it)', setup: [['RPUSH', 'l', '2', '1'], ['SET', 'd', 'v']], steps: [['SORT', 'l', 'STORE', 'd']], events: [ev('l', 'sortstore', 'd')] },
  { command: 'SORT', condition: 'STORE of an empty result deletes the destination', setup: [['SET', 'd', 'v']], steps: [['SORT', 'nokey', 'STORE', 'd'], ['SORT', 'nokey', 'STORE', 'd']], events: [ev('g', 'del', 'd')] },
  { command: 'SORT', condition: 'STORE over a due destination: expired, new', setup: [['DEBUG', 'SET-ACTIVE-EXPIRE', '0'], ['RPUSH', 'l', '1'], ['SET', 'd', 'v', 'PX', '1'], { sleep: 10 }], steps: [['SORT', 'l', 'STORE', 'd']], events: [ev('x', 'expired', 'd'), ev('n', 'new', 'd'), ev('l', 'sortstore', 'd')] },
  { command: 'FLUSHDB', condition: 'no events', setup: [['SET', 'a', 'v']], steps: [['FLUSHDB']], events: [] },
  { command: 'FLUSHALL', condition: 'no events', setup: [['SET', 'a', 'v']], steps: [['FLUSHALL']], events: [] },
  { command: 'SWAPDB', condition: 'no events', setup: [['SET', 'a', 'v', 'EX', '100']], steps: [['SWAPDB', '0', '1']], events: [] },
  { command: 'SELECT', condition: 'events name the client\'s database', steps: [['SELECT', '3'], ['SET', 'k', 'v'], ['SELECT', '0']], events: [ev('n', 'new', 'k', 3), ev('$', 'set', 'k', 3)] },
  { command: 'TOUCH, EXISTS, TYPE, TTL, OBJECT', condition: 'reads of existing keys: no events', setup: [['SET', 'a', 'v', 'EXAT', '4102444800']], steps: [['TOUCH', 'a'], ['EXISTS', 'a'], ['TYPE', 'a'], ['TTL', 'a'], ['EXPIRETIME', 'a'], ['OBJECT', 'ENCODING', 'a']], events: [] },
];

/** A key that is due already, with the background expiry cycle off: only lazy expiry sees it. */
const expiredKey = (set: Step): Step[] => [['DEBUG', 'SET-ACTIVE-EXPIRE', '0'], set, { sleep: 10 }];
const expiredString = expiredKey(['SET', 'k', 'v', 'PX', '1']);

/** Key expiry (db.c expireIfNeeded, expire.c activeExpireCycle) and where it shows. */
const expiryRows: EventRow[] = [
  { command: 'lazy expiry', condition: 'a read finds the key due (GET)', setup: expiredString, steps: [['GET', 'k']], events: [ev('x', 'expired', 'k')] },
  { command: 'lazy expiry', condition: 'with keymiss on: expired, then keymiss', classes: 'KEAnm', setup: expiredString, steps: [['GET', 'k']], events: [ev('x', 'expired', 'k'), ev('m', 'keymiss', 'k')] },
  { command: 'lazy expiry', condition: 'a write finds the key due: expired, then new (SET)', setup: expiredString, steps: [['SET', 'k', 'w']], events: [ev('x', 'expired', 'k'), ev('n', 'new', 'k'), ev('$', 'set', 'k')] },
  { command: 'lazy expiry', condition: 'EXISTS finds the key due', setup: expiredString, steps: [['EXISTS', 'k']], events: [ev('x', 'expired', 'k')] },
  { command: 'lazy expiry', condition: 'DEL of a due key: expired, no del', setup: expiredString, steps: [['DEL', 'k']], events: [ev('x', 'expired', 'k')] },
  { command: 'lazy expiry', condition: 'EXPIRE of a due key: expired, nothing else', setup: expiredString, steps: [['EXPIRE', 'k', '100']], events: [ev('x', 'expired', 'k')] },
  { command: 'lazy expiry', condition: 'RENAME of a due key', setup: expiredString, steps: [['RENAME', 'k', 'j']], events: [ev('x', 'expired', 'k')] },
  { command: 'lazy expiry', condition: 'SADD to a due key of another type', setup: [['DEBUG', 'SET-ACTIVE-EXPIRE', '0'], ['HSET', 'k', 'f', 'v'], ['PEXPIRE', 'k', '1'], { sleep: 10 }], steps: [['SADD', 'k', 'm']], events: [ev('x', 'expired', 'k'), ev('n', 'new', 'k'), ev('s', 'sadd', 'k')] },
  { command: 'lazy expiry', condition: 'RENAME over a due key: expired for it first', setup: [...expiredString, ['SET', 'a', 'v']], steps: [['RENAME', 'a', 'k']], events: [ev('x', 'expired', 'k'), ev('n', 'new', 'k'), ev('g', 'rename_from', 'a'), ev('g', 'rename_to', 'k')] },
  { command: 'lazy expiry', condition: 'MOVE onto a due key in the target database', setup: [['DEBUG', 'SET-ACTIVE-EXPIRE', '0'], ['SELECT', '1'], ['SET', 'k', 'v', 'PX', '1'], ['SELECT', '0'], ['SET', 'k', 'w'], { sleep: 10 }], steps: [['MOVE', 'k', '1']], events: [ev('x', 'expired', 'k', 1), ev('n', 'new', 'k', 1), ev('g', 'move_from', 'k'), ev('g', 'move_to', 'k', 1)] },
  { command: 'lazy expiry', condition: 'COPY of a due source', classes: 'KEAnm', setup: expiredString, steps: [['COPY', 'k', 'c']], events: [ev('x', 'expired', 'k'), ev('m', 'keymiss', 'k')] },
  { command: 'lazy expiry', condition: 'COPY onto a due key', setup: [...expiredString, ['SET', 'a', 'v']], steps: [['COPY', 'a', 'k']], events: [ev('x', 'expired', 'k'), ev('n', 'new', 'k'), ev('g', 'copy_to', 'k')] },
  { command: 'lazy expiry', condition: 'GETEX of a due key', classes: 'KEAnm', setup: expiredString, steps: [['GETEX', 'k', 'EX', '10']], events: [ev('x', 'expired', 'k'), ev('m', 'keymiss', 'k')] },
  { command: 'lazy expiry', condition: 'SINTERSTORE reads a due source', setup: [['DEBUG', 'SET-ACTIVE-EXPIRE', '0'], ['SADD', 'a', 'm'], ['PEXPIRE', 'a', '1'], ['SADD', 'b', 'm'], { sleep: 10 }], steps: [['SINTERSTORE', 'd', 'b', 'a']], events: [ev('x', 'expired', 'a')] },
  { command: 'no lazy expiry', condition: 'an empty *STORE result deletes a due destination: del, not expired', note: 'Redis deletes the destination without looking it up', setup: [['DEBUG', 'SET-ACTIVE-EXPIRE', '0'], ['SADD', 'd', 'x'], ['SADD', 'e', 'x'], ['SADD', 'f', 'x'], ['PEXPIRE', 'd', '1'], ['PEXPIRE', 'e', '1'], ['PEXPIRE', 'f', '1'], ['SADD', 'b', 'm'], { sleep: 10 }], steps: [['SINTERSTORE', 'd', 'b', 'x'], ['SUNIONSTORE', 'e', 'x'], ['SDIFFSTORE', 'f', 'b', 'b']], events: [ev('g', 'del', 'd'), ev('g', 'del', 'e'), ev('g', 'del', 'f')] },
  { command: 'no lazy expiry', condition: 'an empty BITOP result deletes a due destination: del, not expired', setup: [['DEBUG', 'SET-ACTIVE-EXPIRE', '0'], ['SET', 'd', 'v', 'PX', '1'], { sleep: 10 }], steps: [['BITOP', 'OR', 'd', 'x']], events: [ev('g', 'del', 'd')] },
  { command: 'lazy expiry', condition: 'a non-empty *STORE or BITOP result over a due destination: expired, new', setup: [['DEBUG', 'SET-ACTIVE-EXPIRE', '0'], ['SADD', 'd', 'x'], ['SET', 'e', 'v'], ['PEXPIRE', 'd', '1'], ['PEXPIRE', 'e', '1'], ['SADD', 'b', 'm'], ['SET', 's', 'v'], { sleep: 10 }], steps: [['SUNIONSTORE', 'd', 'b'], ['BITOP', 'OR', 'e', 's']], events: [ev('x', 'expired', 'd'), ev('n', 'new', 'd'), ev('s', 'sunionstore', 'd'), ev('x', 'expired', 'e'), ev('n', 'new', 'e'), ev('$', 'set', 'e')] },
  { command: 'lazy expiry', condition: 'SCAN visiting a due key', setup: expiredString, steps: [['SCAN', '0']], events: [ev('x', 'expired', 'k')] },
  { command: 'lazy expiry', condition: 'SCAN with MATCH skips a key that does not match: no expiry', setup: expiredString, steps: [['SCAN', '0', 'MATCH', 'x*']], events: [] },
  { command: 'lazy expiry', condition: 'SCAN with TYPE looks the due key up: expired, keymiss', classes: 'KEAnm', setup: expiredString, steps: [['SCAN', '0', 'TYPE', 'hash']], events: [ev('x', 'expired', 'k'), ev('m', 'keymiss', 'k')] },
  { command: 'lazy expiry', condition: 'OBJECT of a due key: expired, no keymiss', classes: 'KEAnm', setup: expiredString, steps: [['OBJECT', 'ENCODING', 'k']], events: [ev('x', 'expired', 'k')] },
  { command: 'lazy expiry', condition: 'TTL of a due key: expired, keymiss', classes: 'KEAnm', setup: expiredString, steps: [['TTL', 'k']], events: [ev('x', 'expired', 'k'), ev('m', 'keymiss', 'k')] },
  { command: 'lazy expiry', condition: 'SMOVE to a due destination', setup: [['DEBUG', 'SET-ACTIVE-EXPIRE', '0'], ['SADD', 'd', 'x'], ['PEXPIRE', 'd', '1'], ['SADD', 's', 'a', 'b'], { sleep: 10 }], steps: [['SMOVE', 's', 'd', 'a']], events: [ev('x', 'expired', 'd'), ev('s', 'srem', 's'), ev('n', 'new', 'd'), ev('s', 'sadd', 'd')] },
  { command: 'lazy expiry', condition: 'HSET on a due hash', setup: [['DEBUG', 'SET-ACTIVE-EXPIRE', '0'], ['HSET', 'h', 'x', '1'], ['PEXPIRE', 'h', '1'], { sleep: 10 }], steps: [['HSET', 'h', 'f', 'v']], events: [ev('x', 'expired', 'h'), ev('n', 'new', 'h'), ev('h', 'hset', 'h')] },
  { command: 'lazy expiry', condition: 'RANDOMKEY drawing a due key', setup: expiredString, steps: [['RANDOMKEY']], events: [ev('x', 'expired', 'k')] },
  { command: 'lazy expiry', condition: 'KEYS and DBSIZE do not expire', setup: expiredString, steps: [['KEYS', '*'], ['DBSIZE']], events: [] },
  { command: 'active expiry', condition: 'the background cycle deletes the key', setup: [['SET', 'k', 'v', 'PX', '100']], steps: [{ sleep: 400 }], events: [ev('x', 'expired', 'k')] },
  { command: 'active expiry', condition: 'clock.advance on the fake (time passing on redis-server)', setup: [['SET', 'k', 'v', 'PX', '100']], steps: [{ advance: 150 }], events: [ev('x', 'expired', 'k')] },
  { command: 'active expiry', condition: 'in another database', setup: [['SELECT', '5'], ['SET', 'k', 'v', 'PX', '100'], ['SELECT', '0']], steps: [{ advance: 150 }], events: [ev('x', 'expired', 'k', 5)] },
  { command: 'active expiry', condition: 'a key of any type', setup: [['SADD', 's', 'm'], ['PEXPIRE', 's', '100']], steps: [{ advance: 150 }], events: [ev('x', 'expired', 's')] },
];

/** `keymiss` (class m): a read that finds no key (lookupKeyRead without LOOKUP_NONOTIFY). */
const keymissRows: EventRow[] = [
  { command: 'GET, MGET', condition: 'one keymiss per missing key', classes: 'KEAm', setup: [['SET', 'a', 'v']], steps: [['GET', 'x'], ['MGET', 'a', 'y', 'z']], events: [ev('m', 'keymiss', 'x'), ev('m', 'keymiss', 'y'), ev('m', 'keymiss', 'z')] },
  { command: 'SORT', condition: 'the sorted key, then BY and GET keys, one keymiss per missing lookup', classes: 'KEAm', setup: [['RPUSH', 'l', 'a', 'b'], ['SET', 'w_a', '1']], steps: [['SORT', 'nokey'], ['SORT', 'l', 'BY', 'w_*', 'GET', 'o_*', 'GET', '#']], events: [ev('m', 'keymiss', 'nokey'), ev('m', 'keymiss', 'w_b'), ev('m', 'keymiss', 'o_b'), ev('m', 'keymiss', 'o_a')] },
  { command: 'GET', condition: 'a key of another type is no miss', classes: 'KEAm', setup: [['SADD', 's', 'm']], steps: [['GET', 's']], events: [] },
  { command: 'EXISTS, TYPE, TTL, PTTL, TOUCH', condition: 'missing key', classes: 'KEAm', steps: [['EXISTS', 'a'], ['TYPE', 'b'], ['TTL', 'c'], ['PTTL', 'd'], ['TOUCH', 'e']], events: [ev('m', 'keymiss', 'a'), ev('m', 'keymiss', 'b'), ev('m', 'keymiss', 'c'), ev('m', 'keymiss', 'd'), ev('m', 'keymiss', 'e')] },
  { command: 'OBJECT, DEL, EXPIRE, RENAME, MOVE', condition: 'missing key: no keymiss', classes: 'KEAm', steps: [['OBJECT', 'ENCODING', 'a'], ['DEL', 'b'], ['EXPIRE', 'c', '10'], ['RENAME', 'd', 'e'], ['MOVE', 'f', '1']], events: [] },
  { command: 'COPY', condition: 'missing source', classes: 'KEAm', steps: [['COPY', 'a', 'b']], events: [ev('m', 'keymiss', 'a')] },
  { command: 'SET ... GET, GETSET, GETDEL, GETEX', condition: 'missing key reads first', classes: 'KEAnm', steps: [['SET', 'a', 'v', 'GET'], ['GETSET', 'b', 'v'], ['GETDEL', 'c'], ['GETEX', 'd', 'EX', '10']], events: [ev('m', 'keymiss', 'a'), ev('n', 'new', 'a'), ev('$', 'set', 'a'), ev('m', 'keymiss', 'b'), ev('n', 'new', 'b'), ev('$', 'set', 'b'), ev('m', 'keymiss', 'c'), ev('m', 'keymiss', 'd')] },
  { command: 'INCR, APPEND, SETRANGE, SETBIT', condition: 'writes: no keymiss', classes: 'KEAm', steps: [['INCR', 'a'], ['APPEND', 'b', 'x'], ['SETRANGE', 'c', '0', 'x'], ['SETBIT', 'd', '0', '1']], events: [ev('$', 'incrby', 'a'), ev('$', 'append', 'b'), ev('$', 'setrange', 'c'), ev('$', 'setbit', 'd')] },
  { command: 'STRLEN, GETRANGE, LCS, GETBIT, BITCOUNT, BITPOS', condition: 'missing key', classes: 'KEAm', steps: [['STRLEN', 'a'], ['GETRANGE', 'b', '0', '1'], ['LCS', 'c', 'd'], ['GETBIT', 'e', '0'], ['BITCOUNT', 'f'], ['BITPOS', 'g', '1']], events: [ev('m', 'keymiss', 'a'), ev('m', 'keymiss', 'b'), ev('m', 'keymiss', 'c'), ev('m', 'keymiss', 'd'), ev('m', 'keymiss', 'e'), ev('m', 'keymiss', 'f'), ev('m', 'keymiss', 'g')] },
  { command: 'BITFIELD, BITFIELD_RO', condition: 'missing key', classes: 'KEAnm', steps: [['BITFIELD', 'a', 'GET', 'u8', '0'], ['BITFIELD_RO', 'b', 'GET', 'u8', '0'], ['BITFIELD', 'c', 'SET', 'u8', '0', '1']], events: [ev('m', 'keymiss', 'a'), ev('m', 'keymiss', 'b'), ev('n', 'new', 'c'), ev('$', 'setbit', 'c')] },
  { command: 'BITOP', condition: 'missing sources', classes: 'KEAm', setup: [['SET', 'a', 'v']], steps: [['BITOP', 'OR', 'd', 'x', 'a', 'y']], events: [ev('m', 'keymiss', 'x'), ev('m', 'keymiss', 'y'), ev('$', 'set', 'd')] },
  { command: 'PFCOUNT, PFMERGE', condition: 'missing keys', classes: 'KEAnm', setup: [['PFADD', 'h', 'a']], steps: [['PFCOUNT', 'a'], ['PFCOUNT', 'h', 'b'], ['PFMERGE', 'd', 'h', 'c']], events: [ev('m', 'keymiss', 'a'), ev('m', 'keymiss', 'b'), ev('m', 'keymiss', 'd'), ev('m', 'keymiss', 'c'), ev('n', 'new', 'd'), ev('$', 'pfadd', 'd')] },
  { command: 'HGET, HMGET, HGETALL, HLEN, HEXISTS, HSTRLEN, HRANDFIELD, HSCAN', condition: 'missing key', classes: 'KEAm', steps: [['HGET', 'a', 'f'], ['HMGET', 'b', 'f', 'g'], ['HGETALL', 'c'], ['HLEN', 'd'], ['HEXISTS', 'e', 'f'], ['HSTRLEN', 'f', 'f'], ['HRANDFIELD', 'g'], ['HSCAN', 'h', '0']], events: [ev('m', 'keymiss', 'a'), ev('m', 'keymiss', 'b'), ev('m', 'keymiss', 'c'), ev('m', 'keymiss', 'd'), ev('m', 'keymiss', 'e'), ev('m', 'keymiss', 'f'), ev('m', 'keymiss', 'g'), ev('m', 'keymiss', 'h')] },
  { command: 'HGET', condition: 'missing field of an existing hash is no miss', classes: 'KEAm', setup: [['HSET', 'h', 'f', 'v']], steps: [['HGET', 'h', 'x']], events: [] },
  { command: 'HDEL, HINCRBY, HSETNX', condition: 'writes: no keymiss', classes: 'KEAm', steps: [['HDEL', 'a', 'f'], ['HINCRBY', 'b', 'f', '1'], ['HSETNX', 'c', 'f', 'v']], events: [ev('h', 'hincrby', 'b'), ev('h', 'hset', 'c')] },
  { command: 'SMEMBERS, SISMEMBER, SMISMEMBER, SCARD, SRANDMEMBER, SSCAN', condition: 'missing key', classes: 'KEAm', steps: [['SMEMBERS', 'a'], ['SISMEMBER', 'b', 'm'], ['SMISMEMBER', 'c', 'm'], ['SCARD', 'd'], ['SRANDMEMBER', 'e'], ['SSCAN', 'f', '0']], events: [ev('m', 'keymiss', 'a'), ev('m', 'keymiss', 'b'), ev('m', 'keymiss', 'c'), ev('m', 'keymiss', 'd'), ev('m', 'keymiss', 'e'), ev('m', 'keymiss', 'f')] },
  { command: 'SINTER, SINTERCARD, SUNION, SDIFF', condition: 'one keymiss per missing key', classes: 'KEAm', setup: [['SADD', 's', 'm']], steps: [['SINTER', 'a', 's', 'b'], ['SINTERCARD', '2', 'c', 'd'], ['SUNION', 'e', 's'], ['SDIFF', 'f', 's', 'g']], events: [ev('m', 'keymiss', 'a'), ev('m', 'keymiss', 'b'), ev('m', 'keymiss', 'c'), ev('m', 'keymiss', 'd'), ev('m', 'keymiss', 'e'), ev('m', 'keymiss', 'f'), ev('m', 'keymiss', 'g')] },
  { command: 'SINTERSTORE, SUNIONSTORE, SDIFFSTORE', condition: 'missing sources', classes: 'KEAm', steps: [['SINTERSTORE', 'd', 'a', 'b'], ['SUNIONSTORE', 'd', 'c'], ['SDIFFSTORE', 'd', 'e']], events: [ev('m', 'keymiss', 'a'), ev('m', 'keymiss', 'b'), ev('m', 'keymiss', 'c'), ev('m', 'keymiss', 'e')] },
  { command: 'SREM, SPOP, SMOVE', condition: 'writes: no keymiss', classes: 'KEAm', steps: [['SREM', 'a', 'm'], ['SPOP', 'b'], ['SMOVE', 'c', 'd', 'm']], events: [] },
];

/** Events inside transactions. */
const transactionRows: EventRow[] = [
  { command: 'MULTI / EXEC', condition: 'each queued command notifies as it runs, in order', steps: [['MULTI'], ['SET', 'k', 'v'], ['SADD', 's', 'm'], ['DEL', 'k'], ['EXEC']], events: [ev('n', 'new', 'k'), ev('$', 'set', 'k'), ev('n', 'new', 's'), ev('s', 'sadd', 's'), ev('g', 'del', 'k')] },
  { command: 'MULTI / DISCARD', condition: 'nothing runs, nothing notified', steps: [['MULTI'], ['SET', 'k', 'v'], ['DISCARD']], events: [] },
];

/** This package's sections of the keyspace event table (test/keyspace-events/table.test.ts runs them, the README shows them). */
export const eventSections: EventTableSection[] = [
  { title: 'Generic keys', rows: genericRows },
  { title: 'Expiry', rows: expiryRows },
  { title: 'keymiss', rows: keymissRows },
  { title: 'Transactions', rows: transactionRows },
];
