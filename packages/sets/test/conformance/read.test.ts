import { runScenarios } from '@fakeredis/tooling/conformance';
import { bin, options } from './server.js';

// SISMEMBER, SMISMEMBER, SCARD, SMEMBERS.
runScenarios('sets: membership and size', options, [
  { name: 'SISMEMBER', steps: [
    ['SADD', 's', 'a', '1'], ['SISMEMBER', 's', 'a'], ['SISMEMBER', 's', 'b'], ['SISMEMBER', 's', '1'], ['SISMEMBER', 'missing', 'a'],
    ['SADD', 'i', '1', '2'], ['SISMEMBER', 'i', '1'], ['SISMEMBER', 'i', '01'], ['SISMEMBER', 'i', 'x'], ['SISMEMBER', 's'], ['SISMEMBER', 's', 'a', 'b'],
  ] },
  { name: 'SMISMEMBER', steps: [
    ['SADD', 's', 'a', '1', bin(0)], ['SMISMEMBER', 's', 'a', 'b', '1', 'a', bin(0)], ['SMISMEMBER', 'missing', 'a', 'b'], ['SMISMEMBER', 's', 'z'], ['SMISMEMBER', 's'],
  ] },
  { name: 'SCARD', steps: [
    ['SCARD', 'missing'], ['SADD', 's', 'a', 'b', '3'], ['SCARD', 's'], ['SCARD', 's', 'x'], ['SCARD'],
  ] },
  { name: 'SMEMBERS', steps: [
    ['SMEMBERS', 'missing'], ['SADD', 'i', '10', '-1', '5'], ['SMEMBERS', 'i'], ['SADD', 'h', 'x', 'y'], { cmd: ['SMEMBERS', 'h'], compare: 'unordered' },
    ['SMEMBERS', 'i', 'h'], ['SMEMBERS'],
  ] },
  { name: 'wrong type', steps: [
    ['SET', 'str', 'x'], ['SISMEMBER', 'str', 'x'], ['SMISMEMBER', 'str', 'x'], ['SCARD', 'str'], ['SMEMBERS', 'str'], ['TYPE', 'str'],
  ] },
  { name: 'expired sets read as missing', steps: [
    ['SADD', 's', 'a'], ['PEXPIRE', 's', '10'], { sleep: 30 }, ['SCARD', 's'], ['SISMEMBER', 's', 'a'], ['SMEMBERS', 's'], ['SMISMEMBER', 's', 'a'],
  ] },
]);
