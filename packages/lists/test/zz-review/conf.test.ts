import { runScenarios, type Step } from '@fakeredis/tooling/conformance';
import { options } from '../conformance/server.js';

const blocked = (cmd: string[], conn = 'a'): Step => ({ cmd, conn, async: true });
const on = (conn: string, ...cmd: string[]): Step => ({ cmd, conn });
const enc = (...args: string[]) => `*${args.length}\r\n` + args.map((a) => `$${a.length}\r\n${a}\r\n`).join('');

runScenarios('review', options, [
  { name: 'multi-key multi-waiter order', steps: [
    blocked(['BLPOP', 'k1', 'k2', '0'], 'a'), blocked(['BLPOP', 'k2', 'k1', '0'], 'b'), blocked(['BRPOP', 'k1', '0'], 'c'),
    on('d', 'MULTI'), on('d', 'RPUSH', 'k2', 'x'), on('d', 'RPUSH', 'k1', 'y', 'z'), on('d', 'EXEC'), { await: 'a' }, { await: 'b' }, { await: 'c' },
    on('d', 'EXISTS', 'k1', 'k2'),
  ] },
  { name: 'BLMOVE push readies a key a second waiter also waits on', events: true, steps: [
    blocked(['BLMOVE', 's', 'd', 'LEFT', 'LEFT', '0'], 'a'), blocked(['BLPOP', 'd', 's', '0'], 'b'), on('c', 'RPUSH', 's', 'x', 'y'), { await: 'a' }, { await: 'b' },
    on('c', 'LRANGE', 'd', '0', '-1'), on('c', 'LRANGE', 's', '0', '-1'),
    blocked(['BLMOVE', 's', 'd', 'LEFT', 'LEFT', '0'], 'a'), blocked(['BLPOP', 'd', 's', '0'], 'b'), on('c', 'RPUSH', 's', 'x'), { await: 'a' }, { await: 'b' },
  ] },
  { name: 'same client MULTI push + blocking pop', steps: [
    ['MULTI'], ['RPUSH', 'k', 'a'], ['BLPOP', 'k', '0'], ['BLPOP', 'k', '0'], ['BLMOVE', 'k', 'd', 'LEFT', 'LEFT', '0'], ['BLMPOP', '0', '1', 'k', 'LEFT'], ['EXEC'],
  ] },
  { name: 'FLUSHALL while waiting', steps: [
    blocked(['BLPOP', 'l', '0'], 'a'), on('b', 'FLUSHALL'), on('b', 'RPUSH', 'l', 'x'), { await: 'a' },
  ] },
  { name: 'SWAPDB serves', events: true, steps: [
    blocked(['BLPOP', 'l', '0'], 'a'), on('c', 'SELECT', '1'), blocked(['BLPOP', 'm', '0'], 'c'), on('b', 'RPUSH', 'm', 'mm'), on('b', 'SELECT', '1'), on('b', 'RPUSH', 'l', 'x', 'y'),
    on('b', 'SWAPDB', '0', '1'), { await: 'a' }, { await: 'c' }, on('b', 'LRANGE', 'l', '0', '-1'), on('b', 'DBSIZE'),
  ] },
  { name: 'SWAPDB brings an expired waited key', events: true, steps: [
    ['DEBUG', 'SET-ACTIVE-EXPIRE', '0'], blocked(['BLPOP', 'l', '0.5'], 'a'), on('b', 'SELECT', '1'), on('b', 'RPUSH', 'l', 'x'), on('b', 'PEXPIRE', 'l', '20'), { sleep: 60 },
    on('b', 'SWAPDB', '0', '1'), on('b', 'SELECT', '0'), on('b', 'DBSIZE'), { await: 'a' }, on('b', 'DBSIZE'),
  ] },
  { name: 'MOVE and COPY onto waited keys', steps: [
    on('a', 'SELECT', '1'), blocked(['BLPOP', 'src', '0'], 'a'), on('b', 'RPUSH', 'src', 'x'), on('b', 'MOVE', 'src', '1'), { await: 'a' },
    blocked(['BLPOP', 'l', '0'], 'c'), on('b', 'RPUSH', 'o', 'y'), on('b', 'COPY', 'o', 'l'), { await: 'c' }, on('b', 'LRANGE', 'o', '0', '-1'),
  ] },
  { name: 'expired key waited on', events: true, steps: [
    ['DEBUG', 'SET-ACTIVE-EXPIRE', '0'], ['RPUSH', 'l', 'x'], ['PEXPIRE', 'l', '20'], { sleep: 60 }, blocked(['BLPOP', 'l', '0.3'], 'a'), on('b', 'RPUSH', 'l', 'y'), { await: 'a' },
  ] },
  { name: 'QUIT pipelined behind BLPOP', steps: [
    { cmd: [], raw: enc('BLPOP', 'l', '0') + enc('QUIT'), conn: 'a', async: true, replies: 2 }, on('b', 'RPUSH', 'l', 'x'), { await: 'a' }, on('b', 'CLIENT', 'LIST'),
  ] },
  { name: 'CLIENT KILL of blocked client', steps: [
    blocked(['BLPOP', 'l', '0'], 'a'), on('b', 'CLIENT', 'KILL', 'TYPE', 'normal', 'SKIPME', 'yes'), on('b', 'RPUSH', 'l', 'x'), on('b', 'LLEN', 'l'),
  ] },
  { name: 'served client pipelined push serves next waiter', steps: [
    { cmd: [], raw: enc('BLPOP', 'l', '0') + enc('RPUSH', 'l', 'back'), conn: 'a', async: true, replies: 2 }, blocked(['BLPOP', 'l', '0'], 'c'),
    on('b', 'RPUSH', 'l', 'x'), { await: 'a' }, { await: 'c' }, on('b', 'EXISTS', 'l'),
  ] },
  { name: 'BLMOVE l l then BLPOP', events: true, steps: [
    blocked(['BLMOVE', 'l', 'l', 'LEFT', 'RIGHT', '0'], 'a'), blocked(['BLPOP', 'l', '0'], 'c'), on('b', 'RPUSH', 'l', 'x'), { await: 'a' }, { await: 'c' }, on('b', 'EXISTS', 'l'),
  ] },
  { name: 'WATCH dest of served BLMOVE', steps: [
    on('w', 'WATCH', 'd'), blocked(['BLMOVE', 's', 'd', 'LEFT', 'LEFT', '0'], 'a'), on('b', 'RPUSH', 's', 'x'), { await: 'a' }, on('w', 'MULTI'), on('w', 'PING'), on('w', 'EXEC'),
  ] },
  { name: 'BLMPOP count > len', steps: [
    blocked(['BLMPOP', '0', '2', 'a', 'b', 'RIGHT', 'COUNT', '10'], 'a'), blocked(['BLMPOP', '0', '1', 'b', 'LEFT'], 'c'), on('b', 'RPUSH', 'b', '1', '2', '3'), { await: 'a' }, { await: 'c' },
  ] },
  { name: 'CLIENT REPLY SKIP then BLPOP', steps: [
    { cmd: ['CLIENT', 'REPLY', 'SKIP'], conn: 'a', replies: 0 }, { cmd: ['BLPOP', 'l', '0'], conn: 'a', replies: 0 }, on('b', 'RPUSH', 'l', 'x'), { sleep: 30 }, ['PING'],
  ] },
]);
