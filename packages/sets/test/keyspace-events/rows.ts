import { ev, type EventRow, type EventTableSection } from '@fakeredis/tooling/conformance';

/** Set commands (t_set.c): @fakeredis/sets. */
const setRows: EventRow[] = [
  { command: 'SADD', condition: 'missing key', steps: [['SADD', 's', 'a', 'b']], events: [ev('n', 'new', 's'), ev('s', 'sadd', 's')] },
  { command: 'SADD', condition: 'some members new', setup: [['SADD', 's', 'a']], steps: [['SADD', 's', 'a', 'b']], events: [ev('s', 'sadd', 's')] },
  { command: 'SADD', condition: 'no member new', setup: [['SADD', 's', 'a']], steps: [['SADD', 's', 'a', 'a']], events: [] },
  { command: 'SADD', condition: 'wrong type (error)', setup: [['SET', 'k', 'v']], steps: [['SADD', 'k', 'a']], events: [] },
  { command: 'SREM', condition: 'some members removed', setup: [['SADD', 's', 'a', 'b']], steps: [['SREM', 's', 'a', 'x']], events: [ev('s', 'srem', 's')] },
  { command: 'SREM', condition: 'last member removed: srem then del', setup: [['SADD', 's', 'a', 'b']], steps: [['SREM', 's', 'a', 'b', 'c']], events: [ev('s', 'srem', 's'), ev('g', 'del', 's')] },
  { command: 'SREM', condition: 'nothing removed, or missing key', setup: [['SADD', 's', 'a']], steps: [['SREM', 's', 'x'], ['SREM', 'm', 'a']], events: [] },
  { command: 'SMOVE', condition: 'to a new destination', setup: [['SADD', 's', 'a', 'b']], steps: [['SMOVE', 's', 'd', 'a']], events: [ev('s', 'srem', 's'), ev('n', 'new', 'd'), ev('s', 'sadd', 'd')] },
  { command: 'SMOVE', condition: 'last member: source deleted before the destination changes', setup: [['SADD', 's', 'a'], ['SADD', 'd', 'x']], steps: [['SMOVE', 's', 'd', 'a']], events: [ev('s', 'srem', 's'), ev('g', 'del', 's'), ev('s', 'sadd', 'd')] },
  { command: 'SMOVE', condition: 'member already in the destination: no sadd', setup: [['SADD', 's', 'a', 'b'], ['SADD', 'd', 'a']], steps: [['SMOVE', 's', 'd', 'a']], events: [ev('s', 'srem', 's')] },
  { command: 'SMOVE', condition: 'destination of another type (error)', setup: [['SADD', 's', 'a'], ['SET', 'd', 'v']], steps: [['SMOVE', 's', 'd', 'a']], events: [] },
  { command: 'SMOVE', condition: 'member missing, or same source and destination', setup: [['SADD', 's', 'a']], steps: [['SMOVE', 's', 'd', 'x'], ['SMOVE', 's', 's', 'a'], ['SMOVE', 'm', 'd', 'a']], events: [] },
  { command: 'SPOP', condition: 'one member', setup: [['SADD', 's', 'a', 'b']], steps: [{ cmd: ['SPOP', 's'], compare: 'shape' }], events: [ev('s', 'spop', 's')] },
  { command: 'SPOP', condition: 'last member: spop then del', setup: [['SADD', 's', 'a']], steps: [['SPOP', 's']], events: [ev('s', 'spop', 's'), ev('g', 'del', 's')] },
  { command: 'SPOP', condition: 'COUNT smaller than the set: one spop', setup: [['SADD', 's', 'a', 'b', 'c', 'd']], steps: [{ cmd: ['SPOP', 's', '2'], compare: 'shape' }], events: [ev('s', 'spop', 's')] },
  { command: 'SPOP', condition: 'COUNT covering the set: spop then del', setup: [['SADD', 's', 'a', 'b']], steps: [{ cmd: ['SPOP', 's', '5'], compare: 'unordered' }], events: [ev('s', 'spop', 's'), ev('g', 'del', 's')] },
  { command: 'SPOP', condition: 'COUNT 0, missing key, or wrong type', setup: [['SET', 'k', 'v']], steps: [['SPOP', 'k'], ['SPOP', 'k', '2']], events: [] },
  { command: 'SPOP', condition: 'COUNT 0, or missing key', setup: [['SADD', 's', 'a']], steps: [['SPOP', 's', '0'], ['SPOP', 'm'], ['SPOP', 'm', '3']], events: [] },
  { command: 'SINTERSTORE', condition: 'non-empty result, new then existing destination', setup: [['SADD', 'a', '1', '2'], ['SADD', 'b', '2', '3']], steps: [['SINTERSTORE', 'd', 'a', 'b'], ['SINTERSTORE', 'd', 'a']], events: [ev('n', 'new', 'd'), ev('s', 'sinterstore', 'd'), ev('s', 'sinterstore', 'd')] },
  { command: 'SINTERSTORE', condition: 'empty result deletes the destination', setup: [['SADD', 'a', '1'], ['SADD', 'b', '2'], ['SET', 'd', 'v'], ['SET', 'e', 'v']], steps: [['SINTERSTORE', 'd', 'a', 'b'], ['SINTERSTORE', 'e', 'a', 'missing'], ['SINTERSTORE', 'f', 'a', 'b']], events: [ev('g', 'del', 'd'), ev('g', 'del', 'e')] },
  { command: 'SUNIONSTORE', condition: 'non-empty result', setup: [['SADD', 'a', '1'], ['SET', 'd', 'v']], steps: [['SUNIONSTORE', 'd', 'a', 'x'], ['SUNIONSTORE', 'n', 'a']], events: [ev('s', 'sunionstore', 'd'), ev('n', 'new', 'n'), ev('s', 'sunionstore', 'n')] },
  { command: 'SUNIONSTORE', condition: 'over a destination of another type: replaced, no del, no new', setup: [['SADD', 'a', '1'], ['SET', 'd', 'v', 'EX', '100']], steps: [['SUNIONSTORE', 'd', 'a'], ['TTL', 'd']], events: [ev('s', 'sunionstore', 'd')] },
  { command: 'SUNIONSTORE', condition: 'empty result deletes the destination', setup: [['SET', 'd', 'v']], steps: [['SUNIONSTORE', 'd', 'x', 'y'], ['SUNIONSTORE', 'e', 'x']], events: [ev('g', 'del', 'd')] },
  { command: 'SDIFFSTORE', condition: 'non-empty result', setup: [['SADD', 'a', '1', '2'], ['SADD', 'b', '2']], steps: [['SDIFFSTORE', 'd', 'a', 'b']], events: [ev('n', 'new', 'd'), ev('s', 'sdiffstore', 'd')] },
  { command: 'SDIFFSTORE', condition: 'empty result deletes the destination', setup: [['SADD', 'a', '1'], ['SADD', 'd', 'x']], steps: [['SDIFFSTORE', 'd', 'a', 'a'], ['SDIFFSTORE', 'd', 'missing', 'a']], events: [ev('g', 'del', 'd')] },
  { command: 'SINTERSTORE', condition: 'the destination is a source, empty result', setup: [['SADD', 'a', '1'], ['SADD', 'b', '2']], steps: [['SINTERSTORE', 'a', 'a', 'b']], events: [ev('g', 'del', 'a')] },
  { command: 'SINTERSTORE', condition: 'wrong type source (error)', setup: [['SADD', 'a', '1'], ['SET', 'k', 'v'], ['SADD', 'd', 'x']], steps: [['SINTERSTORE', 'd', 'a', 'k'], ['SUNIONSTORE', 'd', 'k'], ['SDIFFSTORE', 'd', 'a', 'k']], events: [] },
  { command: 'SDIFFSTORE', condition: 'the destination is a source', setup: [['SADD', 'd', '1', '2'], ['SADD', 'b', '2']], steps: [['SDIFFSTORE', 'd', 'd', 'b']], events: [ev('s', 'sdiffstore', 'd')] },
  { command: 'SMEMBERS, SISMEMBER, SMISMEMBER, SCARD, SRANDMEMBER, SINTER, SINTERCARD, SUNION, SDIFF, SSCAN', condition: 'reads: no events', setup: [['SADD', 'a', '1', '2'], ['SADD', 'b', '2']], steps: [{ cmd: ['SMEMBERS', 'a'], compare: 'unordered' }, ['SISMEMBER', 'a', '1'], ['SMISMEMBER', 'a', '1', '3'], ['SCARD', 'a'], { cmd: ['SRANDMEMBER', 'a'], compare: 'shape' }, ['SINTER', 'a', 'b'], ['SINTERCARD', '2', 'a', 'b'], { cmd: ['SUNION', 'a', 'b'], compare: 'unordered' }, ['SDIFF', 'a', 'b'], { cmd: ['SSCAN', 'a', '0'], compare: 'shape' }], events: [] },
];

/** This package's sections of the keyspace event table (test/keyspace-events/table.test.ts runs them, the README shows them). */
export const eventSections: EventTableSection[] = [
  { title: 'Sets', rows: setRows },
];
