import { runScenarios } from '@fakeredis/tooling/conformance';
import { bin, options, optionsWith } from './server.js';

runScenarios('strings: LCS', options, [
  { name: 'the subsequence, LEN and IDX', steps: [
    ['MSET', 'a', 'ohmytext', 'b', 'mynewtext'], ['LCS', 'a', 'b'], ['LCS', 'a', 'b', 'LEN'], ['LCS', 'a', 'b', 'IDX'],
    ['LCS', 'a', 'b', 'IDX', 'MINMATCHLEN', '4'], ['LCS', 'a', 'b', 'IDX', 'MINMATCHLEN', '4', 'WITHMATCHLEN'], ['LCS', 'a', 'b', 'IDX', 'WITHMATCHLEN'],
    ['LCS', 'b', 'a', 'idx', 'withmatchlen'], ['LCS', 'a', 'b', 'IDX', 'MINMATCHLEN', '-5'], ['LCS', 'a', 'b', 'LEN', 'WITHMATCHLEN', 'MINMATCHLEN', '2'],
  ] },
  { name: 'missing keys and empty strings', steps: [
    ['LCS', 'x', 'y'], ['LCS', 'x', 'y', 'LEN'], ['LCS', 'x', 'y', 'IDX'], ['SET', 'a', 'abc'], ['LCS', 'a', 'x'], ['LCS', 'x', 'a', 'IDX', 'WITHMATCHLEN'],
  ] },
  { name: 'repeated and interleaved matches', steps: [
    ['MSET', 'a', 'aaaaabbbbbaaaaa', 'b', 'ababababab'], ['LCS', 'a', 'b'], ['LCS', 'a', 'b', 'IDX', 'WITHMATCHLEN'], ['LCS', 'b', 'a', 'IDX'],
    ['MSET', 'c', 'ACCGGTCGAGTGCGCGGAAGCCGGCCGAA', 'd', 'GTCGTTCGGAATGCCGTTGCTCTGTAAA'], ['LCS', 'c', 'd'], ['LCS', 'c', 'd', 'IDX', 'MINMATCHLEN', '2', 'WITHMATCHLEN'],
    ['MSET', 'e', 'abc', 'f', 'abc'], ['LCS', 'e', 'f', 'IDX', 'WITHMATCHLEN'], ['MSET', 'e', 'abc', 'f', 'xyz'], ['LCS', 'e', 'f', 'IDX'],
  ] },
  { name: 'binary and integers', steps: [
    ['SET', 'a', bin(0, 1, 2, 255, 0)], ['SET', 'b', bin(2, 0, 255, 0)], ['LCS', 'a', 'b'], ['LCS', 'a', 'b', 'IDX'], ['SET', 'i', '12345'], ['SET', 'j', '1x3y5'], ['LCS', 'i', 'j'],
  ] },
  { name: 'errors', steps: [
    ['SET', 'a', 'abc'], ['LCS', 'a', 'a', 'LEN', 'IDX'], ['LCS', 'a', 'a', 'MINMATCHLEN'], ['LCS', 'a', 'a', 'MINMATCHLEN', 'x'], ['LCS', 'a', 'a', 'foo'],
    ['LCS', 'a'], ['LPUSH', 'l', 'x'], ['LCS', 'a', 'l'], ['LCS', 'l', 'nope', 'foo'], ['LCS', 'a', 'a', 'MINMATCHLEN', '1.5'],
  ] },
]);

runScenarios('strings: LCS memory limit', optionsWith({ 'proto-max-bulk-len': '1mb' }), [
  { name: 'the table may not exceed proto-max-bulk-len', steps: [
    ['SET', 'a', 'a'.repeat(600)], ['SET', 'b', 'b'.repeat(600)], ['LCS', 'a', 'b', 'LEN'], ['SET', 'b', 'a'.repeat(400)], ['LCS', 'a', 'b', 'LEN'],
  ] },
]);
