import { bin, runAllVersions } from './server.js';

// XADD, XRANGE, XREVRANGE, XLEN, XDEL: ids, options, errors, replies, events.
runAllVersions('streams: XADD and ranges', [
  { name: 'XADD explicit ids, ms-* and reads', events: true, steps: [
    ['XADD', 's', '1-1', 'a', '1'], ['XADD', 's', '1-*', 'b', '2'], ['XADD', 's', '2', 'c', '3'], ['XADD', 's', '2-*', 'c', '4'], ['XADD', 's', '5-0', 'a', '1', 'b', '2'],
    ['XRANGE', 's', '-', '+'], ['XREVRANGE', 's', '+', '-'], ['XLEN', 's'], ['TYPE', 's'], ['OBJECT', 'ENCODING', 's'], ['EXISTS', 's'],
  ] },
  { name: 'XADD id errors', steps: [
    ['XADD', 's', '0-0', 'a', '1'], ['XADD', 's', '0', 'a', '1'], ['XADD', 's', '0-1', 'a', '1'], ['XADD', 's', '0-1', 'a', '1'], ['XADD', 's', '0-0', 'a', '1'],
    ['XADD', 's', '0-*', 'a', '1'], ['XADD', 's', 'x', 'a', '1'], ['XADD', 's', '-', 'a', '1'], ['XADD', 's', '+', 'a', '1'], ['XADD', 's', '1-x', 'a', '1'],
    ['XADD', 's', '-1', 'a', '1'], ['XADD', 's', '1-', 'a', '1'], ['XADD', 's', ' 5', 'a', '1'], ['XADD', 's', '+6-0', 'a', '1'], ['XADD', 's', '007-1', 'a', '1'],
    ['XADD', 's', '18446744073709551616-0', 'a', '1'], ['XADD', 's', '-0-5', 'a', '1'], ['XADD', 's', '*-1', 'a', '1'], ['XADD', 's', '10-**', 'a', '1'],
    ['XADD', 's', '18446744073709551615-18446744073709551614', 'a', '1'], ['XADD', 's', '18446744073709551615-*', 'a', '1'], ['XADD', 's', '*', 'a', '1'],
    ['XRANGE', 's', '-', '+'], ['XINFO', 'STREAM', 's'],
  ] },
  { name: 'XADD auto-sequence at the last sequence', steps: [
    ['XADD', 's', '5-18446744073709551615', 'a', '1'], ['XADD', 's', '5-*', 'a', '1'], ['XADD', 's', '6-*', 'a', '1'], ['XRANGE', 's', '-', '+'],
  ] },
  { name: 'XADD arity and options', steps: [
    ['XADD', 's', '*', 'a'], ['XADD', 's', '1-1', 'a', '1', 'b'], ['XADD', 's', 'NOMKSTREAM', '1-1', 'a', '1'], ['EXISTS', 's'], ['XADD', 's', 'MAXLEN'],
    ['XADD', 's', 'MAXLEN', '1'], ['XADD', 's', 'MAXLEN', '-1', '*', 'a', '1'], ['XADD', 's', 'MAXLEN', 'x', '*', 'a', '1'], ['XADD', 's', 'MAXLEN', '1', 'MINID', '1', '*', 'a', '1'],
    ['XADD', 's', 'MINID', 'x', '*', 'a', '1'], ['XADD', 's', 'MINID', '-', '*', 'a', '1'], ['XADD', 's', 'LIMIT', '10', '*', 'a', '1'], ['XADD', 's', 'LIMIT', '0', '1-1', 'a', '1'],
    ['XADD', 's', 'MAXLEN', '5', 'LIMIT', '10', '*', 'a', '1'], ['XADD', 's', 'MAXLEN', '~', '5', 'LIMIT', '-1', '*', 'a', '1'], ['XADD', 's', 'MAXLEN', '=', '5', 'LIMIT', '10', '*', 'a', '1'],
    ['XADD', 's', 'nomkstream', 'maxlen', '~', '5', 'limit', '10', '2-1', 'a', '1'], ['XADD', 's', 'BADOPT', 'a', '1'], ['XADD', 's', '*'], ['XLEN', 's'], ['XRANGE', 's', '-', '+'],
  ] },
  { name: 'XADD on other types and NOMKSTREAM', events: true, steps: [
    ['SET', 'str', 'v'], ['XADD', 'str', '*', 'a', '1'], ['XADD', 'str', 'NOMKSTREAM', '*', 'a', '1'], ['XADD', 'missing', 'NOMKSTREAM', '*', 'a', '1'], ['EXISTS', 'missing'],
    ['XADD', 'x', '1-1', 'f', 'v'], ['XADD', 'x', 'NOMKSTREAM', '2-1', 'f', 'v'], ['XLEN', 'x'],
  ] },
  { name: 'field values: binary, integers, empty, repeated fields', steps: [
    ['XADD', 's', '1-1', '', '', bin(0, 255), bin(1, 2), '12', '-7', 'f', 'f'], ['XADD', 's', '1-2', '12', 'x', '12', 'y'], ['XRANGE', 's', '-', '+'], ['MEMORY', 'USAGE', 's'],
  ] },
  { name: 'XRANGE bounds: incomplete, exclusive, COUNT', steps: [
    ['XADD', 's', '1-0', 'a', '1'], ['XADD', 's', '1-5', 'a', '2'], ['XADD', 's', '2-0', 'a', '3'], ['XADD', 's', '3-7', 'a', '4'],
    ['XRANGE', 's', '1', '1'], ['XRANGE', 's', '(1-0', '+'], ['XRANGE', 's', '-', '(3-7'], ['XRANGE', 's', '(1', '(3'], ['XRANGE', 's', '2', '+', 'COUNT', '1'],
    ['XRANGE', 's', '-', '+', 'COUNT', '0'], ['XRANGE', 's', '-', '+', 'COUNT', '-1'], ['XRANGE', 's', '-', '+', 'count', '2', 'COUNT', '3'], ['XREVRANGE', 's', '(3-7', '(1-0'],
    ['XREVRANGE', 's', '+', '-', 'COUNT', '2'], ['XREVRANGE', 's', '3', '2'], ['XRANGE', 's', '3', '1'], ['XREVRANGE', 's', '1', '3'], ['XRANGE', 's', '(-', '+'], ['XRANGE', 's', '-', '(+'],
    ['XRANGE', 's', '(18446744073709551615-18446744073709551615', '+'], ['XRANGE', 's', '-', '(0-0'], ['XRANGE', 's', '(', '+'], ['XRANGE', 's', 'x', '+'], ['XRANGE', 's', '-', '+', 'COUNT'],
    ['XRANGE', 's', '-', '+', 'COUNT', 'x'], ['XRANGE', 's', '-', '+', 'LIMIT', '1'], ['XRANGE', 'missing', '-', '+'], ['XRANGE', 'missing', '-', '+', 'COUNT', '0'], ['XREVRANGE', 'missing', '+', '-'],
    ['XRANGE', 'missing', 'x', '+'], ['XRANGE', 's', '18446744073709551615', '+'],
  ] },
  { name: 'XLEN, XRANGE and XDEL on other types', steps: [
    ['SET', 'str', 'v'], ['XLEN', 'str'], ['XRANGE', 'str', '-', '+'], ['XREVRANGE', 'str', '+', '-'], ['XDEL', 'str', '1-1'], ['XTRIM', 'str', 'MAXLEN', '1'], ['XLEN', 'missing'],
  ] },
  { name: 'XDEL: counts, tombstones, first entry, max-deleted id', events: true, steps: [
    ['XADD', 's', '1-1', 'a', '1'], ['XADD', 's', '2-1', 'a', '2'], ['XADD', 's', '3-1', 'a', '3'], ['XDEL', 's', '1-1', '1-1', '9-9'], ['XINFO', 'STREAM', 's'],
    ['XDEL', 's', '3-1'], ['XINFO', 'STREAM', 's'], ['XDEL', 's', '2-1'], ['XINFO', 'STREAM', 's'], ['XLEN', 's'], ['EXISTS', 's'], ['XADD', 's', '2-5', 'a', 'x'], ['XADD', 's', '4-1', 'a', 'x'],
    ['XINFO', 'STREAM', 's'], ['XDEL', 'missing', 'x'], ['XDEL', 's', 'x'], ['XDEL', 's', '4-1', 'x'], ['XLEN', 's'], ['XDEL', 's', '-'], ['XDEL', 's', '4'],
  ] },
  { name: 'WATCH sees XADD and XDEL, not reads', steps: [
    ['XADD', 's', '1-1', 'a', '1'], ['WATCH', 's'], ['XRANGE', 's', '-', '+'], ['XDEL', 's', '5-5'], ['MULTI'], ['XLEN', 's'], ['EXEC'],
    ['WATCH', 's'], ['XDEL', 's', '1-1'], ['MULTI'], ['XLEN', 's'], ['EXEC'], ['WATCH', 's'], ['XADD', 's', '9-9', 'a', '1'], ['MULTI'], ['XLEN', 's'], ['EXEC'],
  ] },
  { name: 'generic commands: COPY, RENAME, DUMP-free, SCAN TYPE, DEL', steps: [
    ['XADD', 's', '1-1', 'a', '1'], ['XGROUP', 'CREATE', 's', 'g', '0'], ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 's', '>'], ['COPY', 's', 't'], { cmd: ['XINFO', 'STREAM', 't', 'FULL'], compare: 'shape' }, ['XINFO', 'GROUPS', 't'], ['XPENDING', 't', 'g'],
    ['XADD', 't', '2-1', 'b', '2'], ['XLEN', 's'], ['XLEN', 't'], ['RENAME', 't', 'u'], ['XRANGE', 'u', '-', '+'], ['SCAN', '0', 'TYPE', 'stream', 'MATCH', 'u'], ['SCAN', '0', 'TYPE', 'string'], ['MEMORY', 'USAGE', 's'], ['MEMORY', 'USAGE', 'u'],
    ['DEL', 's'], ['EXISTS', 's'],
  ] },
]);
