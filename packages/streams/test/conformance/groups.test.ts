import { runAllVersions } from './server.js';

const adds = (key: string, n: number, from = 1): string[][] => Array.from({ length: n }, (_, i) => ['XADD', key, `${from + i}-1`, 'f', `v${from + i}`]);
/** Idle times and seen times differ by a millisecond or two between servers. */
const noTimes = { except: ['idle', 'seen-time', 'active-time', 'inactive'] } as const;

// XGROUP, XREADGROUP (no blocking), XACK, XPENDING, XCLAIM, XAUTOCLAIM, XINFO GROUPS / CONSUMERS, XSETID.
runAllVersions('streams: consumer groups', [
  { name: 'XGROUP CREATE, MKSTREAM, ENTRIESREAD, BUSYGROUP', events: true, steps: [
    ['XGROUP', 'CREATE', 's', 'g', '$'], ['XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM'], ['XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM'], ['EXISTS', 's'], ...adds('s', 3),
    ['XGROUP', 'CREATE', 's', 'g2', '0', 'ENTRIESREAD', '1'], ['XGROUP', 'CREATE', 's', 'g3', '$'], ['XGROUP', 'CREATE', 's', 'g4', '2-1', 'ENTRIESREAD', '-1'], ['XINFO', 'GROUPS', 's'],
    ['XGROUP', 'CREATE', 's', 'g5', '0', 'ENTRIESREAD', '-2'], ['XGROUP', 'CREATE', 's', 'g5', '0', 'ENTRIESREAD', 'x'], ['XGROUP', 'CREATE', 's', 'g5', '0', 'ENTRIESREAD'],
    ['XGROUP', 'CREATE', 's', 'g5', '0', 'FOO'], ['XGROUP', 'CREATE', 's', 'g5', 'x'], ['XGROUP', 'CREATE', 's', 'g5', '-'], ['XGROUP', 'CREATE', 's', 'g5', '+'],
    ['XGROUP', 'CREATE', 's', 'g5', '0', 'MKSTREAM', 'MKSTREAM', 'MKSTREAM', 'MKSTREAM'], ['XGROUP', 'CREATE', 'missing', 'g', '0'], ['XGROUP', 'CREATE', 'missing', 'g', 'x', 'MKSTREAM'],
    ['EXISTS', 'missing'], ['SET', 'str', 'v'], ['XGROUP', 'CREATE', 'str', 'g', '0'], ['XGROUP', 'CREATE', 'str', 'g', '0', 'MKSTREAM'], ['XGROUP', 'CREATE', 's'], ['XINFO', 'STREAM', 's'],
  ] },
  { name: 'XGROUP SETID, DESTROY, CREATECONSUMER, DELCONSUMER, HELP', events: true, steps: [
    ...adds('s', 3), ['XGROUP', 'CREATE', 's', 'g', '0'], ['XGROUP', 'SETID', 's', 'g', '2-1'], ['XINFO', 'GROUPS', 's'], ['XGROUP', 'SETID', 's', 'g', '$', 'ENTRIESREAD', '3'],
    ['XINFO', 'GROUPS', 's'], ['XGROUP', 'SETID', 's', 'g', '-'], ['XINFO', 'GROUPS', 's'], ['XGROUP', 'SETID', 's', 'nog', '0'], ['XGROUP', 'SETID', 's', 'g', '0', 'MKSTREAM'],
    ['XGROUP', 'SETID', 's', 'g', '0', 'ENTRIESREAD', '1', 'X'], ['XGROUP', 'SETID', 's', 'g', 'x'], ['XGROUP', 'SETID', 'missing', 'g', '0'],
    ['XGROUP', 'CREATECONSUMER', 's', 'g', 'c1'], ['XGROUP', 'CREATECONSUMER', 's', 'g', 'c1'], ['XGROUP', 'CREATECONSUMER', 's', 'nog', 'c1'], ['XGROUP', 'CREATECONSUMER', 's', 'g', 'c0'],
    { cmd: ['XINFO', 'CONSUMERS', 's', 'g'], compare: noTimes }, ['XREADGROUP', 'GROUP', 'g', 'c1', 'STREAMS', 's', '>'], ['XGROUP', 'DELCONSUMER', 's', 'g', 'c1'], ['XGROUP', 'DELCONSUMER', 's', 'g', 'c1'],
    ['XGROUP', 'DELCONSUMER', 's', 'nog', 'c1'], ['XPENDING', 's', 'g'], ['XGROUP', 'DESTROY', 's', 'g'], ['XGROUP', 'DESTROY', 's', 'g'], ['XGROUP', 'DESTROY', 'missing', 'g'],
    ['XGROUP', 'HELP'], ['XGROUP', 'help', 'x'], ['XGROUP', 'FOO', 's', 'g'], ['XGROUP'], ['XGROUP', 'DESTROY', 's'], ['XINFO', 'STREAM', 's'],
  ] },
  { name: 'XREADGROUP: new entries, history, NOACK, counters and lag', events: true, steps: [
    ...adds('s', 5), ['XGROUP', 'CREATE', 's', 'g', '0'], ['XREADGROUP', 'GROUP', 'g', 'alice', 'COUNT', '2', 'STREAMS', 's', '>'], ['XINFO', 'GROUPS', 's'],
    ['XREADGROUP', 'GROUP', 'g', 'bob', 'COUNT', '1', 'NOACK', 'STREAMS', 's', '>'], ['XREADGROUP', 'GROUP', 'g', 'alice', 'STREAMS', 's', '0'], ['XREADGROUP', 'GROUP', 'g', 'alice', 'COUNT', '1', 'STREAMS', 's', '1-1'],
    ['XREADGROUP', 'GROUP', 'g', 'bob', 'STREAMS', 's', '0'], ['XREADGROUP', 'GROUP', 'g', 'carol', 'STREAMS', 's', '>'], ['XREADGROUP', 'GROUP', 'g', 'carol', 'STREAMS', 's', '>'],
    ['XINFO', 'GROUPS', 's'], { cmd: ['XINFO', 'CONSUMERS', 's', 'g'], compare: noTimes }, ['XPENDING', 's', 'g'], ['XDEL', 's', '1-1'], ['XREADGROUP', 'GROUP', 'g', 'alice', 'STREAMS', 's', '0'],
    ['XINFO', 'GROUPS', 's'], ['XADD', 's', '6-1', 'f', 'v6'], ['XINFO', 'GROUPS', 's'], ['XREADGROUP', 'GROUP', 'g', 'dave', 'STREAMS', 's', '>'], ['XINFO', 'GROUPS', 's'],
  ] },
  { name: 'XREADGROUP on several streams and errors', steps: [
    ...adds('a', 2), ...adds('b', 2), ['XGROUP', 'CREATE', 'a', 'g', '0'], ['XGROUP', 'CREATE', 'b', 'g', '$'], ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 'a', 'b', '>', '>'],
    ['XADD', 'b', '9-1', 'x', 'y'], ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 'a', 'b', '>', '>'], ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 'a', 'b', '0', '>'],
    ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 'a', 'missing', '>', '>'], ['XREADGROUP', 'GROUP', 'nog', 'c', 'STREAMS', 'a', '>'], ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 'a', '$'],
    ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 'a', 'x'], ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 'a'], ['XREADGROUP', 'GROUP', 'g', 'STREAMS', 'a', '>'], ['XREADGROUP', 'STREAMS', 'a', '>'],
    ['XREADGROUP', 'GROUP', 'g', 'c', 'COUNT', 'x', 'STREAMS', 'a', '>'], ['XREADGROUP', 'GROUP', 'g', 'c', 'FOO', 'STREAMS', 'a', '>'], ['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', 'x', 'STREAMS', 'a', '>'],
    ['SET', 'str', 'v'], ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 'str', '>'], ['XREADGROUP', 'GROUP', 'g', 'c', 'COUNT', '-5', 'STREAMS', 'a', '0'], ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 'a', '+'],
    ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 'a', '-'],
  ] },
  { name: 'XACK', steps: [
    ...adds('s', 4), ['XGROUP', 'CREATE', 's', 'g', '0'], ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 's', '>'], ['XACK', 's', 'g', '1-1', '1-1', '3-1', '9-9'], ['XPENDING', 's', 'g'],
    ['XACK', 's', 'g', 'x'], ['XACK', 's', 'g', '2-1', 'x'], ['XACK', 's', 'nog', 'x'], ['XACK', 'missing', 'g', 'x'], ['XACK', 's', 'g', '2'], ['XPENDING', 's', 'g'], ['SET', 'str', 'v'], ['XACK', 'str', 'g', '1-1'],
  ] },
  { name: 'XPENDING summary and extended forms', steps: [
    ...adds('s', 6), ['XGROUP', 'CREATE', 's', 'g', '0'], ['XPENDING', 's', 'g'], ['XREADGROUP', 'GROUP', 'g', 'b', 'COUNT', '2', 'STREAMS', 's', '>'],
    ['XREADGROUP', 'GROUP', 'g', 'a', 'COUNT', '3', 'STREAMS', 's', '>'], ['XPENDING', 's', 'g'], { cmd: ['XPENDING', 's', 'g', '-', '+', '10'], compare: 'shape' },
    ['XPENDING', 's', 'g', '-', '+', '0'], ['XPENDING', 's', 'g', '-', '+', '-1'], ['XPENDING', 's', 'g', '-', '+', '10', 'nobody'],
    { cmd: ['XPENDING', 's', 'g', '(2-1', '(5-1', '2', 'a'], compare: 'shape' }, ['XPENDING', 's', 'g', 'IDLE', '100000', '-', '+', '10'], { cmd: ['XPENDING', 's', 'g', 'IDLE', '0', '-', '+', '10', 'b'], compare: 'shape' },
    ['XPENDING', 's', 'g', '-'], ['XPENDING', 's', 'g', '-', '+'], ['XPENDING', 's', 'g', 'IDLE', '10', '-', '+'], ['XPENDING', 's', 'g', 'IDLE', 'x', '-', '+', '10'], ['XPENDING', 's', 'g', '-', '+', 'x'],
    ['XPENDING', 's', 'g', 'x', '+', '10'], ['XPENDING', 's', 'g', '(+', '+', '10'], ['XPENDING', 's', 'g', '-', '(-', '10'], ['XPENDING', 's', 'g', '-', '+', '10', 'a', 'b', 'c', 'd'],
    ['XPENDING', 's', 'nog'], ['XPENDING', 'missing', 'g'], ['XPENDING', 'missing', 'g', 'x', '+', '10'], ['SET', 'str', 'v'], ['XPENDING', 'str', 'g'],
  ] },
  { name: 'XCLAIM: ownership, JUSTID, FORCE, RETRYCOUNT, LASTID, deleted entries', events: true, steps: [
    ...adds('s', 4), ['XGROUP', 'CREATE', 's', 'g', '0'], ['XREADGROUP', 'GROUP', 'g', 'a', 'COUNT', '3', 'STREAMS', 's', '>'], ['XCLAIM', 's', 'g', 'b', '0', '1-1', '2-1'],
    ['XPENDING', 's', 'g'], ['XCLAIM', 's', 'g', 'b', '100000', '3-1'], ['XCLAIM', 's', 'g', 'c', '0', '3-1', 'JUSTID'], ['XCLAIM', 's', 'g', 'c', '0', '4-1'], ['XCLAIM', 's', 'g', 'c', '0', '4-1', 'FORCE', 'JUSTID'],
    ['XCLAIM', 's', 'g', 'c', '0', '9-1', 'FORCE'], ['XCLAIM', 's', 'g', 'a', '0', '1-1', 'RETRYCOUNT', '7', 'IDLE', '5000', 'JUSTID'], { cmd: ['XPENDING', 's', 'g', '-', '+', '10'], compare: 'shape' },
    { cmd: ['XPENDING', 's', 'g', 'IDLE', '4000', '-', '+', '10', 'a'], compare: 'shape' }, ['XCLAIM', 's', 'g', 'a', '0', '2-1', 'LASTID', '10-1'], ['XINFO', 'GROUPS', 's'], ['XDEL', 's', '2-1'],
    ['XCLAIM', 's', 'g', 'a', '0', '2-1'], ['XPENDING', 's', 'g'], ['XCLAIM', 's', 'g', 'a', '0', '1-1', 'TIME', '0', 'RETRYCOUNT', '-3'],
  ] },
  { name: 'XCLAIM errors', steps: [
    ...adds('s', 2), ['XGROUP', 'CREATE', 's', 'g', '0'], ['XCLAIM', 's', 'nog', 'c', '0', '1-1'], ['XCLAIM', 'missing', 'g', 'c', '0', '1-1'], ['XCLAIM', 's', 'g', 'c', 'x', '1-1'],
    ['XCLAIM', 's', 'g', 'c', '0', 'x'], ['XCLAIM', 's', 'g', 'c', '0', '1-1', 'IDLE', 'x'], ['XCLAIM', 's', 'g', 'c', '0', '1-1', 'TIME', 'x'], ['XCLAIM', 's', 'g', 'c', '0', '1-1', 'RETRYCOUNT', 'x'],
    ['XCLAIM', 's', 'g', 'c', '0', '1-1', 'LASTID', 'x'], ['XCLAIM', 's', 'g', 'c', '0', '1-1', 'IDLE'], ['XCLAIM', 's', 'g', 'c', '0', '1-1', 'FORCE', '2-1'], ['XCLAIM', 's', 'g', 'c', '-5', '1-1'],
    ['SET', 'str', 'v'], ['XCLAIM', 'str', 'g', 'c', '0', '1-1'], { cmd: ['XINFO', 'CONSUMERS', 's', 'g'], compare: noTimes },
  ] },
  { name: 'XAUTOCLAIM: cursor, COUNT, JUSTID, deleted entries', events: true, steps: [
    ...adds('s', 6), ['XGROUP', 'CREATE', 's', 'g', '0'], ['XREADGROUP', 'GROUP', 'g', 'a', 'STREAMS', 's', '>'], ['XAUTOCLAIM', 's', 'g', 'b', '0', '0', 'COUNT', '2'],
    ['XAUTOCLAIM', 's', 'g', 'b', '0', '(2-1', 'COUNT', '2', 'JUSTID'], ['XDEL', 's', '5-1', '6-1'], ['XAUTOCLAIM', 's', 'g', 'c', '0', '5-0'], ['XAUTOCLAIM', 's', 'g', 'c', '100000', '-'],
    ['XAUTOCLAIM', 's', 'g', 'c', '0', '-', 'COUNT', '1'], ['XPENDING', 's', 'g'], ['XAUTOCLAIM', 's', 'g', 'c', '0', '+'], ['XDEL', 's', '1-1', '2-1', '3-1'],
    ['XAUTOCLAIM', 's', 'g', 'd', '0', '-', 'COUNT', '2'], ['XAUTOCLAIM', 's', 'g', 'd', '0', '-'], { cmd: ['XINFO', 'CONSUMERS', 's', 'g'], compare: noTimes },
  ] },
  { name: 'XAUTOCLAIM errors', steps: [
    ...adds('s', 2), ['XGROUP', 'CREATE', 's', 'g', '0'], ['XAUTOCLAIM', 's', 'nog', 'c', '0', '0'], ['XAUTOCLAIM', 'missing', 'g', 'c', '0', '0'], ['XAUTOCLAIM', 's', 'g', 'c', 'x', '0'],
    ['XAUTOCLAIM', 's', 'g', 'c', '0', 'x'], ['XAUTOCLAIM', 's', 'g', 'c', '0', '0', 'COUNT', '0'], ['XAUTOCLAIM', 's', 'g', 'c', '0', '0', 'COUNT', 'x'],
    ['XAUTOCLAIM', 's', 'g', 'c', '0', '0', 'COUNT', '576460752303423488'], ['XAUTOCLAIM', 's', 'g', 'c', '0', '0', 'COUNT'], ['XAUTOCLAIM', 's', 'g', 'c', '0', '0', 'FOO'],
    ['XAUTOCLAIM', 'missing', 'g', 'c', 'x', '0'], ['XAUTOCLAIM', 's', 'g', 'c', '0', '(18446744073709551615-18446744073709551615'], ['SET', 'str', 'v'], ['XAUTOCLAIM', 'str', 'g', 'c', '0', '0'],
  ] },
  { name: 'XINFO errors and HELP', steps: [
    ...adds('s', 2), ['XINFO', 'STREAM', 'missing'], ['XINFO', 'GROUPS', 'missing'], ['XINFO', 'CONSUMERS', 's', 'nog'], ['XINFO', 'CONSUMERS', 'missing', 'g'], ['XINFO', 'STREAM', 's', 'FULL', 'COUNT'],
    ['XINFO', 'STREAM', 's', 'FOO'], ['XINFO', 'STREAM', 's', 'FULL', 'FOO', '1'], ['XINFO', 'STREAM', 's', 'FULL', 'COUNT', 'x'], ['XINFO', 'STREAM', 's', 'FULL', 'COUNT', '-1'],
    ['XINFO', 'STREAM', 's', 'FULL', 'COUNT', '1'], ['XINFO', 'STREAM', 's', 'FULL', 'COUNT', '0'], ['XINFO', 'HELP'], ['XINFO', 'FOO', 's'], ['XINFO'], ['SET', 'str', 'v'], ['XINFO', 'STREAM', 'str'],
    ['XINFO', 'GROUPS', 's'], ['XINFO', 'STREAM', 's', 'FULL'],
  ] },
  { name: 'XSETID', events: true, steps: [
    ...adds('s', 3), ['XSETID', 's', '2-1'], ['XSETID', 's', '3-1'], ['XSETID', 's', '10-0', 'ENTRIESADDED', '5', 'MAXDELETEDID', '4-0'], ['XINFO', 'STREAM', 's'],
    ['XSETID', 's', '11-0', 'ENTRIESADDED', '2'], ['XSETID', 's', '11-0', 'ENTRIESADDED', '-1'], ['XSETID', 's', '11-0', 'MAXDELETEDID', '12-0'], ['XSETID', 's', '11-0', 'FOO'],
    ['XSETID', 's', 'x'], ['XSETID', 's', '+'], ['XSETID', 'missing', '1-1'], ['XSETID', 'missing', 'x'], ['XADD', 's', '10-0', 'f', 'v'], ['XADD', 's', '20-*', 'f', 'v'], ['XLEN', 's'],
    ['XDEL', 's', '1-1', '2-1', '3-1'], ['XSETID', 's', '0-1'], ['XINFO', 'STREAM', 's'], ['XTRIM', 's', 'MAXLEN', '0'], ['XSETID', 's', '0-1'], ['XINFO', 'STREAM', 's'],
    ['XADD', 's', '0-2', 'f', 'v'], ['SET', 'str', 'v'], ['XSETID', 'str', '1-1'], ['XSETID', 's', '5-0', 'ENTRIESADDED', '1', 'ENTRIESADDED', '9'],
  ] },
  { name: 'lag and entries-read after XDEL, XTRIM and SETID', steps: [
    ...adds('s', 5), ['XGROUP', 'CREATE', 's', 'g1', '0'], ['XGROUP', 'CREATE', 's', 'g2', '0'], ['XGROUP', 'CREATE', 's', 'g3', '$'], ['XINFO', 'GROUPS', 's'],
    ['XREADGROUP', 'GROUP', 'g1', 'c', 'COUNT', '2', 'STREAMS', 's', '>'], ['XDEL', 's', '4-1'], ['XINFO', 'GROUPS', 's'], ['XREADGROUP', 'GROUP', 'g1', 'c', 'STREAMS', 's', '>'],
    ['XINFO', 'GROUPS', 's'], ['XTRIM', 's', 'MAXLEN', '1'], ['XINFO', 'GROUPS', 's'], ['XGROUP', 'SETID', 's', 'g2', '3-1'], ['XINFO', 'GROUPS', 's'], ['XADD', 's', '7-1', 'f', 'v'],
    ['XREADGROUP', 'GROUP', 'g2', 'c', 'STREAMS', 's', '>'], ['XINFO', 'GROUPS', 's'], ['XGROUP', 'SETID', 's', 'g3', '0', 'ENTRIESREAD', '0'], ['XINFO', 'GROUPS', 's'],
  ] },
]);
