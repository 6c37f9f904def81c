import { runScenarios, type Scenario } from '@fakeredis/tooling/conformance';
import { coreMixins, overrideCommands } from '../../src/index.js';
import { EveryCommandFixture, serverForConformance } from '../server/fixtures.js';

/**
 * COMMAND's subcommands against a fake whose table holds every Redis 7.0 command (the
 * fixture's handlers are never called: these scenarios only ask about commands), so
 * GETKEYS, LIST and COUNT can be compared with the real server over the whole table.
 */
const options = { createServer: (config: Record<string, string>) => serverForConformance(config, overrideCommands([EveryCommandFixture], ...coreMixins)) };

const getkeys = (...argv: string[]) => ['COMMAND', 'GETKEYS', ...argv];
const andFlags = (...argv: string[]) => ['COMMAND', 'GETKEYSANDFLAGS', ...argv];

const getkeysScenarios: Scenario[] = [
  {
    name: 'GETKEYS of index/range specs',
    steps: [
      getkeys('GET', 'k'), getkeys('get', 'k'), getkeys('MSET', 'a', '1', 'b', '2'), getkeys('DEL', 'a', 'b', 'c'),
      getkeys('RENAME', 'a', 'b'), getkeys('LMOVE', 'a', 'b', 'LEFT', 'RIGHT'), getkeys('MGET', 'x'),
      getkeys('COPY', 'a', 'b', 'DB', '1'), getkeys('BLPOP', 'a', 'b', '0'), getkeys('SMOVE', 's', 'd', 'm'),
      getkeys('OBJECT', 'ENCODING', 'k'), getkeys('MEMORY', 'USAGE', 'k', 'SAMPLES', '5'), getkeys('XINFO', 'STREAM', 's'),
    ],
  },
  {
    name: 'GETKEYSANDFLAGS of index/range specs',
    steps: [
      andFlags('GET', 'k'), andFlags('MSET', 'a', '1', 'b', '2'), andFlags('DEL', 'a', 'b'), andFlags('RENAME', 'a', 'b'),
      andFlags('APPEND', 'k', 'v'), andFlags('LMOVE', 'a', 'b', 'LEFT', 'RIGHT'), andFlags('GETDEL', 'k'),
      andFlags('SMOVE', 's', 'd', 'm'), andFlags('PFCOUNT', 'a', 'b'),
    ],
  },
  {
    name: 'keynum specs (numkeys)',
    steps: [
      getkeys('EVAL', 'return 1', '2', 'a', 'b', 'c'), andFlags('EVAL_RO', 'return 1', '1', 'a'),
      getkeys('ZUNIONSTORE', 'dst', '2', 'a', 'b', 'WEIGHTS', '1', '2'), andFlags('ZUNIONSTORE', 'dst', '2', 'a', 'b'),
      getkeys('ZINTER', '2', 'a', 'b'), getkeys('ZDIFF', '1', 'a'), getkeys('LMPOP', '2', 'a', 'b', 'LEFT'),
      getkeys('BLMPOP', '0', '2', 'a', 'b', 'LEFT'), getkeys('SINTERCARD', '2', 'a', 'b', 'LIMIT', '1'),
      getkeys('ZINTERCARD', '1', 'a'), getkeys('FCALL', 'f', '1', 'k', 'arg'), andFlags('BZMPOP', '1', '1', 'z', 'MIN'),
    ],
  },
  {
    name: 'keynum edge cases: no keys, bad or huge numkeys',
    steps: [
      getkeys('EVAL', 'return 1', '0'), getkeys('EVAL', 'return 1', '3', 'a'), getkeys('EVAL', 'return 1', 'x', 'a'),
      getkeys('EVAL', 'return 1', '-1', 'a'), getkeys('ZUNIONSTORE', 'dst', '0', 'a'), getkeys('ZUNIONSTORE', 'dst', '3', 'a'),
      getkeys('ZUNION', '0', 'a'), getkeys('LMPOP', '5', 'a', 'LEFT'), getkeys('FCALL', 'f', '0'),
      getkeys('EVALSHA', 'abc', '00', 'a'),
    ],
  },
  {
    name: 'keyword specs: XREAD, XREADGROUP, GEORADIUS STORE',
    steps: [
      getkeys('XREAD', 'COUNT', '2', 'STREAMS', 'a', 'b', '0', '0'), andFlags('XREAD', 'STREAMS', 'a', '0'),
      getkeys('XREAD', 'STREAMS', 'a', 'b', '0'), getkeys('XREAD', 'BLOCK', '0', 'STREAMS', 'streams', '0'),
      getkeys('XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 's', '>'), andFlags('XREADGROUP', 'GROUP', 'g', 'c', 'NOACK', 'STREAMS', 's', '>'),
      getkeys('GEORADIUS', 'src', '0', '0', '1', 'km', 'STORE', 'dst'), andFlags('GEORADIUS', 'src', '0', '0', '1', 'km', 'STOREDIST', 'd2'),
      getkeys('GEORADIUS', 'src', '0', '0', '1', 'km'), getkeys('GEORADIUSBYMEMBER', 'src', 'm', '1', 'km', 'STORE', 'x', 'STOREDIST', 'y'),
      getkeys('GEOSEARCHSTORE', 'dst', 'src', 'FROMMEMBER', 'm', 'BYRADIUS', '1', 'km'),
    ],
  },
  {
    name: 'commands with their own key procedure: SORT, SET, BITFIELD, MIGRATE',
    steps: [
      andFlags('SORT', 'k'), andFlags('SORT', 'k', 'BY', 'w_*', 'LIMIT', '0', '1', 'GET', '#', 'STORE', 'dst'),
      andFlags('SORT', 'k', 'STORE', 'a', 'STORE', 'b'), andFlags('SORT', 'k', 'GET', 'store', 'ALPHA'), andFlags('SORT_RO', 'k', 'BY', 'x'),
      andFlags('SET', 'k', 'v'), andFlags('SET', 'k', 'v', 'GET'), andFlags('SET', 'k', 'v', 'EX', '10', 'get'),
      andFlags('BITFIELD', 'k', 'GET', 'u8', '0'), andFlags('BITFIELD', 'k', 'GET', 'u8', '0', 'SET', 'u8', '0', '1'),
      andFlags('BITFIELD', 'k', 'OVERFLOW', 'SAT', 'GET', 'u8', '0'), andFlags('BITFIELD', 'k', 'BOGUS'), andFlags('BITFIELD_RO', 'k', 'GET', 'u8', '0'),
      andFlags('MIGRATE', 'h', '1', 'k', '0', '5'), andFlags('MIGRATE', 'h', '1', '', '0', '5', 'COPY', 'KEYS', 'a', 'b'),
      andFlags('MIGRATE', 'h', '1', 'k', '0', '5', 'KEYS', 'a'), andFlags('MIGRATE', 'h', '1', '', '0', '5', 'AUTH2', 'u', 'keys', 'KEYS', 'a'),
    ],
  },
  {
    name: 'GETKEYS errors',
    steps: [
      getkeys('NOSUCHCMD', 'a'), getkeys('GET'), getkeys('GET', 'a', 'b'), getkeys('MSET', 'a'), getkeys('PING'),
      getkeys('CONFIG'), getkeys('CONFIG', 'GET', 'x'), getkeys('CONFIG', 'NOSUCH'), getkeys('OBJECT', 'NOSUCH', 'k'),
      getkeys('EVAL', 'return 1'), ['COMMAND', 'GETKEYS'], andFlags('NOSUCHCMD'), andFlags('PUBLISH', 'ch', 'msg'),
      getkeys('XREAD', 'STREAMS', 'a'), getkeys('MIGRATE', 'h', '1', 'k', '0', '5', 'KEYS', 'a'),
    ],
  },
];

const infoDocsScenarios: Scenario[] = [
  {
    name: 'COMMAND INFO of several names, unknown ones and subcommand names',
    steps: [
      ['COMMAND', 'INFO', 'get', 'nosuch', 'SET', 'config|get', 'CONFIG|GET', 'get|x', 'config|nosuch', 'config|get|x', 'object|encoding'],
      ['COMMAND', 'INFO', ''],
    ],
  },
  {
    name: 'COMMAND DOCS of several names skips unknown ones',
    steps: [['COMMAND', 'DOCS', 'get', 'nosuch', 'config|get', 'get|x', 'GET'], ['COMMAND', 'DOCS', 'nosuch']],
  },
  {
    // COMMAND and COMMAND INFO / DOCS without names: see server-command-metadata.test.ts.
    name: 'COMMAND COUNT and LIST over the whole table',
    steps: [['COMMAND', 'COUNT'], { cmd: ['COMMAND', 'LIST'], compare: 'unordered' }],
  },
  {
    name: 'COMMAND LIST FILTERBY',
    steps: [
      { cmd: ['COMMAND', 'LIST', 'FILTERBY', 'PATTERN', 'config*'], compare: 'unordered' },
      { cmd: ['COMMAND', 'LIST', 'FILTERBY', 'pattern', 'X*'], compare: 'unordered' },
      { cmd: ['COMMAND', 'LIST', 'FILTERBY', 'ACLCAT', 'transaction'], compare: 'unordered' },
      { cmd: ['COMMAND', 'LIST', 'FILTERBY', 'aclcat', 'FAST'], compare: 'unordered' },
      { cmd: ['COMMAND', 'LIST', 'FILTERBY', 'ACLCAT', 'dangerous'], compare: 'unordered' },
      ['COMMAND', 'LIST', 'FILTERBY', 'ACLCAT', 'nosuch'],
      ['COMMAND', 'LIST', 'FILTERBY', 'MODULE', 'nosuch'],
      ['COMMAND', 'LIST', 'FILTERBY', 'PATTERN', 'nomatch*'],
    ],
  },
  {
    name: 'COMMAND LIST and COMMAND errors',
    steps: [
      ['COMMAND', 'LIST', 'FILTERBY'], ['COMMAND', 'LIST', 'FILTERBY', 'PATTERN'], ['COMMAND', 'LIST', 'FILTERBY', 'NOPE', 'x'],
      ['COMMAND', 'LIST', 'FILTERBY', 'PATTERN', 'a', 'b'], ['COMMAND', 'LIST', 'x'], ['COMMAND', 'COUNT', 'x'],
      ['COMMAND', 'NOSUCH'], ['COMMAND', 'HELP'], ['command', 'help', 'x'], ['COMMAND', 'DOCS', 'get', 'get'],
    ],
  },
];

runScenarios('server: COMMAND GETKEYS', options, getkeysScenarios);
runScenarios('server: COMMAND INFO, DOCS, LIST, COUNT', options, infoDocsScenarios);
