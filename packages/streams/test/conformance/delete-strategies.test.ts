import type { Scenario } from '@fakeredis/tooling/conformance';
import { runAllVersions, runOn } from './server.js';

// Redis 8.2's XDELEX, XACKDEL and XADD / XTRIM's KEEPREF / DELREF / ACKED, checked against
// Redis 8.6.3 (FAKEREDIS_REDIS_8_6); skipped without it.

/** Three entries, groups g and g2 from 0; c in g has read the first two. */
const setup: Scenario['steps'] = [
  ['XADD', 's', '1-1', 'f', 'v'], ['XADD', 's', '2-1', 'f', 'v'], ['XADD', 's', '3-1', 'f', 'v'],
  ['XGROUP', 'CREATE', 's', 'g', '0'], ['XGROUP', 'CREATE', 's', 'g2', '0'], ['XREADGROUP', 'GROUP', 'g', 'c', 'COUNT', '2', 'STREAMS', 's', '>'],
];
/** The stream and its groups (8.6's entries-read and lag included). */
const state: Scenario['steps'] = [['XRANGE', 's', '-', '+'], ['XPENDING', 's', 'g'], ['XPENDING', 's', 'g2'], ['XINFO', 'GROUPS', 's'], ['XLEN', 's']];

runOn('8.6', 'streams: XDELEX and XACKDEL', [
  { name: 'XDELEX and XACKDEL: argument errors, missing keys, wrong type', events: true, steps: [
    ['XDELEX', 's', 'IDS', '1', '1-1'], ['XDELEX', 's', 'IDS', '1', 'bad'], ['XDELEX', 's'], ['XDELEX', 's', 'KEEPREF'], ['XDELEX', 's', 'IDS'],
    ['XDELEX', 's', 'IDS', '0', '1-1'], ['XDELEX', 's', 'IDS', '-1', '1-1'], ['XDELEX', 's', 'IDS', 'x', '1'], ['XDELEX', 's', 'IDS', '9223372036854775808', '1'],
    ['XDELEX', 's', 'IDS', '2', '1-1'], ['XDELEX', 's', 'KEEPREF', 'DELREF', 'IDS', '1', '1-1'], ['XDELEX', 's', 'IDS', '1', '1-1', 'extra'],
    ['XDELEX', 's', 'FOO', 'IDS', '1', '1-1'], ['XDELEX', 's', 'acked', 'acked', 'IDS', '1', '1'], ['XDELEX', 's', 'DELREF', 'x', 'y'],
    ['XDELEX', 's', 'IDS', '1', '1-1', 'IDS', '2', '2-2', '3'],
    ['XACKDEL', 's', 'g', 'IDS', '1', '1-1'], ['XACKDEL', 's', 'g', 'IDS', '1', 'bad'], ['XACKDEL', 's', 'g'], ['XACKDEL', 's', 'g', 'x'],
    ['XACKDEL', 's', 'g', 'IDS', '0', '1'], ['XACKDEL', 's', 'g', 'DELREF', 'ACKED', 'IDS', '1', '1'], ['XACKDEL', 's', 'g', 'KEEPREF', 'x', 'y'],
    ['XADD', 's', '1-1', 'f', 'v'], ['XDELEX', 's', 'IDS', '1', 'bad'], ['XDELEX', 's', 'IDS', '2', '1-1', '2-'], ['XACKDEL', 's', 'nog', 'IDS', '1', 'bad'],
    ['XGROUP', 'CREATE', 's', 'g', '0'], ['XACKDEL', 's', 'g', 'IDS', '2', '1-1', 'bad'], ['XRANGE', 's', '-', '+'],
    ['SET', 'str', 'x'], ['XDELEX', 'str', 'IDS', '1', '1-1'], ['XDELEX', 'str', 'x'], ['XACKDEL', 'str', 'g', 'IDS', '1', '1-1'], ['XACKDEL', 'str', 'g', 'x'],
  ] },
  { name: 'XDELEX: KEEPREF, DELREF, ACKED across two groups', events: true, steps: [
    ...setup, ['XDELEX', 's', 'ACKED', 'IDS', '3', '1-1', '2-1', '3-1'], ['XREADGROUP', 'GROUP', 'g2', 'd', 'STREAMS', 's', '>'],
    ['XDELEX', 's', 'ACKED', 'IDS', '2', '3-1', '9-9'], ['XACK', 's', 'g2', '3-1'], ['XDELEX', 's', 'acked', 'IDS', '2', '3-1', '0-1'], ...state,
    ['XDELEX', 's', 'DELREF', 'IDS', '3', '2-1', '7-7', '1-1'], ...state, ['XDELEX', 's', 'KEEPREF', 'IDS', '1', '1-1'], ['XDELEX', 's', 'IDS', '2', '1-1', '1-1'],
    ...state, ['XDELEX', 's', 'IDS', '1', '3-1'], ['XDELEX', 's', 'DELREF', 'IDS', '1', '3-1'], ...state,
  ] },
  { name: 'XDELEX: the first entry, the last entry, an emptied stream', events: true, steps: [
    ['XADD', 's', '1-1', 'a', '1'], ['XADD', 's', '2-1', 'b', '2'], ['XADD', 's', '3-1', 'c', '3'], ['XDELEX', 's', 'IDS', '1', '1-1'], ['XRANGE', 's', '-', '+', 'COUNT', '1'],
    ['XDELEX', 's', 'IDS', '2', '2-1', '3-1'], ['XLEN', 's'], ['EXISTS', 's'], ['XADD', 's', '3-1', 'f', 'v'], ['XADD', 's', '4-*', 'f', 'v'],
  ] },
  { name: 'XACKDEL: KEEPREF, DELREF, ACKED across two groups', events: true, steps: [
    ...setup, ['XREADGROUP', 'GROUP', 'g2', 'd', 'COUNT', '1', 'STREAMS', 's', '>'], ['XACKDEL', 's', 'g', 'ACKED', 'IDS', '3', '1-1', '2-1', '3-1'], ...state,
    ['XACKDEL', 's', 'g2', 'ACKED', 'IDS', '2', '1-1', '9-1'], ...state, ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 's', '>'], ['XREADGROUP', 'GROUP', 'g2', 'd', 'STREAMS', 's', '>'],
    ['XACKDEL', 's', 'g', 'DELREF', 'IDS', '1', '3-1'], ...state, ['XADD', 's', '4-1', 'f', 'v'], ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 's', '>'],
    ['XREADGROUP', 'GROUP', 'g2', 'd', 'STREAMS', 's', '>'], ['XACKDEL', 's', 'g', 'IDS', '1', '4-1'], ['XACKDEL', 's', 'g', 'IDS', '1', '4-1'], ...state,
    ['XACKDEL', 's', 'g2', 'KEEPREF', 'IDS', '1', '4-1'], ['XACKDEL', 's', 'nog', 'IDS', '2', '1', '2'], ['XACKDEL', 'nokey', 'g', 'IDS', '1', '1'],
    { cmd: ['XPENDING', 's', 'g', '-', '+', '10'], compare: { except: ['idle'] } },
  ] },
  { name: 'XADD and XTRIM with KEEPREF, DELREF, ACKED', events: true, steps: [
    ...setup, ['XADD', 's', 'ACKED', 'MAXLEN', '1', '4-1', 'f', 'v'], ...state, ['XADD', 's', 'DELREF', 'MAXLEN', '=', '2', '5-1', 'f', 'v'], ...state,
    ['XADD', 's', 'KEEPREF', 'NOMKSTREAM', 'MAXLEN', '3', '6-1', 'f', 'v'], ['XADD', 's', 'DELREF', 'KEEPREF', '7-1', 'f', 'v'], ['XADD', 's', 'acked', 'acked', '7-1', 'f', 'v'],
    ['XADD', 'new', 'NOMKSTREAM', 'delref', '1-1', 'f', 'v'], ['XADD', 'new', 'keepref', '1-1', 'f', 'v'],
    ['XTRIM', 's', 'ACKED', 'ACKED', 'MAXLEN', '0'], ['XTRIM', 's', 'MINID', '0', 'DELREF'], ['XTRIM', 's', 'KEEPREF'], ['XTRIM', 's', 'DELREF', 'LIMIT', '1'],
    ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 's', '>'], ['XTRIM', 's', 'ACKED', 'MAXLEN', '0'], ...state, ['XTRIM', 's', 'MINID', '6-1', 'DELREF'], ...state,
    ['XTRIM', 's', 'KEEPREF', 'MAXLEN', '0'], ...state, ['XTRIM', 'nokey', 'ACKED', 'MAXLEN', '0'],
  ] },
  { name: 'XDELEX and XACKDEL in MULTI: WATCH', steps: [
    ...setup, ['WATCH', 's'], ['XACKDEL', 's', 'g2', 'IDS', '1', '1-1'], ['MULTI'], ['PING'], ['EXEC'], ['WATCH', 's'], ['XACKDEL', 's', 'g', 'ACKED', 'IDS', '1', '1-1'],
    ['MULTI'], ['PING'], ['EXEC'], ['WATCH', 's'], ['XDELEX', 's', 'IDS', '1', '9-9'], ['MULTI'], ['PING'], ['EXEC'], ['WATCH', 's'], ['XDELEX', 's', 'IDS', '1', '3-1'], ['MULTI'], ['PING'], ['EXEC'],
  ] },
]);

runOn('8.6', 'streams: XTRIM with KEEPREF, DELREF, ACKED over small nodes', [
  { name: 'XTRIM ~ with DELREF and ACKED walks nodes entry by entry', events: true, steps: [
    ...Array.from({ length: 10 }, (_, i) => ['XADD', 's', `${i + 1}-1`, 'f', 'v']), ['XGROUP', 'CREATE', 's', 'g', '0'],
    ['XREADGROUP', 'GROUP', 'g', 'c', 'COUNT', '5', 'STREAMS', 's', '>'], ['XTRIM', 's', 'ACKED', 'MAXLEN', '~', '0'], ...state,
    ['XTRIM', 's', 'DELREF', 'MAXLEN', '~', '4'], ...state, ['XTRIM', 's', 'DELREF', 'MINID', '~', '9-1', 'LIMIT', '3'], ...state,
    ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 's', '>'], ['XACK', 's', 'g', '9-1'], ['XTRIM', 's', 'ACKED', 'MINID', '~', '11'], ...state,
    ['XTRIM', 's', 'KEEPREF', 'MAXLEN', '~', '0'], ...state,
  ] },
], { 'stream-node-max-entries': '3' });

// Without 8.2 the commands are unknown and the options are read as ids or a syntax error.
runAllVersions('streams: 8.2 delete strategies absent before 8.2', [
  { name: 'XDELEX, XACKDEL unknown; KEEPREF on XADD and XTRIM', steps: [
    ['XDELEX', 's', 'IDS', '1', '1-1'], ['XACKDEL', 's', 'g', 'IDS', '1', '1-1'], ['XADD', 's', 'KEEPREF', '1-1', 'f', 'v'], ['XADD', 's', '1-1', 'f', 'v'],
    ['XTRIM', 's', 'DELREF', 'MAXLEN', '0'], ['XTRIM', 's', 'MAXLEN', '0', 'ACKED'], ['XLEN', 's'],
  ] },
]);

// Other 8.6 differences the fake models (the group counters are in the scenarios above).
runOn('8.6', 'streams: other Redis 8.6 differences', [
  { name: 'XREAD and XREADGROUP: unbalanced streams', steps: [
    ['XREAD', 'STREAMS', 'a', 'b', '0'], ['xread', 'count', '1', 'streams', 'a'], ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 'a', 'b', '>'],
  ] },
  { name: 'entries-read and lag after deletions behind the group', steps: [
    ['XADD', 's', '1-1', 'f', 'v'], ['XADD', 's', '2-1', 'f', 'v'], ['XADD', 's', '3-1', 'f', 'v'], ['XGROUP', 'CREATE', 's', 'g', '0'], ['XDEL', 's', '1-1'],
    ['XINFO', 'GROUPS', 's'], ['XREADGROUP', 'GROUP', 'g', 'c', 'COUNT', '1', 'STREAMS', 's', '>'], ['XINFO', 'GROUPS', 's'], ['XDEL', 's', '2-1', '3-1'], ['XINFO', 'GROUPS', 's'],
    ['XADD', 's', '4-1', 'f', 'v'], ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 's', '>'], ['XINFO', 'GROUPS', 's'],
  ] },
]);
