import type { Arg } from '@fakeredis/tooling/conformance';
import { runScenarios, type Scenario } from '@fakeredis/tooling/conformance';
import { options } from './server.js';

/**
 * Does `command` (run by another client) touch the WATCHed `key`? EXEC answers nil when it
 * did, an array of one PONG when it did not.
 */
function touches(name: string, setup: Arg[][], key: string, command: Arg[]): Scenario {
  return {
    name,
    steps: [
      ...setup,
      ['WATCH', key], ['MULTI'], ['PING'],
      { cmd: command, conn: 'b', compare: command[0] === 'SPOP' || command[0] === 'SRANDMEMBER' ? 'shape' : 'exact' },
      ['EXEC'],
    ],
  };
}

const set = (key: string, ...members: string[]): Arg[] => ['SADD', key, ...members];

runScenarios('sets: WATCH', options, [
  touches('SADD of a new member', [set('k', 'a')], 'k', ['SADD', 'k', 'b']),
  touches('SADD of existing members only', [set('k', 'a')], 'k', ['SADD', 'k', 'a']),
  touches('SADD creating the key', [], 'k', ['SADD', 'k', 'a']),
  touches('SREM of a member', [set('k', 'a', 'b')], 'k', ['SREM', 'k', 'a']),
  touches('SREM of no member', [set('k', 'a')], 'k', ['SREM', 'k', 'x']),
  touches('SREM emptying the set', [set('k', 'a')], 'k', ['SREM', 'k', 'a']),
  touches('SMOVE: the source', [set('k', 'a', 'b')], 'k', ['SMOVE', 'k', 'd', 'a']),
  touches('SMOVE: the destination, member new to it', [set('s', 'a'), set('k', 'b')], 'k', ['SMOVE', 's', 'k', 'a']),
  touches('SMOVE: the destination, member already there', [set('s', 'a', 'b'), set('k', 'a')], 'k', ['SMOVE', 's', 'k', 'a']),
  touches('SMOVE: a member the source lacks', [set('k', 'a'), set('d', 'x')], 'k', ['SMOVE', 'k', 'd', 'zz']),
  touches('SMOVE to the same key', [set('k', 'a')], 'k', ['SMOVE', 'k', 'k', 'a']),
  touches('SPOP', [set('k', 'a', 'b')], 'k', ['SPOP', 'k']),
  touches('SPOP with count 0', [set('k', 'a', 'b')], 'k', ['SPOP', 'k', '0']),
  touches('SPOP with a count', [set('k', 'a', 'b', 'c')], 'k', ['SPOP', 'k', '2']),
  touches('SPOP of everything', [set('k', 'a', 'b')], 'k', ['SPOP', 'k', '5']),
  touches('SPOP of a missing key', [], 'k', ['SPOP', 'k', '5']),
  touches('SRANDMEMBER', [set('k', 'a', 'b')], 'k', ['SRANDMEMBER', 'k', '-3']),
  touches('SINTERSTORE: the destination', [set('a', 'x'), set('k', 'y')], 'k', ['SINTERSTORE', 'k', 'a']),
  touches('SINTERSTORE: an empty result deletes the destination', [set('a', 'x'), set('k', 'y')], 'k', ['SINTERSTORE', 'k', 'a', 'missing']),
  touches('SINTERSTORE: an empty result and no destination', [set('a', 'x')], 'k', ['SINTERSTORE', 'k', 'a', 'missing']),
  touches('SINTERSTORE: a source', [set('k', 'x')], 'k', ['SINTERSTORE', 'd', 'k']),
  touches('SUNIONSTORE: the destination', [set('a', 'x')], 'k', ['SUNIONSTORE', 'k', 'a']),
  touches('SDIFFSTORE: empty result over an existing destination', [set('a', 'x'), set('k', 'y')], 'k', ['SDIFFSTORE', 'k', 'a', 'a']),
  touches('SDIFFSTORE: empty result, no destination', [set('a', 'x')], 'k', ['SDIFFSTORE', 'k', 'a', 'a']),
]);
