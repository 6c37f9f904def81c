import { runScenarios, type Scenario } from '@fakeredis/tooling/conformance';
import { LATER_VERSIONS, options, runOn } from './server.js';

// Redis 8.6's idempotent producers (XADD IDMP / IDMPAUTO, XCFGSET, XIDMPRECORD, XINFO
// STREAM's idmp fields) and 8.6's MEMORY USAGE of streams, checked against Redis 8.6.3
// (FAKEREDIS_REDIS_8_6); skipped without it. IDMP takes only `*` ids: each stream starts
// with an entry far in the future, so `*` gives the same ids on both servers and no iid
// expires while a scenario runs.

const FUTURE = '9999999999999';
const start = (key: string): Scenario['steps'][number] => ['XADD', key, `${FUTURE}-0`, 'f', 'v'];
const info = (key = 's'): Scenario['steps'] => [['XINFO', 'STREAM', key], ['XINFO', 'STREAM', key, 'FULL'], ['MEMORY', 'USAGE', key], ['XLEN', key]];

runOn('8.6', 'streams: idempotent producers', [
  { name: 'XADD IDMP and IDMPAUTO: recorded iids answer their id', events: true, steps: [
    start('s'), ['XADD', 's', 'IDMP', 'p', 'i', '*', 'f', 'v'], ['XADD', 's', 'IDMP', 'p', 'i', '*', 'f', 'other'], ['XADD', 's', 'idmp', 'p', 'i2', '*', 'f', 'v'],
    ['XADD', 's', 'IDMP', 'p2', 'i', '*', 'f', 'v'], ['XADD', 's', 'IDMPAUTO', 'q', '*', 'a', '1', 'b', '2'], ['XADD', 's', 'idmpauto', 'q', '*', 'b', '2', 'a', '1'],
    ['XADD', 's', 'IDMPAUTO', 'q', '*', 'a', '1', 'b', '3'], ['XADD', 's', 'IDMPAUTO', 'q', '*', 'a', '1'], ['XADD', 's', 'IDMPAUTO', 'q', '*', 'a', '1', 'a', '1'],
    ['XADD', 's', 'IDMPAUTO', 'q', '*', 'a', '1', 'a', '1'], ['XADD', 's', 'IDMPAUTO', 'r', '*', 'a', '1'], ['XADD', 's', 'IDMPAUTO', 'q', '*', 'ab', '1'],
    ['XADD', 's', 'IDMPAUTO', 'q', '*', 'a', 'b1'], ...info(), ['XRANGE', 's', '-', '+'], ['INFO', 'keyspace'],
  ] },
  { name: 'XADD IDMP with trimming, NOMKSTREAM, a new key, MULTI and WATCH', events: true, steps: [
    start('s'), ['XADD', 's', 'MAXLEN', '1', 'IDMP', 'p', 'i', '*', 'f', 'v'], ['XADD', 's', 'IDMP', 'p', 'i', 'MAXLEN', '=', '5', '*', 'f', 'v'],
    ['XADD', 's', 'NOMKSTREAM', 'IDMPAUTO', 'p', 'MINID', '0', '*', 'f', 'v'], ['XADD', 's', 'KEEPREF', 'IDMP', 'p', 'j', '*', 'f', 'v'], ...info(),
    ['XADD', 'missing', 'NOMKSTREAM', 'IDMP', 'p', 'i', '*', 'f', 'v'], ['EXISTS', 'missing'], ['WATCH', 's'], ['XADD', 's', 'IDMP', 'p', 'i', '*', 'x', 'y'],
    ['MULTI'], ['PING'], ['EXEC'], ['MULTI'], ['XADD', 's', 'IDMP', 'p', 'k', '*', 'f', 'v'], ['XADD', 's', 'IDMP', 'p', 'k', '*', 'f', 'v'], ['EXEC'], ...info(),
  ] },
  { name: 'XADD IDMP and IDMPAUTO errors', events: true, steps: [
    start('s'), ['XADD', 's', 'IDMP', 'p', 'i', '1-1', 'f', 'v'], ['XADD', 's', 'IDMP', 'p', 'i', `${FUTURE}-*`, 'f', 'v'], ['XADD', 's', 'IDMPAUTO', 'p', '99999999999999-1', 'f', 'v'],
    ['XADD', 's', 'IDMP', '', 'i', '*', 'f', 'v'], ['XADD', 's', 'IDMP', 'p', '', '*', 'f', 'v'], ['XADD', 's', 'IDMPAUTO', '', '*', 'f', 'v'],
    ['XADD', 's', 'IDMP', 'a', 'b', 'IDMP', 'c', 'd', '*', 'f', 'v'], ['XADD', 's', 'IDMPAUTO', 'a', 'IDMP', 'c', 'd', '*', 'f', 'v'], ['XADD', 's', 'IDMP', 'a', 'b', 'IDMPAUTO', 'c', '*', 'f', 'v'],
    ['XADD', 's', 'IDMP', 'a', '*', 'f', 'v'], ['XADD', 's', 'IDMPAUTO', 'a', '*'], ['XADD', 's', 'IDMPAUTO', 'a', '*', 'f'], ['XADD', 's', 'IDMP', 'a', 'b', '*', 'f'],
    ['XADD', 's', 'IDMP'], ['XADD', 's', 'IDMPAUTO', 'x'], ['XADD', 's', 'IDMP', '', '', '1-1', 'f', 'v'], ['XADD', 's', 'IDMP', 'a', 'b', 'MAXLEN', '-1', '*', 'f', 'v'],
    ['XADD', 's', 'IDMP', 'p', 'i', '*', 'f', 'v'], ['XADD', 's', 'IDMP', 'p', 'i', '0-0', 'f', 'v'], ['XADD', 's', 'IDMP', 'p', 'i', 'bad', 'f', 'v'], ...info(),
    ['XADD', 'e', '18446744073709551615-18446744073709551615', 'f', 'v'], ['XADD', 'e', 'IDMP', 'p', 'i', '*', 'f', 'v'], ['XADD', 'e', 'IDMPAUTO', 'q', '*', 'f', 'v'],
    ['XINFO', 'STREAM', 'e'], ['SET', 'str', 'x'], ['XADD', 'str', 'IDMP', 'p', 'i', '*', 'f', 'v'], ['XADD', 'str', 'IDMP', 'p', '', '*', 'f', 'v'],
  ] },
  { name: 'XCFGSET: limits, what a change forgets, errors', events: true, steps: [
    ['XCFGSET', 'nokey', 'IDMP-DURATION', '5'], ['XCFGSET', 'nokey'], ['SET', 'str', 'x'], ['XCFGSET', 'str', 'IDMP-DURATION', '5'], ['XCFGSET', 'str', 'x'], start('s'),
    ['XCFGSET', 's'], ['XCFGSET', 's', 'IDMP-DURATION'], ['XCFGSET', 's', 'IDMP-DURATION', '0'], ['XCFGSET', 's', 'IDMP-DURATION', '86401'], ['XCFGSET', 's', 'IDMP-DURATION', 'x'],
    ['XCFGSET', 's', 'IDMP-DURATION', '-1'], ['XCFGSET', 's', 'IDMP-MAXSIZE', '0'], ['XCFGSET', 's', 'IDMP-MAXSIZE', '10001'], ['XCFGSET', 's', 'IDMP-MAXSIZE', '1.5'],
    ['XCFGSET', 's', 'IDMP-DURATION', '5', 'IDMP-DURATION', '6'], ['XCFGSET', 's', 'IDMP-MAXSIZE', '5', 'idmp-maxsize', '6'], ['XCFGSET', 's', 'FOO', '1'],
    ['XCFGSET', 's', 'IDMP-DURATION', '5', 'FOO'], ['XCFGSET', 's', 'IDMP-DURATION', '86400', 'IDMP-MAXSIZE', '10000'], ['XCFGSET', 's', 'idmp-duration', '100', 'idmp-maxsize', '100'],
    ['XADD', 's', 'IDMP', 'p', 'i', '*', 'f', 'v'], ['XCFGSET', 's', 'IDMP-DURATION', '100'], ['XCFGSET', 's', 'IDMP-MAXSIZE', '100'], ...info(),
    ['XCFGSET', 's', 'IDMP-MAXSIZE', '2'], ...info(), ['XADD', 's', 'IDMP', 'p', 'i', '*', 'f', 'v'], ['XADD', 's', 'IDMP', 'p', 'j', '*', 'f', 'v'],
    ['XADD', 's', 'IDMP', 'p', 'k', '*', 'f', 'v'], ['XADD', 's', 'IDMP', 'p', 'j', '*', 'f', 'v'], ['XADD', 's', 'IDMP', 'p', 'i', '*', 'f', 'v'], ...info(),
    ['XCFGSET', 's', 'IDMP-MAXSIZE', '1'], ['XADD', 's', 'IDMPAUTO', 'q', '*', 'f', 'v'], ['XADD', 's', 'IDMPAUTO', 'q', '*', 'g', 'v'], ['XADD', 's', 'IDMPAUTO', 'q', '*', 'f', 'v'],
    ['XCFGSET', 's', 'IDMP-DURATION', '50', 'IDMP-MAXSIZE', '1'], ...info(), ['WATCH', 's'], ['XCFGSET', 's', 'IDMP-DURATION', '50'], ['MULTI'], ['PING'], ['EXEC'],
    ['WATCH', 's'], ['XCFGSET', 's', 'IDMP-DURATION', '51'], ['MULTI'], ['PING'], ['EXEC'],
  ] },
  { name: 'XIDMPRECORD: records an iid for an entry; errors', events: true, steps: [
    ['XIDMPRECORD', 'nokey', 'p', 'i', '1-1'], ['XIDMPRECORD', 'nokey', 'p', 'i', 'bad'], ['XIDMPRECORD', 'nokey', '', 'i', '1-1'], ['XIDMPRECORD', 'nokey', 'p', '', '1-1'],
    ['XIDMPRECORD', 'nokey', '', '', 'bad'], ['XIDMPRECORD', 's', 'p', 'i'], ['SET', 'str', 'x'], ['XIDMPRECORD', 'str', 'p', 'i', '1-1'], start('s'),
    ['XADD', 's', `${FUTURE}-5`, 'f', 'v'], ['XIDMPRECORD', 's', 'p', 'i', `${FUTURE}-1`], ['XIDMPRECORD', 's', 'p', 'i', `${FUTURE}-5`], ['XIDMPRECORD', 's', 'p', 'i', `${FUTURE}-5`],
    ['XIDMPRECORD', 's', 'p', 'i', `${FUTURE}-0`], ['XIDMPRECORD', 's', 'p', 'j', `${FUTURE}-0`], ['XIDMPRECORD', 's', 'p', 'k', FUTURE], ['XIDMPRECORD', 's', 'p', 'k', '-'],
    ['XIDMPRECORD', 's', 'p', 'k', '+'], ['XADD', 's', 'IDMP', 'p', 'i', '*', 'f', 'v'], ['XADD', 's', 'IDMP', 'p', 'j', '*', 'f', 'v'], ['XDEL', 's', `${FUTURE}-0`],
    ['XIDMPRECORD', 's', 'q', 'i', `${FUTURE}-0`], ['XADD', 's', 'IDMP', 'p', 'j', '*', 'f', 'v'], ...info(),
  ] },
  { name: 'XINFO and MEMORY USAGE: a stream never given an iid; COPY and RENAME keep the iids', steps: [
    ['XADD', 's', '1-1', 'f', 'v'], ...info(), ['XADD', 'c', `${FUTURE}-0`, 'f', 'v'], ['XADD', 'c', 'IDMP', 'p', 'i', '*', 'f', 'v'], ['XCFGSET', 'c', 'IDMP-MAXSIZE', '7'],
    ['XADD', 'c', 'IDMP', 'p', 'i', '*', 'f', 'v'], ['XADD', 'c', 'IDMP', 'prod', 'iid', '*', 'f', 'v'], ['XADD', 'c', 'IDMP', 'p', 'i', '*', 'f', 'v'],
    ['COPY', 'c', 'd'], ...info('d'), ['XADD', 'd', 'IDMP', 'prod', 'iid', '*', 'f', 'v'], ['RENAME', 'c', 'e'], ...info('e'),
    ['XADD', 'e', 'IDMP', 'p', 'i', '*', 'f', 'v'], ['XADD', 'e', 'IDMPAUTO', 'p', '*', 'f', 'v'], ['COPY', 'e', 'd2'], ['XADD', 'd2', 'IDMPAUTO', 'p', '*', 'f', 'v'], ...info('d2'),
  ] },
  { name: 'iids expire by their id\'s time: an entry older than the duration goes at the next cron (once a second)', steps: [
    ['XADD', 's', '1-1', 'f', 'v'], ['XADD', 's', `${FUTURE}-0`, 'f', 'v'], ['XIDMPRECORD', 's', 'old', 'i', '1-1'], ['XIDMPRECORD', 's', 'new', 'i', `${FUTURE}-0`],
    ['XIDMPRECORD', 's', 'new', 'j', '1-1'], { advance: 1200 }, ['XINFO', 'STREAM', 's'], ['XIDMPRECORD', 's', 'new', 'j', `${FUTURE}-0`], ['MEMORY', 'USAGE', 's'],
  ] },
  { name: 'CONFIG: stream-idmp-duration and stream-idmp-maxsize give new streams their limits', steps: [
    ['CONFIG', 'GET', 'stream-idmp-duration'], ['CONFIG', 'GET', 'stream-idmp-maxsize'], ['CONFIG', 'SET', 'stream-idmp-duration', '0'], ['CONFIG', 'SET', 'stream-idmp-duration', '86401'],
    ['CONFIG', 'SET', 'stream-idmp-maxsize', 'x'], ['CONFIG', 'SET', 'stream-idmp-maxsize', '10001'], ['XADD', 'old', `${FUTURE}-0`, 'f', 'v'],
    ['CONFIG', 'SET', 'stream-idmp-duration', '7', 'stream-idmp-maxsize', '2'], ['CONFIG', 'GET', 'stream-idmp-duration'], ['CONFIG', 'GET', 'stream-idmp-maxsize'], ['XADD', 's', `${FUTURE}-0`, 'f', 'v'],
    ['XADD', 's', 'IDMP', 'p', 'a', '*', 'f', 'v'], ['XADD', 's', 'IDMP', 'p', 'b', '*', 'f', 'v'], ['XADD', 's', 'IDMP', 'p', 'c', '*', 'f', 'v'],
    ['XADD', 's', 'IDMP', 'p', 'a', '*', 'f', 'v'], ...info(), ['XINFO', 'STREAM', 'old'], ['XGROUP', 'CREATE', 'mk', 'g', '$', 'MKSTREAM'], ['XINFO', 'STREAM', 'mk'],
    ['CONFIG', 'SET', 'stream-idmp-duration', '100', 'stream-idmp-maxsize', '100'],
  ] },
]);

// MEMORY USAGE on 8.6 counts the allocations the stream made (alloc_size): groups, consumers,
// pending entries and the radix trees left behind when they are emptied.
runOn('8.6', 'streams: MEMORY USAGE', [
  { name: 'groups, consumers, pending entries, deletions', steps: [
    ['XADD', 's', '1-1', 'f', 'v'], ['MEMORY', 'USAGE', 's'], ['XGROUP', 'CREATE', 's', 'g', '0'], ['MEMORY', 'USAGE', 's'],
    ['XADD', 's', '2-1', 'a', '1', 'b', '2'], ['XADD', 's', '3-1', 'f', 'v'], ['XREADGROUP', 'GROUP', 'g', 'alice', 'COUNT', '1', 'STREAMS', 's', '>'], ['MEMORY', 'USAGE', 's'],
    ['XREADGROUP', 'GROUP', 'g', 'bob', 'STREAMS', 's', '>'], ['MEMORY', 'USAGE', 's'], ['XGROUP', 'CREATE', 's', 'g2', '0'], ['XGROUP', 'CREATE', 's', 'group-with-a-longer-name', '$'],
    ['XREADGROUP', 'GROUP', 'g2', 'alice', 'STREAMS', 's', '>'], ['MEMORY', 'USAGE', 's'], ['XACK', 's', 'g', '1-1'], ['MEMORY', 'USAGE', 's'],
    ['XACK', 's', 'g', '2-1', '3-1'], ['MEMORY', 'USAGE', 's'], ['XACK', 's', 'g2', '1-1', '2-1', '3-1'], ['MEMORY', 'USAGE', 's'],
    ['XGROUP', 'CREATECONSUMER', 's', 'g', 'a-consumer-name-of-more-than-thirty-two-bytes'], ['XGROUP', 'CREATECONSUMER', 's', 'g', 'al'], ['MEMORY', 'USAGE', 's'],
    ['XGROUP', 'DELCONSUMER', 's', 'g', 'alice'], ['XGROUP', 'DELCONSUMER', 's', 'g', 'bob'], ['MEMORY', 'USAGE', 's'],
    ['XGROUP', 'DELCONSUMER', 's', 'g', 'al'], ['XGROUP', 'DELCONSUMER', 's', 'g', 'a-consumer-name-of-more-than-thirty-two-bytes'], ['MEMORY', 'USAGE', 's'],
    ['XCLAIM', 's', 'g2', 'carol', '0', '1-1', 'FORCE'], ['MEMORY', 'USAGE', 's'], ['XGROUP', 'DESTROY', 's', 'g'], ['XGROUP', 'DESTROY', 's', 'g2'],
    ['MEMORY', 'USAGE', 's'], ['XGROUP', 'DESTROY', 's', 'group-with-a-longer-name'], ['MEMORY', 'USAGE', 's'], ['XDEL', 's', '1-1', '2-1', '3-1'], ['MEMORY', 'USAGE', 's'],
    ['XADD', 's', '4-1', 'f', 'v'], ['MEMORY', 'USAGE', 's'], ['COPY', 's', 'copy'], ['MEMORY', 'USAGE', 'copy'],
  ] },
  { name: 'key names: embedded in the object, room for an expiry from 128 bytes', steps: [
    ['XADD', 'k'.repeat(31), '1-1', 'f', 'v'], ['MEMORY', 'USAGE', 'k'.repeat(31)], ['XADD', 'k'.repeat(32), '1-1', 'f', 'v'], ['MEMORY', 'USAGE', 'k'.repeat(32)],
    ['XADD', 'k'.repeat(127), '1-1', 'f', 'v'], ['MEMORY', 'USAGE', 'k'.repeat(127)], ['XADD', 'k'.repeat(128), '1-1', 'f', 'v'], ['MEMORY', 'USAGE', 'k'.repeat(128)],
    ['XADD', 'k'.repeat(300), '1-1', 'f', 'v'], ['MEMORY', 'USAGE', 'k'.repeat(300)],
  ] },
  { name: 'many nodes, ids far apart, deletions from the middle', steps: [
    ...Array.from({ length: 30 }, (_, i) => ['XADD', 's', `${(i * 7919) ** 2 + 1}-${i}`, 'f', `v${i}`]), ['MEMORY', 'USAGE', 's'], ['XINFO', 'STREAM', 's'],
    ['XDEL', 's', '1-0', `${7919 ** 2 + 1}-1`, `${(15 * 7919) ** 2 + 1}-15`], ['MEMORY', 'USAGE', 's'], ['XTRIM', 's', 'MAXLEN', '4'], ['MEMORY', 'USAGE', 's'],
    ['XTRIM', 's', 'MAXLEN', '0'], ['MEMORY', 'USAGE', 's'], ['XADD', 's', '99999999999-1', 'f', 'v'], ['MEMORY', 'USAGE', 's'],
  ] },
], { 'stream-node-max-entries': '2' });

// Before 8.6 the IDMP options are read as ids and XCFGSET / XIDMPRECORD are unknown.
const before86: Scenario[] = [
  { name: 'IDMP, IDMPAUTO, XCFGSET, XIDMPRECORD', steps: [
    ['XADD', 's', 'IDMP', 'p', 'i', '*', 'f', 'v'], ['XADD', 's', 'IDMPAUTO', 'p', '*', 'f', 'v'], ['XCFGSET', 's', 'IDMP-DURATION', '5'],
    ['XIDMPRECORD', 's', 'p', 'i', '1-1'], ['XADD', 's', '1-1', 'f', 'v'], ['XINFO', 'STREAM', 's'], ['CONFIG', 'GET', 'stream-idmp-duration'], ['CONFIG', 'GET', 'stream-idmp-maxsize'],
  ] },
];
runScenarios('streams: idempotent producers absent before 8.6', options, before86);
for (const version of LATER_VERSIONS) if (version !== '8.6') runOn(version, 'streams: idempotent producers absent before 8.6', before86);
