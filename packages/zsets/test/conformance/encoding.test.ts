import { runScenarios } from '@fakeredis/tooling/conformance';
import { options, optionsWith, pairs } from './server.js';

const long = 'x'.repeat(65);

// OBJECT ENCODING as Redis 7.0 converts: listpack until zset-max-listpack-entries or
// -value is passed (the ziplist aliases too), never back on removal, back for *STORE
// results that fit; MEMORY USAGE of listpacks.
runScenarios('zsets: encoding', options, [
  { name: 'entries limit', steps: [
    ['ZADD', 'z', ...pairs(128)], ['OBJECT', 'ENCODING', 'z'], ['ZADD', 'z', '1', 'm1'], ['OBJECT', 'ENCODING', 'z'], ['ZADD', 'z', '1', 'extra'], ['OBJECT', 'ENCODING', 'z'],
    ['ZREM', 'z', 'extra', 'm1', 'm2'], ['OBJECT', 'ENCODING', 'z'], ['ZPOPMIN', 'z', '120'], ['OBJECT', 'ENCODING', 'z'], ['ZADD', 'one', ...pairs(129)], ['OBJECT', 'ENCODING', 'one'],
  ] },
  { name: 'value limit', steps: [
    ['ZADD', 'z', '1', 'x'.repeat(64)], ['OBJECT', 'ENCODING', 'z'], ['ZADD', 'z', '1', long], ['OBJECT', 'ENCODING', 'z'], ['ZREM', 'z', long], ['OBJECT', 'ENCODING', 'z'],
    ['ZADD', 'y', '1', long, '2', 'short'], ['OBJECT', 'ENCODING', 'y'], ['ZADD', 'w', '1', 'short', '2', long], ['OBJECT', 'ENCODING', 'w'], ['ZINCRBY', 'v', '1', long], ['OBJECT', 'ENCODING', 'v'],
  ] },
  { name: 'duplicates in one ZADD do not convert a new key (7.0)', steps: [
    ['ZADD', 'z', ...Array.from({ length: 130 }, () => ['1', 'a']).flat()], ['OBJECT', 'ENCODING', 'z'], ['ZCARD', 'z'],
  ] },
  // The conformance runner restores a changed parameter by the name it was set with, so
  // one scenario uses the ziplist aliases only and the next the listpack names only.
  { name: 'CONFIG SET of the ziplist aliases', steps: [
    ['CONFIG', 'SET', 'zset-max-ziplist-entries', '2'], ['CONFIG', 'GET', 'zset-max-listpack-entries'], ['ZADD', 'z', '1', 'a', '2', 'b'], ['OBJECT', 'ENCODING', 'z'], ['ZADD', 'z', '3', 'c'],
    ['OBJECT', 'ENCODING', 'z'], ['CONFIG', 'SET', 'zset-max-ziplist-value', '3'], ['CONFIG', 'GET', 'zset-max-listpack-value'], ['ZADD', 'y', '1', 'abc'], ['OBJECT', 'ENCODING', 'y'],
    ['ZADD', 'y', '1', 'abcd'], ['OBJECT', 'ENCODING', 'y'], ['ZADD', 'x', '1', 'abcd'], ['OBJECT', 'ENCODING', 'x'],
  ] },
  { name: 'CONFIG SET of the limits, zero included', steps: [
    ['CONFIG', 'SET', 'zset-max-listpack-entries', '0'], ['ZADD', 'w', '1', 'a'], ['OBJECT', 'ENCODING', 'w'], ['ZUNIONSTORE', 'd', '1', 'w'], ['OBJECT', 'ENCODING', 'd'],
    ['CONFIG', 'SET', 'zset-max-listpack-value', '0'], ['CONFIG', 'SET', 'zset-max-listpack-entries', '5'], ['ZADD', 'v', '1', ''], ['OBJECT', 'ENCODING', 'v'], ['ZADD', 'v', '1', 'a'],
    ['OBJECT', 'ENCODING', 'v'], ['ZADD', 'u', '1', 'a'], ['OBJECT', 'ENCODING', 'u'],
  ] },
  { name: 'MEMORY USAGE of listpacks', steps: [
    ['ZADD', 'z', '1', 'a', '2.5', 'bb', '-3', 'ccc', '100000', 'd', '0.1', 'e', '-0', 'f', '1e300', 'g', '5000000000', 'h'], ['MEMORY', 'USAGE', 'z'], ['ZADD', 'y', '1', 'x'.repeat(60)],
    ['MEMORY', 'USAGE', 'y'], ['ZADD', 'w', ...pairs(100)], ['MEMORY', 'USAGE', 'w'],
    ['ZADD', 'v', '4611686018427387904', 'a', '-4611686018427387904', 'b', '4611686018427387905', 'c', '5e-324', 'd', '1e18', 'e'], ['MEMORY', 'USAGE', 'v'], ['ZSCAN', 'v', '0'],
    // Integral scores from 1e17 up print longer with %.17g than as integers: the listpack holds integers.
    ['ZADD', 'i1', '4611686018427387904', 'b'], ['MEMORY', 'USAGE', 'i1'], ['ZADD', 'i2', '1e17', 'b'], ['MEMORY', 'USAGE', 'i2'], ['ZADD', 'i3', '-123456789012345678', 'b'],
    ['MEMORY', 'USAGE', 'i3'], ['ZADD', 'i4', ...Array.from({ length: 20 }, (_, i) => [String(2 ** 62 - i * 2 ** 20), `m${i}`]).flat()], ['MEMORY', 'USAGE', 'i4'],
  ] },
  { name: 'COPY keeps the encoding, DEBUG RELOAD converts', steps: [
    ['ZADD', 'z', ...pairs(200)], ['COPY', 'z', 'c'], ['OBJECT', 'ENCODING', 'c'], ['ZRANGE', 'c', '0', '3', 'WITHSCORES'], ['ZREMRANGEBYRANK', 'z', '5', '-1'], ['COPY', 'z', 'c2'],
    ['OBJECT', 'ENCODING', 'c2'], ['ZRANGE', 'c2', '0', '-1'],
  ] },
]);

runScenarios('zsets: encoding from start-up configuration', optionsWith({ 'zset-max-listpack-entries': '3', 'zset-max-listpack-value': '10' }), [
  { name: 'limits from the start', steps: [
    ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c'], ['OBJECT', 'ENCODING', 'z'], ['ZADD', 'z', '4', 'd'], ['OBJECT', 'ENCODING', 'z'], ['ZADD', 'y', '1', 'abcdefghijk'],
    ['OBJECT', 'ENCODING', 'y'], ['ZRANGESTORE', 'r', 'z', '0', '2'], ['OBJECT', 'ENCODING', 'r'], ['ZRANGESTORE', 'r', 'z', '0', '-1'], ['OBJECT', 'ENCODING', 'r'],
  ] },
]);
