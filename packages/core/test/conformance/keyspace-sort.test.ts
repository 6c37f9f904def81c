import { HashCommands } from '@fakeredis/hashes';
import { ListCommands } from '@fakeredis/lists';
import { SetCommands } from '@fakeredis/sets';
import { SortedSetCommands } from '@fakeredis/zsets';
import { runScenarios, type Scenario } from '@fakeredis/tooling/conformance';
import { referenceEnv, runReferenceScenarios } from '@fakeredis/tooling/conformance/reference';
import { serverProfile } from '../../src/index.js';
import { serverForConformance, serverMixins } from '../server/fixtures.js';

const mixins = [...serverMixins, ListCommands, SetCommands, SortedSetCommands, HashCommands];
const options = { createServer: (config: Record<string, string>) => serverForConformance(config, mixins) };

const weights = [['MSET', 'w_a', '3', 'w_b', '1', 'w_c', '2', 'w_d', '1', 'o_a', 'AA', 'o_b', 'BB', 'o_c', 'CC']];
const hashes = [['HSET', 'h_a', 'n', 'x3', 'w', '30'], ['HSET', 'h_b', 'n', 'x1', 'w', '10'], ['HSET', 'h_c', 'n', 'x2', 'w', '5'], ['SET', 'h_d', 'str']];

const scenarios: Scenario[] = [
  {
    name: 'SORT numbers: lists, sets, sorted sets, ASC/DESC, LIMIT',
    steps: [
      ['RPUSH', 'l', '3', '1', '2', '10', '-1.5', '1e2', '0x10', ' 7', '2', '0x1p3', '0x.8', '-0X1A'], ['SORT', 'l'], ['SORT', 'l', 'DESC'], ['SORT', 'l', 'ASC', 'DESC', 'ASC'],
      ['SORT', 'l', 'LIMIT', '0', '3'], ['SORT', 'l', 'LIMIT', '2', '3', 'DESC'], ['SORT', 'l', 'LIMIT', '-5', '2'], ['SORT', 'l', 'LIMIT', '3', '-1'],
      ['SORT', 'l', 'LIMIT', '100', '5'], ['SORT', 'l', 'LIMIT', '0', '0'], ['SORT', 'l', 'LIMIT', '8', '100'],
      ['SADD', 's', '5', '3', '40', '1', '-2'], ['SORT', 's'], ['SORT', 's', 'DESC', 'LIMIT', '1', '2'],
      ['SADD', 'sh', 'b10', 'a', '1', 'zz'], ['SORT', 'sh', 'ALPHA'], ['SORT', 'sh', 'ALPHA', 'DESC'],
      ['ZADD', 'z', '1', 'c', '2', 'b', '3', 'a'], ['SORT', 'z', 'ALPHA'], ['SORT', 'z', 'BY', 'nosort'], ['SORT', 'z', 'BY', 'nosort', 'DESC'],
      ['SORT', 'z', 'BY', 'nosort', 'LIMIT', '1', '1'], ['SORT', 'z', 'BY', 'nosort', 'DESC', 'LIMIT', '1', '5'],
      ['SORT', 'nokey'], ['SORT', 'nokey', 'STORE', 'dst'], ['EXISTS', 'dst'],
    ],
  },
  {
    name: 'SORT ties: equal numbers by the element, ALPHA and missing weights in input order',
    steps: [
      ['RPUSH', 'l', 'b', 'a', 'c', 'd'], ...weights, ['SORT', 'l', 'BY', 'w_*'], ['SORT', 'l', 'BY', 'w_*', 'DESC'], ['SORT', 'l', 'BY', 'w_*', 'ALPHA'],
      ['SORT', 'l', 'BY', 'w_*', 'ALPHA', 'DESC'], ['SORT', 'l', 'BY', 'missing_*', 'ALPHA'], ['SORT', 'l', 'BY', 'missing_*', 'ALPHA', 'DESC'],
      ['SORT', 'l', 'BY', 'missing_*'], ['RPUSH', 'n', '1', '01', '1.0', '+1', '2'], ['SORT', 'n'], ['SORT', 'n', 'DESC'],
      ['RPUSH', 'dup', 'x', 'y', 'x'], ['SORT', 'dup', 'ALPHA'], ['SORT', 'l', 'BY', 'w_*', 'LIMIT', '1', '2'],
    ],
  },
  {
    name: 'SORT BY nosort keeps a list\'s order; GET # and patterns',
    steps: [
      ['RPUSH', 'l', 'b', 'a', 'c', 'zz'], ...weights, ['SORT', 'l', 'BY', 'nosort'], ['SORT', 'l', 'BY', 'nosort', 'DESC'],
      ['SORT', 'l', 'BY', 'nosort', 'LIMIT', '1', '2'], ['SORT', 'l', 'BY', 'nosort', 'DESC', 'LIMIT', '1', '2'], ['SORT', 'l', 'BY', 'nosort', 'LIMIT', '9', '2'],
      ['SORT', 'l', 'BY', 'w_*', 'GET', 'o_*'], ['SORT', 'l', 'BY', 'w_*', 'GET', '#', 'GET', 'o_*', 'GET', 'w_*'], ['SORT', 'l', 'ALPHA', 'GET', 'nostar'],
      ['SORT', 'l', 'ALPHA', 'GET', 'o_*_suffix'], ['SORT', 'l', 'BY', 'nosort', 'GET', '#', 'GET', '#'], ['SORT', 'l', 'ALPHA', 'GET', '**'],
      ['SADD', 'wrong', 'x'], ['RPUSH', 'o_zz', 'list'], ['SORT', 'l', 'ALPHA', 'GET', 'o_*'],
    ],
  },
  {
    name: 'SORT with hash fields: BY and GET key->field',
    steps: [
      ['RPUSH', 'l', 'a', 'b', 'c', 'd'], ...hashes, ['SORT', 'l', 'BY', 'h_*->w'], ['SORT', 'l', 'BY', 'h_*->w', 'GET', 'h_*->n'],
      ['SORT', 'l', 'BY', 'h_*->n', 'ALPHA', 'GET', '#', 'GET', 'h_*->n', 'GET', 'h_*->nofield'], ['SORT', 'l', 'ALPHA', 'GET', 'h_*->'],
      ['SORT', 'l', 'ALPHA', 'GET', 'h_*->n->x'], ['SORT', 'l', 'ALPHA', 'GET', 'h_->*'], ['SORT', 'l', 'BY', 'h_*->n', 'GET', '#'],
    ],
  },
  {
    name: 'SORT STORE makes a list, replaces or deletes the destination',
    steps: [
      ['RPUSH', 'l', '3', '1', '2'], ['SORT', 'l', 'STORE', 'dst'], ['LRANGE', 'dst', '0', '-1'], ['TYPE', 'dst'], ['OBJECT', 'ENCODING', 'dst'],
      ['SET', 'str', 'v', 'EX', '100'], ['SORT', 'l', 'DESC', 'STORE', 'str'], ['TTL', 'str'], ['LRANGE', 'str', '0', '-1'],
      ['SORT', 'l', 'LIMIT', '5', '5', 'STORE', 'dst'], ['EXISTS', 'dst'], ['SORT', 'l', 'STORE', 'l'], ['LRANGE', 'l', '0', '-1'],
      ...weights, ['RPUSH', 'k', 'a', 'b', 'x'], ['SORT', 'k', 'BY', 'w_*', 'GET', 'o_*', 'GET', '#', 'STORE', 'g'], ['LRANGE', 'g', '0', '-1'],
      ['SADD', 's', 'b', 'c', 'a', '10', '9'], ['SORT', 's', 'BY', 'nosort', 'STORE', 'ss'], ['LRANGE', 'ss', '0', '-1'],
      ['SORT_RO', 'l', 'STORE', 'x'], ['SORT', 'l', 'STORE'], ['SORT', 'l', 'STORE', 'a', 'STORE', 'b'], ['EXISTS', 'a', 'b'],
    ],
  },
  {
    name: 'SORT errors: syntax, WRONGTYPE, scores that are not doubles',
    steps: [
      ['RPUSH', 'l', '1', 'x', '2'], ['SORT', 'l'], ['SORT', 'l', 'ALPHA'], ['SORT', 'l', 'FOO'], ['SORT', 'l', 'LIMIT', '1'], ['SORT', 'l', 'LIMIT', 'x', '1'],
      ['SORT', 'l', 'LIMIT', '1', 'y'], ['SORT', 'l', 'BY'], ['SORT', 'l', 'GET'], ['SORT'], ['SET', 'str', 'v'], ['SORT', 'str'], ['HSET', 'h', 'f', 'v'], ['SORT', 'h'],
      ['SORT', 'str', 'FOO'], ['SORT', 'l', 'BY', 'nosort'], ['RPUSH', 'f', '1.5', 'inf', '-inf', '1e308', '3'], ['SORT', 'f'], ['RPUSH', 'big', '1e400'], ['SORT', 'big'],
      ['RPUSH', 'nan', 'nan'], ['SORT', 'nan'], ['RPUSH', 'sp', '1 '], ['SORT', 'sp'], ['RPUSH', 'tiny', '1e-320'], ['SORT', 'tiny'],
      ['MSET', 'w_1', 'abc', 'w_2', '5'], ['RPUSH', 'bw', '1', '2'], ['SORT', 'bw', 'BY', 'w_*'], ['SORT', 'l', 'BY', 'w_*', 'ALPHA'],
      ['SORT_RO', 'l', 'ALPHA'], ['SORT_RO', 'l', 'ALPHA', 'DESC', 'LIMIT', '0', '1', 'GET', '#'], ['SORT_RO', 'str'], ['SORT_RO'],
    ],
  },
  {
    name: 'SORT ALPHA on binary strings and NUL bytes',
    steps: [
      ['RPUSH', 'l', 'b\x00z', 'b\x00a', 'B', 'é', 'a', ''], ['SORT', 'l', 'ALPHA'], ['SORT', 'l', 'ALPHA', 'STORE', 'd'], ['LRANGE', 'd', '0', '-1'],
    ],
  },
  {
    name: 'SORT STORE wakes a client blocked on the destination',
    steps: [
      ['RPUSH', 'l', '2', '1'], { cmd: ['BLPOP', 'dst', '0'], conn: 'b', async: true }, { sleep: 50 }, ['SORT', 'l', 'STORE', 'dst'], { await: 'b' },
      ['LRANGE', 'dst', '0', '-1'],
    ],
  },
  {
    name: 'SORT in MULTI and COMMAND GETKEYS',
    steps: [
      ['RPUSH', 'l', '2', '1'], ['MULTI'], ['SORT', 'l', 'STORE', 'd'], ['SORT', 'd'], ['EXEC'],
      ['COMMAND', 'GETKEYS', 'SORT', 'l', 'STORE', 'd'], ['COMMAND', 'GETKEYS', 'SORT', 'l', 'BY', 'w_*', 'GET', 'x_*'], ['COMMAND', 'GETKEYS', 'SORT_RO', 'l'],
    ],
  },
  {
    name: 'SORT BY and GET patterns need a user that may read every key',
    steps: [
      ['RPUSH', 'l', '3', '1', '2'], ['MSET', 'w_1', '3', 'w_2', '2', 'w_3', '1', 'o_1', 'a', 'o_2', 'b', 'o_3', 'c', 'str', 'v'],
      ['ACL', 'SETUSER', 'sort-all', 'on', 'nopass', '+@all', '~*'], ['ACL', 'SETUSER', 'sort-allkeys', 'on', 'nopass', '+@all', 'allkeys'],
      ['ACL', 'SETUSER', 'sort-some', 'on', 'nopass', '+@all', '~l', '~w_*', '~o_*', '~str'], ['ACL', 'SETUSER', 'sort-glob', 'on', 'nopass', '+@all', '~*l*', '~w*'],
      ['ACL', 'SETUSER', 'sort-write', 'on', 'nopass', '+@all', '%W~*', '%R~l'], ['ACL', 'SETUSER', 'sort-read', 'on', 'nopass', '+@all', '%R~*'],
      ['ACL', 'SETUSER', 'sort-selector', 'on', 'nopass', '+@all', '~l', '(~* +sort)'],
      ...['sort-all', 'sort-allkeys', 'sort-some', 'sort-glob', 'sort-write', 'sort-read', 'sort-selector'].flatMap((user) => [
        { cmd: ['AUTH', user, 'x'], conn: user },
        ...[
          ['SORT', 'l', 'BY', 'w_*'], ['SORT', 'l', 'BY', 'nosort'], ['SORT', 'l', 'GET', '#'], ['SORT', 'l', 'GET', 'o_*'], ['SORT_RO', 'l', 'BY', 'w_*', 'GET', 'o_*'],
          ['SORT', 'l', 'BY', 'w_*', 'STORE', 'dst'], ['SORT', 'l', 'LIMIT', '0', '1', 'BY', 'w_*', 'GET', '#'], ['SORT', 'l', 'LIMIT', '0', 'x', 'BY', 'w_*'],
          ['SORT', 'l', 'BY', 'w_*', 'NOSUCH'], ['SORT', 'l', 'NOSUCH', 'BY', 'w_*'], ['SORT', 'str', 'GET', '#'], ['SORT', 'l', 'BY', 'nosort', 'GET', 'o_*'],
        ].map((cmd) => ({ cmd, conn: user })),
      ]),
      ['ACL', 'DELUSER', 'sort-all', 'sort-allkeys', 'sort-some', 'sort-glob', 'sort-write', 'sort-read', 'sort-selector'],
    ],
  },
];

runScenarios('keyspace: SORT, SORT_RO', options, scenarios);

/**
 * Weights as each version reads them: strtod up to 7.4 (and Valkey), fast_float from Redis
 * 8.0 (Valkey 9: fast_float that checks errno). Values that make strtod set ERANGE are left out but there: Redis never clears errno,
 * so one would fail the SORTs after it in that process (see the README).
 */
const weightTexts = [
  '+5', '-+5', '5.', '.5', '.', '-', '+', '', '1e', '1e+', '1e+2', '1E-2', '+inf', '-inf', '-+inf', '+-inf', 'infinity', 'INF', 'infx', 'Infinit', 'nan', 'nan(x_1)',
  'nan(', '0x10', '0X1p3', ' 7', '7 ', '1_0', '00012', '-0', '12345678901234567890123',
];
const one = (text: string) => [['DEL', 'one'], ['RPUSH', 'one', text], ['SORT', 'one']];
const weightScenarios: Scenario[] = [
  {
    name: 'SORT weights: what each parser accepts, and their order',
    steps: [
      ...weightTexts.flatMap(one),
      ['RPUSH', 'many', '+5', '5.', '.5', '1e+2', '1E-2', '+inf', '-inf', 'infinity', '00012', '-0', '12345678901234567890123'], ['SORT', 'many'], ['SORT', 'many', 'DESC'],
    ],
  },
];
const outOfRange: Scenario = {
  name: 'SORT weights out of a double\'s range are infinities or zeros (fast_float)',
  steps: [...['1e400', '-1e400', '1e-400', '1e-320'].flatMap(one), ['RPUSH', 'many', '1e400', '-1e400', '1e-400', '1e-320', '0', '-1'], ['SORT', 'many']],
};
runScenarios('keyspace: SORT weights', options, weightScenarios);
for (const [serverType, version] of [['redis', '7.4'], ['redis', '8.0'], ['redis', '8.6'], ['valkey', '8.1'], ['valkey', '9.1']] as const) {
  const profile = serverProfile(serverType, version);
  runReferenceScenarios(referenceEnv(serverType, version), `keyspace: SORT weights (${serverType} ${version})`, {
    createServer: (config) => serverForConformance(config, mixins, profile),
  }, version === '7.4' || version === '8.1' ? weightScenarios : [...weightScenarios, outOfRange]);
}
