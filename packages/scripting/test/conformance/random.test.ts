import { runScenarios } from '@fakeredis/tooling/conformance';
import { options } from './server.js';

const E = (script: string): string[] => ['EVAL', script, '0'];

// math.random is Redis's rand48, which Redis 7.0 never reseeds: the sequence runs on from
// server start across scripts. One scenario on a server of its own, in one protocol, so
// the real server's sequence starts where the fake's does.
runScenarios('scripting: math.random', options, [
  { name: 'the sequence from server start, randomseed, and argument errors', protocols: [2], steps: [
    E('return math.random(1000000)'), E('return math.random(1000000)'), E('return {math.random(10), math.random(5, 7), math.random(-3, -1)}'),
    E('return tostring(math.random())'), E('math.randomseed(42) return {math.random(100), math.random(100)}'), E('return math.random(100)'),
    E('math.randomseed(0) return math.random(1000)'), E('return math.random(0)'), E('return math.random(3, 1)'), E('return math.random(1, 2, 3)'),
    E('return math.random("x")'), E('return math.random("7")'), E('return math.random(2.9)'), E('return math.floor(2.5)'), E('math.random = nil'),
  ] },
]);
