import { runScenarios } from '@fakeredis/tooling/conformance';
import { bin, options, pairs } from './server.js';

/** ZADD of 40 members a..z, ab..nb with scores 0, 1, 2, 3, 4, 0, 1, ... (a listpack). */
const mixed40 = ['ZADD', 'z', ...Array.from({ length: 40 }, (_, i) => [String(i % 5), String.fromCharCode(97 + (i % 26)) + (i >= 26 ? String.fromCharCode(97 + Math.floor(i / 26)) : '')]).flat()];

// ZCARD, ZSCORE, ZMSCORE, ZRANK, ZREVRANK, ZCOUNT, ZLEXCOUNT: replies (doubles in RESP3),
// missing keys, ties, range syntax and its errors, in both encodings.
runScenarios('zsets: reads', options, [
  { name: 'ZCARD ZSCORE ZMSCORE', steps: [
    ['ZADD', 'z', '1', 'a', '2.5', 'b', '-inf', 'c', '1e20', 'd', '0.1', 'e'], ['ZCARD', 'z'], ['ZCARD', 'missing'], ['ZSCORE', 'z', 'b'], ['ZSCORE', 'z', 'c'],
    ['ZSCORE', 'z', 'd'], ['ZSCORE', 'z', 'e'], ['ZSCORE', 'z', 'x'], ['ZSCORE', 'missing', 'a'], ['ZMSCORE', 'z', 'a', 'x', 'b', 'a'], ['ZMSCORE', 'missing', 'a', 'b'],
  ] },
  { name: 'read errors', steps: [
    ['SET', 'str', 'v'], ['ZCARD', 'str'], ['ZSCORE', 'str', 'a'], ['ZMSCORE', 'str', 'a'], ['ZRANK', 'str', 'a'], ['ZREVRANK', 'str', 'a'], ['ZCOUNT', 'str', '0', '1'],
    ['ZLEXCOUNT', 'str', '-', '+'], ['ZCARD'], ['ZCARD', 'a', 'b'], ['ZSCORE', 'z'], ['ZMSCORE', 'z'], ['ZRANK', 'z'], ['ZRANK', 'z', 'a', 'WITHSCORE'],
    ['ZREVRANK', 'z', 'a', 'b'], ['ZCOUNT', 'z', '1'], ['ZLEXCOUNT', 'z', '-'],
  ] },
  { name: 'ZRANK and ZREVRANK with ties', steps: [
    ['ZADD', 'z', '1', 'b', '1', 'a', '0', 'z', '2', 'c', '1', 'aa'], ['ZRANK', 'z', 'z'], ['ZRANK', 'z', 'a'], ['ZRANK', 'z', 'aa'], ['ZRANK', 'z', 'b'], ['ZRANK', 'z', 'c'],
    ['ZREVRANK', 'z', 'z'], ['ZREVRANK', 'z', 'a'], ['ZREVRANK', 'z', 'c'], ['ZRANK', 'z', 'x'], ['ZREVRANK', 'missing', 'a'],
  ] },
  { name: 'ZRANK in a skiplist', steps: [
    ['ZADD', 'z', ...pairs(300)], ['OBJECT', 'ENCODING', 'z'], ['ZRANK', 'z', 'm0'], ['ZRANK', 'z', 'm150'], ['ZREVRANK', 'z', 'm150'], ['ZRANK', 'z', 'm299'],
    ['ZREM', 'z', 'm10', 'm20'], ['ZRANK', 'z', 'm150'], ['ZADD', 'z', '-1', 'm150'], ['ZRANK', 'z', 'm150'], ['ZREVRANK', 'z', 'm150'], ['ZRANK', 'z', 'm151'],
  ] },
  { name: 'ZCOUNT', steps: [
    ['ZADD', 'z', '1', 'a', '2', 'b', '2', 'bb', '3', 'c', '-inf', 'ninf', 'inf', 'pinf'], ['ZCOUNT', 'z', '-inf', '+inf'], ['ZCOUNT', 'z', '2', '2'], ['ZCOUNT', 'z', '(2', '3'],
    ['ZCOUNT', 'z', '2', '(3'], ['ZCOUNT', 'z', '(2', '(2'], ['ZCOUNT', 'z', '3', '1'], ['ZCOUNT', 'z', '(-inf', '(inf'], ['ZCOUNT', 'z', '-inf', '-inf'],
    ['ZCOUNT', 'z', '10', '20'], ['ZCOUNT', 'missing', '0', '1'], ['ZCOUNT', 'z', '1.5', '2.5'],
  ] },
  { name: 'score range syntax (strtod)', steps: [
    ['ZADD', 'z', '0', 'zero', '1', 'a', '2', 'b', '16', 'hex'], ['ZCOUNT', 'z', '', '1'], ['ZCOUNT', 'z', '(', '2'], ['ZCOUNT', 'z', ' 1', '5'], ['ZCOUNT', 'z', '1 ', '5'],
    ['ZCOUNT', 'z', '\t1', '5'], ['ZCOUNT', 'z', '0x1', '0x10'], ['ZCOUNT', 'z', '1e400', '5'], ['ZCOUNT', 'z', '-1e400', '(1e400'], ['ZCOUNT', 'z', '1e-400', '5'],
    ['ZCOUNT', 'z', 'nan', '5'], ['ZCOUNT', 'z', '(nan', '5'], ['ZCOUNT', 'z', '((1', '5'], ['ZCOUNT', 'z', '1e', '5'], ['ZCOUNT', 'z', 'x', '5'], ['ZCOUNT', 'z', '0', 'x'],
    ['ZCOUNT', 'z', '+', '5'], ['ZCOUNT', 'z', ' ', '5'], ['ZCOUNT', 'z', '-Infinity', 'INF'], ['ZCOUNT', 'z', 'infinit', '5'], ['ZCOUNT', 'z', '.5', '1.'],
    ['ZCOUNT', 'z', bin(49, 0, 120), '5'], ['ZCOUNT', 'z', '0x1p4', '16'], ['ZCOUNT', 'missing', 'x', '1'],
  ] },
  { name: 'ZLEXCOUNT', steps: [
    ['ZADD', 'z', '0', 'a', '0', 'b', '0', 'c', '0', 'd', '0', ''], ['ZLEXCOUNT', 'z', '-', '+'], ['ZLEXCOUNT', 'z', '[b', '[c'], ['ZLEXCOUNT', 'z', '(b', '[c'], ['ZLEXCOUNT', 'z', '(b', '(c'],
    ['ZLEXCOUNT', 'z', '(b', '(b'], ['ZLEXCOUNT', 'z', '[b', '[b'], ['ZLEXCOUNT', 'z', '+', '-'], ['ZLEXCOUNT', 'z', '-', '-'], ['ZLEXCOUNT', 'z', '+', '+'], ['ZLEXCOUNT', 'z', '[', '+'],
    ['ZLEXCOUNT', 'z', '(', '+'], ['ZLEXCOUNT', 'z', '[c', '[a'], ['ZLEXCOUNT', 'z', '[aa', '[cc'], ['ZLEXCOUNT', 'missing', '-', '+'],
  ] },
  // Lex ranges over unequal scores: Redis scans a listpack from its ends, so its answer is
  // determined for small zsets (a skiplist's depends on its random shape).
  { name: 'lex ranges over mixed scores in a listpack', steps: [
    ['ZADD', 'z', '3', 'a', '1', 'b', '2', 'c', '0', 'd', '4', 'e', '1', 'f', '2', 'g', '0', 'h', '3', 'i', '5', 'j'], ['ZLEXCOUNT', 'z', '[c', '[h'], ['ZLEXCOUNT', 'z', '(b', '+'],
    ['ZRANGEBYLEX', 'z', '[c', '[h'], ['ZREVRANGEBYLEX', 'z', '[h', '[c'], ['ZRANGEBYLEX', 'z', '-', '[f', 'LIMIT', '1', '3'], ['ZREVRANGEBYLEX', 'z', '(i', '-', 'LIMIT', '1', '2'],
    ['ZLEXCOUNT', 'z', '[e', '[f'], ['ZRANGEBYLEX', 'z', '[g', '[i'], ['ZREMRANGEBYLEX', 'z', '[c', '[h'], ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
  ] },
  // 40 members, scores 0..4 in turn (still a listpack): long enough for a skiplist search
  // to skip members that Redis's scan from the ends finds, for every lex command.
  { name: 'lex ranges over mixed scores in a 40-member listpack', steps: [
    mixed40, ['OBJECT', 'ENCODING', 'z'], ['ZLEXCOUNT', 'z', '[f', '[q'], ['ZLEXCOUNT', 'z', '(m', '+'], ['ZLEXCOUNT', 'z', '-', '(k'], ['ZLEXCOUNT', 'z', '[bb', '[y'],
    ['ZRANGEBYLEX', 'z', '[f', '[q'], ['ZRANGEBYLEX', 'z', '(m', '+', 'LIMIT', '2', '5'], ['ZREVRANGEBYLEX', 'z', '[q', '[f'], ['ZREVRANGEBYLEX', 'z', '+', '(m', 'LIMIT', '1', '4'],
    ['ZRANGE', 'z', '[f', '[q', 'BYLEX'], ['ZRANGE', 'z', '[q', '[f', 'BYLEX', 'REV'], ['ZRANGE', 'z', '-', '[kb', 'BYLEX', 'LIMIT', '3', '-1'], ['ZRANGE', 'z', '[y', '-', 'BYLEX', 'REV', 'LIMIT', '2', '3'],
    ['ZRANGESTORE', 'd', 'z', '[f', '[q', 'BYLEX'], ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'], ['ZRANGESTORE', 'd', 'z', '+', '(m', 'BYLEX', 'REV', 'LIMIT', '1', '3'], ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'],
    ['ZREMRANGEBYLEX', 'z', '[f', '[q'], ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'], ['ZREMRANGEBYLEX', 'z', '(m', '+'], ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
  ] },
  { name: 'lex range syntax', steps: [
    ['ZADD', 'z', '0', 'a', '0', 'b'], ['ZLEXCOUNT', 'z', 'a', '+'], ['ZLEXCOUNT', 'z', '-', 'b'], ['ZLEXCOUNT', 'z', '', '+'], ['ZLEXCOUNT', 'z', '-a', '+'], ['ZLEXCOUNT', 'z', '-', '+b'],
    ['ZLEXCOUNT', 'z', bin(45, 0, 97), '+'], ['ZLEXCOUNT', 'z', '-', bin(43, 0)], ['ZLEXCOUNT', 'z', '[' , bin(91, 0)], ['ZLEXCOUNT', 'missing', 'x', '+'],
  ] },
]);
