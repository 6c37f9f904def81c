import { ev, type EventRow, type EventTableSection } from '@fakeredis/tooling/conformance';

/** String commands (t_string.c): @fakeredis/strings. */
const stringRows: EventRow[] = [
  { command: 'SET', condition: 'new key', steps: [['SET', 'k', 'v']], events: [ev('n', 'new', 'k'), ev('$', 'set', 'k')] },
  { command: 'SET', condition: 'existing key, any type', setup: [['SET', 'k', 'v'], ['SADD', 's', 'm']], steps: [['SET', 'k', 'w'], ['SET', 's', 'w']], events: [ev('$', 'set', 'k'), ev('$', 'set', 's')] },
  { command: 'SET', condition: 'over a key with an expiry (dropped silently)', setup: [['SET', 'k', 'v', 'EX', '100']], steps: [['SET', 'k', 'w']], events: [ev('$', 'set', 'k')] },
  { command: 'SET', condition: 'EX / PX / EXAT / PXAT', steps: [['SET', 'a', 'v', 'EX', '100'], ['SET', 'b', 'v', 'PX', '100000'], ['SET', 'c', 'v', 'EXAT', '99999999999'], ['SET', 'd', 'v', 'PXAT', '99999999999999']], events: [ev('n', 'new', 'a'), ev('$', 'set', 'a'), ev('g', 'expire', 'a'), ev('n', 'new', 'b'), ev('$', 'set', 'b'), ev('g', 'expire', 'b'), ev('n', 'new', 'c'), ev('$', 'set', 'c'), ev('g', 'expire', 'c'), ev('n', 'new', 'd'), ev('$', 'set', 'd'), ev('g', 'expire', 'd')] },
  { command: 'SET', condition: 'PXAT in the past: set and expire, then the key is gone', setup: [['DEBUG', 'SET-ACTIVE-EXPIRE', '0']], steps: [['SET', 'k', 'v', 'PXAT', '1'], ['GET', 'k']], events: [ev('n', 'new', 'k'), ev('$', 'set', 'k'), ev('g', 'expire', 'k'), ev('x', 'expired', 'k')] },
  { command: 'SET', condition: 'KEEPTTL', setup: [['SET', 'k', 'v', 'EX', '100']], steps: [['SET', 'k', 'w', 'KEEPTTL']], events: [ev('$', 'set', 'k')] },
  { command: 'SET', condition: 'NX on an existing key, XX on a missing key', setup: [['SET', 'k', 'v']], steps: [['SET', 'k', 'w', 'NX'], ['SET', 'x', 'w', 'XX'], ['SET', 'x', 'w', 'XX', 'GET'], ['SET', 'k', 'w', 'NX', 'EX', '10']], events: [] },
  { command: 'SET', condition: 'NX on a missing key, XX on an existing key', setup: [['SET', 'k', 'v']], steps: [['SET', 'x', 'w', 'NX'], ['SET', 'k', 'w', 'XX', 'PX', '100000']], events: [ev('n', 'new', 'x'), ev('$', 'set', 'x'), ev('$', 'set', 'k'), ev('g', 'expire', 'k')] },
  { command: 'SET', condition: 'GET', setup: [['SET', 'k', 'v']], steps: [['SET', 'k', 'w', 'GET'], ['SET', 'n', 'w', 'GET']], events: [ev('$', 'set', 'k'), ev('n', 'new', 'n'), ev('$', 'set', 'n')] },
  { command: 'SET', condition: 'GET on a key of another type (error)', setup: [['SADD', 's', 'm']], steps: [['SET', 's', 'w', 'GET']], events: [] },
  { command: 'SET', condition: 'binary key', steps: [['SET', Buffer.from([0xff, 0x00, 0x6b]), 'v']], events: [ev('n', 'new', '\xff\x00k'), ev('$', 'set', '\xff\x00k')] },
  { command: 'SETNX', condition: 'missing key, then existing key', steps: [['SETNX', 'k', 'v'], ['SETNX', 'k', 'w']], events: [ev('n', 'new', 'k'), ev('$', 'set', 'k')] },
  { command: 'SETEX', condition: 'sets and expires', setup: [['SET', 'k', 'v']], steps: [['SETEX', 'k', '100', 'w'], ['SETEX', 'n', '100', 'w']], events: [ev('$', 'set', 'k'), ev('g', 'expire', 'k'), ev('n', 'new', 'n'), ev('$', 'set', 'n'), ev('g', 'expire', 'n')] },
  { command: 'PSETEX', condition: 'sets and expires', steps: [['PSETEX', 'k', '100000', 'w']], events: [ev('n', 'new', 'k'), ev('$', 'set', 'k'), ev('g', 'expire', 'k')] },
  { command: 'GETSET', condition: 'existing and missing key', setup: [['SET', 'k', 'v', 'EX', '100']], steps: [['GETSET', 'k', 'w'], ['GETSET', 'n', 'w']], events: [ev('$', 'set', 'k'), ev('n', 'new', 'n'), ev('$', 'set', 'n')] },
  { command: 'GETDEL', condition: 'wrong type (error)', setup: [['SADD', 's', 'm']], steps: [['GETDEL', 's'], ['GETEX', 's', 'PERSIST'], ['GETSET', 's', 'v']], events: [] },
  { command: 'GETDEL', condition: 'existing key, then missing', setup: [['SET', 'k', 'v']], steps: [['GETDEL', 'k'], ['GETDEL', 'k']], events: [ev('g', 'del', 'k')] },
  { command: 'GETEX', condition: 'EX / PX / EXAT / PXAT in the future', setup: [['SET', 'k', 'v']], steps: [['GETEX', 'k', 'EX', '100'], ['GETEX', 'k', 'PX', '100000'], ['GETEX', 'k', 'EXAT', '99999999999'], ['GETEX', 'k', 'PXAT', '99999999999999']], events: [ev('g', 'expire', 'k'), ev('g', 'expire', 'k'), ev('g', 'expire', 'k'), ev('g', 'expire', 'k')] },
  { command: 'GETEX', condition: 'EXAT / PXAT in the past deletes the key', setup: [['SET', 'k', 'v'], ['SET', 'j', 'v']], steps: [['GETEX', 'k', 'EXAT', '1'], ['GETEX', 'j', 'PXAT', '1']], events: [ev('g', 'del', 'k'), ev('g', 'del', 'j')] },
  { command: 'GETEX', condition: 'PERSIST on a key with an expiry, then without', setup: [['SET', 'k', 'v', 'EX', '100']], steps: [['GETEX', 'k', 'PERSIST'], ['GETEX', 'k', 'PERSIST']], events: [ev('g', 'persist', 'k')] },
  { command: 'GETEX', condition: 'invalid time (error)', setup: [['SET', 'k', 'v']], steps: [['GETEX', 'k', 'EX', '0'], ['GETEX', 'k', 'PX', '-1'], ['GETEX', 'k', 'EXAT', '0']], events: [] },
  { command: 'INCRBY', condition: 'a key with an expiry keeps it: incrby only', setup: [['SET', 'k', '1', 'EX', '100']], steps: [['INCRBY', 'k', '2'], ['APPEND', 'k', '0'], ['SETRANGE', 'k', '0', '9']], events: [ev('$', 'incrby', 'k'), ev('$', 'append', 'k'), ev('$', 'setrange', 'k')] },
  { command: 'GETEX', condition: 'no option, or missing key', setup: [['SET', 'k', 'v']], steps: [['GETEX', 'k'], ['GETEX', 'x', 'EX', '10']], events: [] },
  { command: 'MSET', condition: 'one set per key, in order (a repeated key twice)', setup: [['SET', 'b', 'old']], steps: [['MSET', 'a', '1', 'b', '2', 'a', '3']], events: [ev('n', 'new', 'a'), ev('$', 'set', 'a'), ev('$', 'set', 'b'), ev('$', 'set', 'a')] },
  { command: 'MSETNX', condition: 'all keys missing', steps: [['MSETNX', 'a', '1', 'b', '2']], events: [ev('n', 'new', 'a'), ev('$', 'set', 'a'), ev('n', 'new', 'b'), ev('$', 'set', 'b')] },
  { command: 'MSETNX', condition: 'a key named twice', steps: [['MSETNX', 'a', '1', 'a', '2']], events: [ev('n', 'new', 'a'), ev('$', 'set', 'a'), ev('$', 'set', 'a')] },
  { command: 'MSETNX', condition: 'one key exists', setup: [['SET', 'b', 'x']], steps: [['MSETNX', 'a', '1', 'b', '2']], events: [] },
  { command: 'APPEND', condition: 'missing key, then existing key', steps: [['APPEND', 'k', 'a'], ['APPEND', 'k', 'b']], events: [ev('n', 'new', 'k'), ev('$', 'append', 'k'), ev('$', 'append', 'k')] },
  { command: 'APPEND', condition: 'wrong type (error)', setup: [['SADD', 's', 'm']], steps: [['APPEND', 's', 'x']], events: [] },
  { command: 'APPEND', condition: 'empty value (still notified)', setup: [['SET', 'k', 'v']], steps: [['APPEND', 'k', ''], ['APPEND', 'e', '']], events: [ev('$', 'append', 'k'), ev('n', 'new', 'e'), ev('$', 'append', 'e')] },
  { command: 'SETRANGE', condition: 'missing key, non-empty value', steps: [['SETRANGE', 'k', '2', 'xy']], events: [ev('n', 'new', 'k'), ev('$', 'setrange', 'k')] },
  { command: 'SETRANGE', condition: 'existing key, non-empty value (even if unchanged)', setup: [['SET', 'k', 'hello']], steps: [['SETRANGE', 'k', '0', 'J'], ['SETRANGE', 'k', '0', 'J']], events: [ev('$', 'setrange', 'k'), ev('$', 'setrange', 'k')] },
  { command: 'SETRANGE', condition: 'offset out of range, or wrong type (error)', setup: [['SET', 'k', 'v'], ['SADD', 's', 'm']], steps: [['SETRANGE', 'k', '536870912', 'x'], ['SETRANGE', 'k', '-1', 'x'], ['SETRANGE', 's', '0', 'x']], events: [] },
  { command: 'SETRANGE', condition: 'empty value: nothing, key or not', setup: [['SET', 'k', 'hello']], steps: [['SETRANGE', 'k', '1', ''], ['SETRANGE', 'x', '1', ''], ['SETRANGE', 'k', '10', '']], events: [] },
  { command: 'INCR, DECR, INCRBY, DECRBY', condition: 'all notify incrby', steps: [['INCR', 'k'], ['DECR', 'k'], ['INCRBY', 'k', '5'], ['DECRBY', 'k', '2']], events: [ev('n', 'new', 'k'), ev('$', 'incrby', 'k'), ev('$', 'incrby', 'k'), ev('$', 'incrby', 'k'), ev('$', 'incrby', 'k')] },
  { command: 'INCR', condition: 'not an integer, or overflow (error)', setup: [['SET', 'k', 'abc'], ['SET', 'm', '9223372036854775807']], steps: [['INCR', 'k'], ['INCR', 'm'], ['INCRBY', 'k', '0']], events: [] },
  { command: 'INCRBYFLOAT', condition: 'missing, then existing key', steps: [['INCRBYFLOAT', 'k', '1.5'], ['INCRBYFLOAT', 'k', '0']], events: [ev('n', 'new', 'k'), ev('$', 'incrbyfloat', 'k'), ev('$', 'incrbyfloat', 'k')] },
  { command: 'INCRBYFLOAT', condition: 'not a number, or an infinite result (error)', setup: [['SET', 'k', 'abc'], ['SET', 'f', '1']], steps: [['INCRBYFLOAT', 'k', '1'], ['INCRBYFLOAT', 'n', 'x'], ['INCRBYFLOAT', 'f', 'inf']], events: [] },
  // Redis 8.4's additions, run on an 8.6 fake (the profile the fake has); the events were
  // checked by hand against redis-server 8.6.3 with notify-keyspace-events KEA.
  { command: 'MSETEX', since: '8.6.0', condition: 'each key: expire, then set; NX refusing: none', setup: [['SET', 'a', 'x'], ['SET', 'b', 'y']], steps: [['MSETEX', '2', 'a', '1', 'b', '2', 'EX', '100'], ['MSETEX', '1', 'a', '3'], ['MSETEX', '1', 'a', '4', 'NX']], events: [ev('g', 'expire', 'a'), ev('$', 'set', 'a'), ev('g', 'expire', 'b'), ev('$', 'set', 'b'), ev('$', 'set', 'a')] },
  { command: 'SET', since: '8.6.0', condition: 'IFEQ / IFNE met (set, then expire), or not (none)', setup: [['SET', 'a', '3']], steps: [['SET', 'a', '5', 'IFEQ', '3'], ['SET', 'a', '6', 'IFEQ', '5', 'PX', '100000'], ['SET', 'a', '7', 'IFNE', '7'], ['SET', 'a', '8', 'IFEQ', 'x'], ['SET', 'a', '8', 'IFNE', '7']], events: [ev('$', 'set', 'a'), ev('$', 'set', 'a'), ev('g', 'expire', 'a'), ev('$', 'set', 'a')] },
  { command: 'DELEX', since: '8.6.0', condition: 'condition met or none given: del; not met: none', setup: [['SET', 'a', '7'], ['SET', 'b', 'v']], steps: [['DELEX', 'a', 'IFEQ', 'x'], ['DELEX', 'a', 'IFEQ', '7'], ['DELEX', 'b'], ['DIGEST', 'x']], events: [ev('g', 'del', 'a'), ev('g', 'del', 'b')] },
  { command: 'GET, MGET, STRLEN, GETRANGE, LCS', condition: 'reads: no events', setup: [['SET', 'a', 'v'], ['SET', 'b', 'w']], steps: [['GET', 'a'], ['MGET', 'a', 'b'], ['STRLEN', 'a'], ['GETRANGE', 'a', '0', '-1'], ['SUBSTR', 'a', '0', '1'], ['LCS', 'a', 'b']], events: [] },
];

/** Bitmap commands (bitops.c): @fakeredis/strings. */
const bitmapRows: EventRow[] = [
  { command: 'SETBIT', condition: 'missing key', steps: [['SETBIT', 'b', '3', '1']], events: [ev('n', 'new', 'b'), ev('$', 'setbit', 'b')] },
  { command: 'SETBIT', condition: 'bit changes', setup: [['SETBIT', 'b', '3', '1']], steps: [['SETBIT', 'b', '3', '0'], ['SETBIT', 'b', '5', '1']], events: [ev('$', 'setbit', 'b'), ev('$', 'setbit', 'b')] },
  { command: 'SETBIT', condition: 'bit unchanged: nothing', setup: [['SETBIT', 'b', '3', '1']], steps: [['SETBIT', 'b', '3', '1'], ['SETBIT', 'b', '4', '0']], events: [] },
  { command: 'SETBIT', condition: 'clearing a bit past the end grows the string', setup: [['SETBIT', 'b', '3', '1']], steps: [['SETBIT', 'b', '100', '0']], events: [ev('$', 'setbit', 'b')] },
  { command: 'SETBIT', condition: 'missing key, bit 0', steps: [['SETBIT', 'z', '0', '0']], events: [ev('n', 'new', 'z'), ev('$', 'setbit', 'z')] },
  { command: 'BITFIELD', condition: 'SET and INCRBY: one setbit per command', setup: [['SET', 'b', Buffer.from([0])]], steps: [['BITFIELD', 'b', 'SET', 'u8', '0', '1', 'INCRBY', 'u8', '0', '1']], events: [ev('$', 'setbit', 'b')] },
  { command: 'BITFIELD', condition: 'SET to the same value: nothing', setup: [['SET', 'b', Buffer.from([0])]], steps: [['BITFIELD', 'b', 'SET', 'u8', '0', '0'], ['BITFIELD', 'b', 'INCRBY', 'u8', '0', '0']], events: [] },
  { command: 'BITFIELD', condition: 'one change among unchanged fields and reads', setup: [['SET', 'b', Buffer.from([0, 0])]], steps: [['BITFIELD', 'b', 'SET', 'u8', '0', '0', 'GET', 'u8', '8', 'SET', 'u8', '8', '7', 'SET', 'u8', '0', '0']], events: [ev('$', 'setbit', 'b')] },
  { command: 'BITFIELD', condition: 'growing the string with zeros', setup: [['SET', 'b', 'x']], steps: [['BITFIELD', 'b', 'SET', 'u8', '64', '0']], events: [ev('$', 'setbit', 'b')] },
  { command: 'BITFIELD', condition: 'OVERFLOW FAIL refusing one write, accepting another', setup: [['SET', 'b', Buffer.from([255, 0])]], steps: [['BITFIELD', 'b', 'OVERFLOW', 'FAIL', 'INCRBY', 'u8', '0', '1', 'INCRBY', 'u8', '8', '1']], events: [ev('$', 'setbit', 'b')] },
  { command: 'BITFIELD', condition: 'missing key', steps: [['BITFIELD', 'n', 'INCRBY', 'u2', '0', '0']], events: [ev('n', 'new', 'n'), ev('$', 'setbit', 'n')] },
  { command: 'BITFIELD', condition: 'OVERFLOW FAIL refusing every write', setup: [['SET', 'b', Buffer.from([255])]], steps: [['BITFIELD', 'b', 'OVERFLOW', 'FAIL', 'INCRBY', 'u8', '0', '1']], events: [] },
  { command: 'BITFIELD', condition: 'GET only', setup: [['SET', 'b', 'x']], steps: [['BITFIELD', 'b', 'GET', 'u8', '0'], ['BITFIELD_RO', 'b', 'GET', 'u8', '0']], events: [] },
  { command: 'BITOP', condition: 'non-empty result, new then existing destination', setup: [['SET', 'a', 'v']], steps: [['BITOP', 'OR', 'd', 'a'], ['BITOP', 'NOT', 'd', 'a']], events: [ev('n', 'new', 'd'), ev('$', 'set', 'd'), ev('$', 'set', 'd')] },
  { command: 'BITOP', condition: 'wrong type source (error)', setup: [['SADD', 's', 'm'], ['SET', 'd', 'v']], steps: [['BITOP', 'OR', 'd', 's']], events: [] },
  { command: 'BITOP', since: '8.6.0', condition: 'DIFF, ONE (8.2 operators); ANDOR of missing keys deletes', setup: [['SET', 'x', 'abc'], ['SET', 'd', 'v']], steps: [['BITOP', 'DIFF', 'd', 'x', 'x'], ['BITOP', 'ONE', 'd', 'x'], ['BITOP', 'ANDOR', 'd', 'n1', 'n2']], events: [ev('$', 'set', 'd'), ev('$', 'set', 'd'), ev('g', 'del', 'd')] },
  { command: 'BITOP', condition: 'empty result deletes the destination', setup: [['SET', 'd', 'v']], steps: [['BITOP', 'AND', 'd', 'x', 'y'], ['BITOP', 'AND', 'd', 'x']], events: [ev('g', 'del', 'd')] },
];

/** HyperLogLog commands (hyperloglog.c): @fakeredis/strings. */
const hyperLogLogRows: EventRow[] = [
  { command: 'PFADD', condition: 'missing key, even without elements', steps: [['PFADD', 'h'], ['PFADD', 'g', 'a']], events: [ev('n', 'new', 'h'), ev('$', 'pfadd', 'h'), ev('n', 'new', 'g'), ev('$', 'pfadd', 'g')] },
  { command: 'PFADD', condition: 'registers change', setup: [['PFADD', 'h', 'a']], steps: [['PFADD', 'h', 'b']], events: [ev('$', 'pfadd', 'h')] },
  { command: 'PFADD', condition: 'no register changes', setup: [['PFADD', 'h', 'a']], steps: [['PFADD', 'h', 'a'], ['PFADD', 'h']], events: [] },
  { command: 'PFMERGE', condition: 'always notifies pfadd on the destination', setup: [['PFADD', 'h', 'a'], ['PFADD', 'm', 'a']], steps: [['PFMERGE', 'm', 'h'], ['PFMERGE', 'n', 'h'], ['PFMERGE', 'e']], events: [ev('$', 'pfadd', 'm'), ev('n', 'new', 'n'), ev('$', 'pfadd', 'n'), ev('n', 'new', 'e'), ev('$', 'pfadd', 'e')] },
  { command: 'PFADD', condition: 'not a HyperLogLog (error)', setup: [['SET', 'k', 'abc']], steps: [['PFADD', 'k', 'a'], ['PFMERGE', 'k', 'k']], events: [] },
  { command: 'PFCOUNT', condition: 'no events (the cached cardinality is not a change)', setup: [['PFADD', 'h', 'a'], ['PFADD', 'g', 'b']], steps: [['PFCOUNT', 'h'], ['PFCOUNT', 'h', 'g']], events: [] },
];

/** This package's sections of the keyspace event table (test/keyspace-events/table.test.ts runs them, the README shows them). */
export const eventSections: EventTableSection[] = [
  { title: 'Strings', rows: stringRows },
  { title: 'Bitmaps', rows: bitmapRows },
  { title: 'HyperLogLog', rows: hyperLogLogRows },
];
