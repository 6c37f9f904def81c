import { runScenarios, type Step } from '@fakeredis/tooling/conformance';
import { options } from './server.js';

const blocked = (cmd: string[], conn = 'a'): Step => ({ cmd, conn, async: true });
const on = (conn: string, ...cmd: string[]): Step => ({ cmd, conn });

// BZPOPMIN, BZPOPMAX, BZMPOP: served at once, woken by ZADD (and ZUNIONSTORE, a
// transaction), in blocking order, timed out, refused in MULTI, argument errors.
runScenarios('zsets: blocking pops', options, [
  { name: 'served at once', events: true, steps: [
    ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '4', 'd'], ['BZPOPMIN', 'missing', 'z', '0'], ['BZPOPMAX', 'z', '0'], ['BZMPOP', '0', '2', 'missing', 'z', 'MIN', 'COUNT', '5'],
    ['EXISTS', 'z'],
  ] },
  { name: 'BZPOPMIN woken by ZADD', events: true, steps: [
    blocked(['BZPOPMIN', 'z', '0']), on('b', 'ZADD', 'z', '2', 'x', '1', 'y'), { await: 'a' }, on('b', 'ZRANGE', 'z', '0', '-1', 'WITHSCORES'),
  ] },
  { name: 'BZPOPMAX and BZMPOP woken', events: true, steps: [
    blocked(['BZPOPMAX', 'k1', 'k2', '0'], 'a'), blocked(['BZMPOP', '0', '2', 'k2', 'k3', 'MAX', 'COUNT', '2'], 'b'), on('c', 'ZADD', 'k2', '1', 'a', '2', 'b', '3', 'c'),
    { await: 'a' }, { await: 'b' }, on('c', 'EXISTS', 'k2'), blocked(['BZMPOP', '0', '1', 'k3', 'MIN'], 'a'), on('c', 'ZINCRBY', 'k3', '5', 'm'), { await: 'a' },
  ] },
  { name: 'three waiters are served in the order they blocked', steps: [
    blocked(['BZPOPMIN', 'z', '0'], 'a'), blocked(['BZPOPMAX', 'z', '0'], 'b'), blocked(['BZMPOP', '0', '1', 'z', 'MIN', 'COUNT', '2'], 'c'), on('d', 'ZADD', 'z', '1', 'a'), { await: 'a' },
    on('d', 'ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '4', 'd'), { await: 'b' }, { await: 'c' }, on('d', 'ZRANGE', 'z', '0', '-1'),
  ] },
  { name: 'woken by a transaction and by ZUNIONSTORE', events: true, steps: [
    blocked(['BZPOPMIN', 'x', 'y', '0'], 'a'), on('b', 'MULTI'), on('b', 'ZADD', 'y', '1', 'a'), on('b', 'ZADD', 'x', '2', 'b'), on('b', 'EXEC'), { await: 'a' },
    on('b', 'ZRANGE', 'x', '0', '-1'), blocked(['BZPOPMAX', 'd', '0'], 'a'), on('b', 'ZUNIONSTORE', 'd', '1', 'x'), { await: 'a' }, on('b', 'EXISTS', 'd'),
    blocked(['BZPOPMIN', 'e', '0'], 'a'), on('b', 'MULTI'), on('b', 'ZADD', 'e', '1', 'a'), on('b', 'ZREM', 'e', 'a'), on('b', 'EXEC'), on('b', 'ZADD', 'e', '5', 'late'), { await: 'a' },
  ] },
  { name: 'a key of another type does not serve', steps: [
    blocked(['BZPOPMIN', 'k', '0'], 'a'), on('b', 'SET', 'k', 'v'), on('b', 'DEL', 'k'), on('b', 'RPUSH', 'k', 'x'), on('b', 'DEL', 'k'), on('b', 'ZADD', 'k', '1', 'm'), { await: 'a' },
  ] },
  { name: 'timeouts', steps: [
    blocked(['BZPOPMIN', 'z', '0.1']), { await: 'a' }, blocked(['BZPOPMAX', 'z', 'y', '0.05']), { await: 'a' }, blocked(['BZMPOP', '0.1', '1', 'z', 'MIN']), { await: 'a' },
    on('b', 'ZADD', 'z', '1', 'late'), ['ZRANGE', 'z', '0', '-1'],
  ] },
  { name: 'inside MULTI they do not block', steps: [
    ['MULTI'], ['BZPOPMIN', 'z', '0'], ['BZMPOP', '0', '1', 'z', 'MAX'], ['ZADD', 'z', '1', 'a'], ['BZPOPMAX', 'z', '0'], ['BZPOPMIN', 'z', '10'], ['EXEC'],
  ] },
  { name: 'argument errors', steps: [
    ['SET', 'str', 'v'], ['BZPOPMIN', 'z', 'x'], ['BZPOPMIN', 'z', '-1'], ['BZPOPMIN', 'z', '1e400'], ['BZPOPMAX', 'str', '0'], ['BZPOPMAX', 'missing', 'str', '0'], ['BZPOPMIN', 'str', 'x'],
    ['BZMPOP', 'x', '1', 'z', 'MIN'], ['BZMPOP', '0', '0', 'z', 'MIN'], ['BZMPOP', 'x', '0', 'z', 'MIN'], ['BZMPOP', 'x', '1', 'z', 'MIDDLE'], ['BZMPOP', '-1', '1', 'z', 'MIN', 'COUNT', '0'],
    ['BZMPOP', '-1', '1', 'z', 'MIN'], ['BZMPOP', '0', '1', 'str', 'MIN'], ['BZMPOP', '0', '1', 'z'], ['BZPOPMIN', 'z'],
  ] },
]);
