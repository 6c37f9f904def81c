import { runScenarios, type Step } from '@fakeredis/tooling/conformance';
import { options } from './server.js';

const blocked = (cmd: string[], conn = 'a'): Step => ({ cmd, conn, async: true });
const on = (conn: string, ...cmd: string[]): Step => ({ cmd, conn });

// BLPOP, BRPOP, BLMPOP, BLMOVE, BRPOPLPUSH: served at once, served later by another
// connection's push, in blocking order, timed out, refused, inside MULTI, and when the
// waited key is made ready by a transaction, deleted, re-created with another type or
// renamed onto.
runScenarios('lists: blocking commands', options, [
  { name: 'served at once when a list exists', events: true, steps: [
    ['RPUSH', 'l', 'a', 'b', 'c', 'd', 'e'], ['BLPOP', 'missing', 'l', '0'], ['BRPOP', 'l', '0'], ['BLMPOP', '0', '2', 'missing', 'l', 'LEFT', 'COUNT', '2'],
    ['BLMOVE', 'l', 'd', 'RIGHT', 'LEFT', '0'], ['BRPOPLPUSH', 'd', 'l', '0'], ['LRANGE', 'l', '0', '-1'], ['BLPOP', 'l', 'l', '1'], ['BRPOP', 'l', '0.5'], ['EXISTS', 'l', 'd'],
  ] },
  { name: 'BLPOP woken by a push from another connection', events: true, steps: [
    blocked(['BLPOP', 'l', '0']), on('b', 'RPUSH', 'l', 'x', 'y'), { await: 'a' }, on('b', 'LRANGE', 'l', '0', '-1'), on('b', 'LLEN', 'l'),
  ] },
  { name: 'BRPOP, BLMPOP, BLMOVE, BRPOPLPUSH woken', events: true, steps: [
    blocked(['BRPOP', 'a1', '0'], 'a'), blocked(['BLMPOP', '0', '1', 'a2', 'RIGHT', 'COUNT', '3'], 'b'), blocked(['BLMOVE', 'a3', 'dst', 'LEFT', 'RIGHT', '0'], 'c'),
    blocked(['BRPOPLPUSH', 'a4', 'dst', '0'], 'd'), on('e', 'RPUSH', 'a1', '1', '2'), { await: 'a' }, on('e', 'RPUSH', 'a2', '1', '2', '3', '4'), { await: 'b' },
    on('e', 'RPUSH', 'a3', 'x', 'y'), { await: 'c' }, on('e', 'RPUSH', 'a4', 'p', 'q'), { await: 'd' }, on('e', 'LRANGE', 'dst', '0', '-1'), on('e', 'LRANGE', 'a2', '0', '-1'),
    on('e', 'LRANGE', 'a3', '0', '-1'), on('e', 'LRANGE', 'a4', '0', '-1'),
  ] },
  { name: 'clients are woken in the order they blocked', steps: [
    blocked(['BLPOP', 'l', '0'], 'a'), blocked(['BLPOP', 'l', '0'], 'b'), blocked(['BLPOP', 'l', '0'], 'c'), on('d', 'RPUSH', 'l', '1'), { await: 'a' },
    on('d', 'RPUSH', 'l', '2', '3', '4'), { await: 'b' }, { await: 'c' }, on('d', 'LRANGE', 'l', '0', '-1'),
  ] },
  { name: 'one push serves as many clients as it has elements', steps: [
    blocked(['BRPOP', 'l', '0'], 'a'), blocked(['BLMPOP', '0', '1', 'l', 'LEFT', 'COUNT', '2'], 'b'), blocked(['BLPOP', 'l', '0'], 'c'), on('d', 'RPUSH', 'l', '1', '2', '3', '4'),
    { await: 'a' }, { await: 'b' }, { await: 'c' }, on('d', 'EXISTS', 'l'),
  ] },
  { name: 'a client waiting on several keys is served by the first ready one', steps: [
    blocked(['BLPOP', 'x', 'y', 'z', '0'], 'a'), on('b', 'RPUSH', 'z', 'v'), { await: 'a' }, blocked(['BRPOP', 'x', 'y', '0'], 'a'), on('b', 'MULTI'), on('b', 'RPUSH', 'y', '1'),
    on('b', 'RPUSH', 'x', '2'), on('b', 'EXEC'), { await: 'a' }, on('b', 'LRANGE', 'x', '0', '-1'), on('b', 'LRANGE', 'y', '0', '-1'),
  ] },
  { name: 'timeouts', steps: [
    blocked(['BLPOP', 'l', '0.1']), { await: 'a' }, blocked(['BRPOP', 'l', 'm', '0.05']), { await: 'a' }, blocked(['BLMOVE', 'l', 'd', 'LEFT', 'LEFT', '0.1']), { await: 'a' },
    blocked(['BRPOPLPUSH', 'l', 'd', '0.1']), { await: 'a' }, blocked(['BLMPOP', '0.1', '1', 'l', 'LEFT']), { await: 'a' }, blocked(['BLPOP', 'l', '0.0001e-3']), { await: 'a' },
    on('b', 'RPUSH', 'l', 'late'), ['LRANGE', 'l', '0', '-1'], ['EXISTS', 'd'],
  ] },
  { name: 'timeouts read as long doubles: hex, -0, tiny, large all wait', steps: [
    blocked(['BLPOP', 'l', '0x10']), on('b', 'RPUSH', 'l', '1'), { await: 'a' }, blocked(['BLPOP', 'l', '-0']), on('b', 'RPUSH', 'l', '2'), { await: 'a' },
    blocked(['BLPOP', 'l', '9223372036854']), on('b', 'RPUSH', 'l', '3'), { await: 'a' }, blocked(['BRPOP', 'l', '1e-400']), { await: 'a' },
    blocked(['BLMPOP', '0.5e1', '1', 'l', 'LEFT']), on('b', 'RPUSH', 'l', '4'), { await: 'a' },
  ] },
  { name: 'timeout errors', steps: [
    ['BLPOP', 'l', '-1'], ['BLPOP', 'l', 'x'], ['BLPOP', 'l', 'nan'], ['BLPOP', 'l', 'inf'], ['BLPOP', 'l', '-inf'], ['BLPOP', 'l', '1e100'], ['BLPOP', 'l', ' 1'], ['BLPOP', 'l', ''],
    ['BRPOP', 'l', '9223372036854775807'], ['BLMOVE', 'l', 'd', 'LEFT', 'LEFT', '-0.5'], ['BRPOPLPUSH', 'l', 'd', 'x'], ['BLMPOP', '-1', '1', 'l', 'LEFT'],
    ['BLMPOP', 'x', '1', 'l', 'LEFT'], ['BLMPOP', '1e100', '1', 'l', 'LEFT'],
  ] },
  { name: 'argument errors come in Redis order', steps: [
    ['SET', 's', 'v'], ['BLPOP', 's', '-1'], ['BLPOP', 's', '0'], ['BLPOP', 'missing', 's', '0'], ['BLPOP', 'l'], ['BLMOVE', 's', 'd', 'MIDDLE', 'LEFT', 'x'],
    ['BLMOVE', 's', 'd', 'LEFT', 'LEFT', 'x'], ['BLMOVE', 's', 'd', 'LEFT', 'LEFT', '0'], ['RPUSH', 'l', 'a'], ['BLMOVE', 'l', 's', 'LEFT', 'LEFT', '0'], ['BRPOPLPUSH', 's', 'd', '0'],
    ['BLMPOP', 'x', '0', 'l', 'LEFT'], ['BLMPOP', '0', '0', 'l', 'LEFT'], ['BLMPOP', '0', '2', 'l', 'LEFT'], ['BLMPOP', 'x', '1', 'l', 'MIDDLE'], ['BLMPOP', '-1', '1', 'l', 'LEFT', 'COUNT', '0'],
    ['BLMPOP', '0', '1', 's', 'LEFT'], ['BLMPOP', '0', '1', 'l', 'LEFT', 'COUNT', '1', 'COUNT', '1'], ['BLMPOP', '0', '1', 'l'], ['LRANGE', 'l', '0', '-1'],
  ] },
  { name: 'BLMOVE with the same source and destination', events: true, steps: [
    blocked(['BLMOVE', 'l', 'l', 'LEFT', 'RIGHT', '0']), on('b', 'RPUSH', 'l', 'x', 'y'), { await: 'a' }, on('b', 'LRANGE', 'l', '0', '-1'),
    blocked(['BRPOPLPUSH', 'm', 'm', '0']), on('b', 'RPUSH', 'm', 'only'), { await: 'a' }, on('b', 'LRANGE', 'm', '0', '-1'),
  ] },
  { name: 'BLMOVE whose destination holds another type when served', events: true, steps: [
    blocked(['BLMOVE', 'src', 'dst', 'LEFT', 'LEFT', '0']), on('b', 'SET', 'dst', 'str'), on('b', 'RPUSH', 'src', 'x'), { await: 'a' }, on('b', 'LRANGE', 'src', '0', '-1'),
    on('b', 'GET', 'dst'), blocked(['BLMOVE', 'src2', 'dst', 'LEFT', 'LEFT', '0']), blocked(['BLPOP', 'src2', '0'], 'c'), on('b', 'RPUSH', 'src2', 'y'), { await: 'a' }, { await: 'c' },
  ] },
  { name: 'BLMOVE chains into a client waiting on the destination', events: true, steps: [
    blocked(['BLMOVE', 'l1', 'l2', 'LEFT', 'LEFT', '0'], 'a'), blocked(['BLPOP', 'l2', '0'], 'b'), on('c', 'RPUSH', 'l1', 'x'), { await: 'a' }, { await: 'b' },
    on('c', 'EXISTS', 'l1', 'l2'),
  ] },
  { name: 'inside MULTI nothing blocks', steps: [
    ['MULTI'], ['BLPOP', 'missing', '0'], ['BRPOP', 'missing', '0'], ['BLMOVE', 'missing', 'd', 'LEFT', 'LEFT', '0'], ['BRPOPLPUSH', 'missing', 'd', '0'],
    ['BLMPOP', '0', '1', 'missing', 'LEFT'], ['RPUSH', 'l', 'a', 'b'], ['BLPOP', 'l', '0'], ['BLMOVE', 'l', 'd', 'LEFT', 'LEFT', '0'], ['BLPOP', 'l', '0'], ['EXEC'],
  ] },
  { name: 'a key made ready inside MULTI serves with what it holds at EXEC', steps: [
    blocked(['BLPOP', 'l', '0']), on('b', 'MULTI'), on('b', 'RPUSH', 'l', 'x'), on('b', 'LPOP', 'l'), on('b', 'RPUSH', 'l', 'y', 'z'), on('b', 'EXEC'), { await: 'a' },
    on('b', 'LRANGE', 'l', '0', '-1'),
  ] },
  { name: 'a key pushed then deleted in MULTI serves nobody', steps: [
    blocked(['BLPOP', 'l', '0']), on('b', 'MULTI'), on('b', 'RPUSH', 'l', 'x'), on('b', 'DEL', 'l'), on('b', 'EXEC'), on('b', 'RPUSH', 'l', 'later'), { await: 'a' },
  ] },
  { name: 'a key re-created with another type serves nobody', steps: [
    blocked(['BLPOP', 'l', '0']), on('b', 'MULTI'), on('b', 'RPUSH', 'l', 'x'), on('b', 'DEL', 'l'), on('b', 'SET', 'l', 'str'), on('b', 'EXEC'), on('b', 'GET', 'l'),
    on('b', 'DEL', 'l'), on('b', 'LPUSH', 'l', 'y'), { await: 'a' },
  ] },
  { name: 'a list renamed onto the waited key', events: true, steps: [
    blocked(['BLPOP', 'l', '0']), on('b', 'RPUSH', 'src', 'v', 'w'), on('b', 'RENAME', 'src', 'l'), { await: 'a' }, on('b', 'LRANGE', 'l', '0', '-1'),
  ] },
  { name: 'a string renamed onto the waited key', steps: [
    blocked(['BLPOP', 'l', '0.2']), on('b', 'SET', 'src', 'v'), on('b', 'RENAME', 'src', 'l'), { await: 'a' }, on('b', 'GET', 'l'),
  ] },
  { name: 'pipelined commands after a blocked one run once it is served', steps: [
    blocked(['BLPOP', 'l', '0']), blocked(['RPUSH', 'mine', 'after']), on('b', 'EXISTS', 'mine'), on('b', 'RPUSH', 'l', 'x'), { await: 'a' }, { await: 'a' },
    on('b', 'LRANGE', 'mine', '0', '-1'),
  ] },
]);
