import { coreMixins, FakeServer, serverProfile } from '@fakeredis/core';
import { FunctionCommands, ScriptingCommands } from '@fakeredis/scripting';
import { StringCommands } from '@fakeredis/strings';
import { type ConformanceOptions, runScenarios, type Scenario, type Step } from '@fakeredis/tooling/conformance';
import { referenceEnv, runReferenceScenarios } from '@fakeredis/tooling/conformance/reference';
import { StreamCommands } from '../../src/index.js';
import { LATER_VERSIONS, runAllVersions, runOn } from './server.js';

const blocked = (cmd: string[], conn = 'a'): Step => ({ cmd, conn, async: true });
const on = (conn: string, ...cmd: string[]): Step => ({ cmd, conn });
/** Idle times and seen times differ by a millisecond or two between servers. */
const noTimes = { except: ['idle', 'seen-time', 'active-time', 'inactive'] } as const;

// Behaviour that changed after 7.0, run against every version: each server's answers are
// in the comparison, so the fake has to give 7.0's with a 7.0 profile and 7.2's with 7.2's.
runAllVersions('streams: behaviour that changed in 7.2', [
  { name: 'consumers: created by XREADGROUP, XCLAIM and XAUTOCLAIM with nothing to read or claim', events: true, steps: [
    ['XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM'], ['XREADGROUP', 'GROUP', 'g', 'r', 'STREAMS', 's', '>'], ['XREADGROUP', 'GROUP', 'g', 'h', 'STREAMS', 's', '0'],
    ['XCLAIM', 's', 'g', 'c', '0', '1-1'], ['XAUTOCLAIM', 's', 'g', 'a', '0', '0'], { cmd: ['XINFO', 'CONSUMERS', 's', 'g'], compare: noTimes },
    ['XADD', 's', '1-1', 'f', 'v'], ['XREADGROUP', 'GROUP', 'g', 'r', 'NOACK', 'STREAMS', 's', '>'], ['XADD', 's', '2-1', 'f', 'v'],
    ['XREADGROUP', 'GROUP', 'g', 'h', 'STREAMS', 's', '>'], ['XCLAIM', 's', 'g', 'c', '0', '2-1', 'JUSTID'], { cmd: ['XINFO', 'CONSUMERS', 's', 'g'], compare: noTimes },
    ['XCLAIM', 's', 'g', 'h', '0', '2-1', 'TIME', '1000', 'JUSTID'], { cmd: ['XINFO', 'STREAM', 's', 'FULL'], compare: { except: ['seen-time', 'active-time'] } }, ['XREADGROUP', 'GROUP', 'g', 'x', 'STREAMS', 's', 'missing', '>', '>'],
    { cmd: ['XINFO', 'CONSUMERS', 's', 'g'], compare: noTimes }, ['MEMORY', 'USAGE', 's'],
  ] },
  // 7.2 creates the consumer when the client blocks: its event comes before the xadd.
  { name: 'blocked XREADGROUP served by XADD: events', events: true, steps: [
    ['XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM'], blocked(['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>']), on('b', 'XADD', 's', '1-1', 'f', 'v'), { await: 'a' },
  ] },
  { name: 'XREAD and XREADGROUP: unbalanced streams', steps: [
    ['XREAD', 'STREAMS', 'a', 'b', '0'], ['xread', 'count', '1', 'streams', 'a'], ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 'a', 'b', '>'], ['xreadgroup', 'group', 'g', 'c', 'streams', 'a'],
  ] },
  { name: 'XSETID below the max deleted id; XADD ms-* past the last sequence', steps: [
    ['XADD', 's', '5-1', 'f', 'v'], ['XADD', 's', '5-2', 'f', 'v'], ['XDEL', 's', '5-2'], ['XSETID', 's', '5-1'], ['XSETID', 's', '5-2'], ['XINFO', 'STREAM', 's'],
    ['XADD', 'm', '7-18446744073709551615', 'f', 'v'], ['XADD', 'm', '7-*', 'f', 'v'], ['XADD', 'm', '8-*', 'f', 'v'], ['XLEN', 'm'],
  ] },
  // 7.0 serves a blocked reader from the stream that woke it, at most 1000 entries without
  // COUNT; 7.2 runs the command again: every stream with entries, no cap.
  { name: 'blocked XREAD served by a MULTI that adds to two streams', events: 'KEAm', steps: [
    blocked(['XREAD', 'BLOCK', '0', 'STREAMS', 's1', 's2', '$', '$']), on('b', 'MULTI'), on('b', 'XADD', 's2', '1-1', 'f', 'v'), on('b', 'XADD', 's1', '1-1', 'f', 'v'),
    on('b', 'EXEC'), { await: 'a' }, blocked(['XREAD', 'BLOCK', '0', 'STREAMS', 's1', '1-1']), on('b', 'MULTI'),
    ...Array.from({ length: 1002 }, (_, i) => on('b', 'XADD', 's1', `${i + 2}-1`, 'f', 'v')), on('b', 'EXEC'), { await: 'a' },
  ] },
  // 7.2's reader that runs again and finds nothing waits anew, behind the others.
  { name: 'a blocked reader woken for nothing: its place in the queue', steps: [
    ['XGROUP', 'CREATE', 's1', 'g', '$', 'MKSTREAM'], ['XGROUP', 'CREATE', 's2', 'g', '$', 'MKSTREAM'],
    blocked(['XREADGROUP', 'GROUP', 'g', 'c1', 'COUNT', '1', 'BLOCK', '0', 'STREAMS', 's1', 's2', '>', '>']),
    blocked(['XREADGROUP', 'GROUP', 'g', 'c2', 'COUNT', '1', 'BLOCK', '0', 'STREAMS', 's1', '>'], 'b'), on('c', 'XGROUP', 'SETID', 's2', 'g', '100-0'),
    on('c', 'XADD', 's2', '5-0', 'f', 'v'), on('c', 'XADD', 's1', '1-1', 'f', 'v'), on('c', 'XADD', 's1', '2-1', 'f', 'v'), { await: 'a' }, { await: 'b' },
  ] },
  { name: 'blocked XREADGROUP on two streams: one deleted, one overwritten', events: 'KEAm', steps: [
    ['XGROUP', 'CREATE', 's1', 'g', '$', 'MKSTREAM'], ['XGROUP', 'CREATE', 's2', 'g', '$', 'MKSTREAM'],
    blocked(['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's1', 's2', '>', '>']), on('c', 'DEL', 's2'), { await: 'a' },
    ['XGROUP', 'CREATE', 's2', 'g', '$', 'MKSTREAM'], blocked(['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's1', 's2', '>', '>']),
    on('c', 'MULTI'), on('c', 'SET', 's2', 'x'), on('c', 'XADD', 's1', '1-1', 'f', 'v'), on('c', 'EXEC'), { await: 'a' },
    blocked(['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's1', '>']), on('c', 'MULTI'), on('c', 'DEL', 's1'), on('c', 'XGROUP', 'CREATE', 's1', 'g', '0', 'MKSTREAM'),
    on('c', 'XADD', 's1', '1-1', 'f', 'v'), on('c', 'EXEC'), { await: 'a' },
  ] },
  { name: 'blocked XREADGROUP and XREAD: FLUSHDB and SWAPDB', steps: [
    ['XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM'], blocked(['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>']), blocked(['XREAD', 'BLOCK', '400', 'STREAMS', 's', '$'], 'b'),
    on('c', 'FLUSHDB'), { await: 'a' }, { await: 'b' }, ['XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM'], blocked(['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>']),
    on('c', 'SWAPDB', '0', '1'), { await: 'a' }, on('c', 'SELECT', '1'), on('c', 'XADD', 's', '1-1', 'f', 'v'), on('c', 'SELECT', '0'), ['XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM'],
    on('c', 'SELECT', '1'), blocked(['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>']), on('c', 'SWAPDB', '0', '1'), { await: 'a' }, on('c', 'FLUSHALL'),
  ] },
  // A reader that waits again is one call, however often it runs again.
  { name: 'commandstats of a blocked reader woken for nothing', steps: [
    ['CONFIG', 'RESETSTAT'], blocked(['XREAD', 'BLOCK', '0', 'STREAMS', 's', '100-0']), on('b', 'XADD', 's', '5-0', 'f', 'v'), on('b', 'XADD', 's', '6-0', 'f', 'v'),
    on('b', 'XADD', 's', '101-0', 'f', 'v'), { await: 'a' }, ['XGROUP', 'CREATE', 's', 'g', '$'], blocked(['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>']),
    on('b', 'XGROUP', 'DESTROY', 's', 'g'), { await: 'a' },
    { cmd: ['INFO', 'commandstats'], compare: { normalize: (text: string) => text.split('\r\n').filter((l: string) => l.startsWith('cmdstat_xread')).map((l: string) => l.replace(/usec[^,]*,/g, '')).sort().join('\n') } },
  ] },
  // 7.2 counts a reader's timeout again from each time it runs again and waits on.
  { name: 'a blocked XREAD woken for nothing: its timeout', steps: [
    blocked(['XREAD', 'BLOCK', '1000', 'STREAMS', 's', '100-0']), { sleep: 600 }, on('b', 'XADD', 's', '5-0', 'f', 'v'), { sleep: 600 },
    on('b', 'XADD', 's', '101-0', 'f', 'v'), { await: 'a' },
  ] },
]);

/** Core, streams, strings, and scripts (XREAD ... BLOCK from EVAL and FCALL). */
const scriptMixins = [...coreMixins, StreamCommands, StringCommands, ScriptingCommands, FunctionCommands];
const scriptOptions = (version = '7.0'): ConformanceOptions => ({
  createServer: (config) => new FakeServer({ mixins: scriptMixins, config, profile: serverProfile('redis', version) }),
});
const scriptScenarios: Scenario[] = [
  { name: 'XREAD and XREADGROUP with BLOCK from a script', steps: [
    ['EVAL', "return redis.call('xread','block','0','streams','s','0')", '0'], ['EVAL', "return redis.pcall('XREADGROUP','GROUP','g','c','BLOCK','x','STREAMS','s','>')", '0'],
    ['EVAL', "return redis.pcall('XREAD','COUNT','1','BLOCK')", '0'], ['XADD', 's', '1-1', 'f', 'v'], ['XGROUP', 'CREATE', 's', 'g', '0'],
    ['EVAL', "return redis.pcall('XREAD','BLOCK','0','STREAMS','s','0')", '0'], ['EVAL', "return redis.pcall('XREADGROUP','GROUP','g','c','BLOCK','0','STREAMS','s','>')", '0'],
    ['EVAL', "return redis.pcall('XREAD','BLOCK','0','STREAMS','s','$')", '0'], ['EVAL', "return redis.call('XREAD','STREAMS','s','0')", '0'],
    ['FUNCTION', 'LOAD', 'REPLACE', "#!lua name=t\nredis.register_function('f', function(keys, args) return redis.pcall('XREAD','BLOCK','0','STREAMS','s','0') end)"], ['FCALL', 'f', '0'],
  ] },
];
runScenarios('streams: BLOCK from scripts', scriptOptions(), scriptScenarios);
for (const version of LATER_VERSIONS) {
  runReferenceScenarios(referenceEnv('redis', version), `streams: BLOCK from scripts (Redis ${version})`, scriptOptions(version), scriptScenarios);
}

// Redis 7.4: XREAD's "+" reads the last entry.
runOn('7.4', 'streams: XREAD +', [
  { name: 'XREAD + at once', steps: [
    ['XREAD', 'STREAMS', 's', '+'], ['XADD', 's', '1-1', 'f', 'a'], ['XADD', 's', '2-1', 'f', 'b'], ['XREAD', 'STREAMS', 's', '+'], ['XREAD', 'COUNT', '5', 'STREAMS', 's', 'm', '+', '+'],
    ['XADD', 'o', '3-1', 'g', 'c'], ['XREAD', 'STREAMS', 's', 'o', '+', '+'], ['XREAD', 'STREAMS', 's', 's', '+', '0'], ['XDEL', 's', '2-1'], ['XREAD', 'STREAMS', 's', '+'],
    ['XGROUP', 'CREATE', 'e', 'g', '$', 'MKSTREAM'], ['XREAD', 'STREAMS', 'e', '+'], ['XREAD', 'STREAMS', 's', 'e', '+', '+'], ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 'e', '+'],
    ['XREADGROUP', 'GROUP', 'nog', 'c', 'STREAMS', 'e', '+'], ['SET', 'str', 'v'], ['XREAD', 'STREAMS', 'str', '+'], ['XREAD', 'STREAMS', 's', '(1'],
  ] },
  { name: 'XREAD BLOCK with +', steps: [
    ['XADD', 's', '1-1', 'f', 'a'], ['XREAD', 'BLOCK', '0', 'STREAMS', 's', '+'], ['XDEL', 's', '1-1'], blocked(['XREAD', 'BLOCK', '0', 'STREAMS', 's', '+']), on('b', 'MULTI'),
    on('b', 'XADD', 's', '2-1', 'f', 'b'), on('b', 'XADD', 's', '3-1', 'f', 'c'), on('b', 'EXEC'), { await: 'a' }, blocked(['XREAD', 'BLOCK', '0', 'STREAMS', 'n', '+']),
    on('b', 'XADD', 'n', '1-1', 'f', 'x'), { await: 'a' }, ['MULTI'], ['XREAD', 'BLOCK', '0', 'STREAMS', 'none', '+'], ['EXEC'],
  ] },
]);
