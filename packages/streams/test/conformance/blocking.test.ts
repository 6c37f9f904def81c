import type { Step } from '@fakeredis/tooling/conformance';
import { runAllVersions } from './server.js';

const blocked = (cmd: string[], conn = 'a'): Step => ({ cmd, conn, async: true });
const on = (conn: string, ...cmd: string[]): Step => ({ cmd, conn });

// XREAD and XREADGROUP: served at once, BLOCK woken by XADD in blocking order, timeouts,
// MULTI, deleted keys and groups, other types.
runAllVersions('streams: XREAD and blocking reads', [
  { name: 'XREAD at once: ids, $, COUNT, several streams', steps: [
    ['XADD', 'a', '1-1', 'f', '1'], ['XADD', 'a', '2-1', 'f', '2'], ['XADD', 'b', '5-1', 'g', '1'], ['XREAD', 'STREAMS', 'a', '0'], ['XREAD', 'COUNT', '1', 'STREAMS', 'a', 'b', '1-1', '0'],
    ['XREAD', 'STREAMS', 'a', 'b', '$', '$'], ['XREAD', 'STREAMS', 'a', 'missing', '0', '0'], ['XREAD', 'STREAMS', 'a', '2'], ['XREAD', 'STREAMS', 'a', '1'], ['XREAD', 'count', '-1', 'STREAMS', 'b', '0-0'],
    ['XREAD', 'STREAMS', 'a', 'a', '0', '1-1'], ['XREAD', 'BLOCK', '0', 'STREAMS', 'a', '0'],
  ] },
  { name: 'XREAD errors', steps: [
    ['XADD', 'a', '1-1', 'f', '1'], ['SET', 'str', 'v'], ['XREAD', 'STREAMS', 'a'], ['XREAD', 'STREAMS', 'a', 'b', '0'], ['XREAD', 'COUNT', '1', 'a', '0'], ['XREAD', 'STREAMS', 'a', '>'],
    ['XREAD', 'GROUP', 'g', 'c', 'STREAMS', 'a', '0'], ['XREAD', 'NOACK', 'STREAMS', 'a', '0'], ['XREAD', 'STREAMS', 'a', 'x'], ['XREAD', 'STREAMS', 'a', '+'], ['XREAD', 'STREAMS', 'str', '0'],
    ['XREAD', 'COUNT', 'x', 'STREAMS', 'a', '0'], ['XREAD', 'BLOCK', '-1', 'STREAMS', 'a', '0'], ['XREAD', 'BLOCK', 'x', 'STREAMS', 'a', '0'], ['XREAD', 'BLOCK', '1.5', 'STREAMS', 'a', '0'],
    ['XREAD', 'STREAMS', 'a', 'str', '0', '0'], ['XREAD', 'STREAMS', 'missing', 'str', '$', 'x'],
  ] },
  { name: 'XREAD BLOCK woken by XADD, in blocking order', events: true, steps: [
    blocked(['XREAD', 'BLOCK', '0', 'STREAMS', 's', '$']), blocked(['XREAD', 'BLOCK', '0', 'COUNT', '1', 'STREAMS', 'other', 's', '$', '$'], 'b'), on('c', 'XADD', 's', '1-1', 'f', 'v'),
    { await: 'a' }, { await: 'b' }, blocked(['XREAD', 'BLOCK', '0', 'STREAMS', 's', '0']), { await: 'a' }, blocked(['XREAD', 'BLOCK', '0', 'STREAMS', 's', '$']),
    on('c', 'MULTI'), on('c', 'XADD', 's', '2-1', 'f', 'v'), on('c', 'XADD', 's', '3-1', 'f', 'v'), on('c', 'EXEC'), { await: 'a' },
  ] },
  { name: 'XREAD BLOCK timeouts, MULTI, and a key of another type', steps: [
    blocked(['XREAD', 'BLOCK', '50', 'STREAMS', 's', '$']), { await: 'a' }, ['MULTI'], ['XREAD', 'BLOCK', '0', 'STREAMS', 's', '$'], ['EXEC'],
    blocked(['XREAD', 'BLOCK', '200', 'STREAMS', 's', '$']), on('b', 'SET', 's', 'v'), on('b', 'DEL', 's'), on('b', 'SET', 'l', 'x'), { await: 'a' },
    blocked(['XREAD', 'BLOCK', '0', 'STREAMS', 's', '0']), on('b', 'XADD', 's', '5-5', 'f', 'v'), { await: 'a' },
  ] },
  // 7.0 answers an empty list for the stream; 7.2 runs XREAD again, finds nothing, and waits on.
  { name: 'XREAD BLOCK after XADD then XDEL in MULTI', steps: [
    ['XADD', 's', '1-1', 'f', 'v'], blocked(['XREAD', 'BLOCK', '300', 'STREAMS', 's', '$']), on('b', 'MULTI'), on('b', 'XADD', 's', '2-1', 'f', 'v'), on('b', 'XDEL', 's', '2-1'), on('b', 'EXEC'),
    { await: 'a' },
  ] },
  { name: 'XREADGROUP BLOCK woken by XADD; consumers share the new entries', events: true, steps: [
    ['XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM'], blocked(['XREADGROUP', 'GROUP', 'g', 'c1', 'BLOCK', '0', 'STREAMS', 's', '>']),
    blocked(['XREADGROUP', 'GROUP', 'g', 'c2', 'BLOCK', '0', 'COUNT', '1', 'STREAMS', 's', '>'], 'b'), on('c', 'XADD', 's', '1-1', 'f', 'v'), { await: 'a' },
    on('c', 'XADD', 's', '2-1', 'f', 'v'), { await: 'b' }, on('c', 'XPENDING', 's', 'g'), on('c', 'XINFO', 'GROUPS', 's'),
    blocked(['XREADGROUP', 'GROUP', 'g', 'c3', 'BLOCK', '0', 'NOACK', 'STREAMS', 's', '>']), on('c', 'XADD', 's', '3-1', 'f', 'v'), { await: 'a' }, on('c', 'XPENDING', 's', 'g'),
  ] },
  { name: 'blocked XREADGROUP when the key is deleted, overwritten, or the group destroyed', steps: [
    ['XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM'], blocked(['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>']), blocked(['XREAD', 'BLOCK', '300', 'STREAMS', 's', '$'], 'b'),
    on('c', 'DEL', 's'), { await: 'a' }, { await: 'b' }, ['XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM'], blocked(['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>']),
    on('c', 'SET', 's', 'v'), { await: 'a' }, on('c', 'DEL', 's'), ['XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM'], blocked(['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>']),
    on('c', 'XGROUP', 'DESTROY', 's', 'g'), { await: 'a' }, ['XGROUP', 'CREATE', 's', 'g', '$'], blocked(['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '300', 'STREAMS', 's', '>']),
    on('c', 'XGROUP', 'SETID', 's', 'g', '0'), on('c', 'XGROUP', 'CREATECONSUMER', 's', 'g', 'x'), { await: 'a' },
  ] },
  { name: 'blocked XREADGROUP woken after SETID by the next XADD', steps: [
    ['XADD', 's', '1-1', 'f', 'v'], ['XGROUP', 'CREATE', 's', 'g', '$'], blocked(['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>']),
    on('c', 'XGROUP', 'SETID', 's', 'g', '0'), on('c', 'XADD', 's', '2-1', 'f', 'v'), { await: 'a' }, on('c', 'XPENDING', 's', 'g'),
  ] },
  { name: 'XREADGROUP BLOCK with history ids and in MULTI', steps: [
    ['XADD', 's', '1-1', 'f', 'v'], ['XGROUP', 'CREATE', 's', 'g', '$'], ['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '0'], ['MULTI'],
    ['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>'], ['EXEC'], blocked(['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '50', 'STREAMS', 's', '>']), { await: 'a' },
  ] },
]);
