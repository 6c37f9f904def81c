import { HashCommands } from '@fakeredis/hashes';
import { ListCommands } from '@fakeredis/lists';
import { SetCommands } from '@fakeredis/sets';
import { StreamCommands } from '@fakeredis/streams';
import { SortedSetCommands } from '@fakeredis/zsets';
import { type Compare, runScenarios, type Scenario, type Step, withStartConfig } from '@fakeredis/tooling/conformance';
import { referenceEnv, runReferenceScenarios } from '@fakeredis/tooling/conformance/reference';
import { serverProfile } from '../../src/index.js';
import { serverForConformance, serverMixins } from '../server/fixtures.js';

const mixins = [...serverMixins, ListCommands, SetCommands, SortedSetCommands, HashCommands, StreamCommands];
const options = withStartConfig({ createServer: (config: Record<string, string>) => serverForConformance(config, mixins) }, { 'enable-debug-command': 'yes' });
/** DEBUG OBJECT with the address, the LRU clock and the idle time masked. */
const objectLine: Compare = {
  normalize: (text) => text.replace(/^Value at:0x[0-9a-f]+ /, 'Value at:<addr> ').replace(/ lru:\d+ lru_seconds_idle:\d+/, ' lru:<clock> lru_seconds_idle:<idle>'),
};
const object = (key: string): Step => ({ cmd: ['DEBUG', 'OBJECT', key], compare: objectLine });
const long = 'x'.repeat(60);

/** DUMP of the string "v" (RDB version 10) with its last checksum byte changed, and with version 99. */
const badChecksum = Buffer.from('000176' + '0a00' + '9108ceb219388acf', 'hex');
const badVersion = Buffer.from('000176' + '6300' + '9108ceb219388ace', 'hex');

const scenarios: Scenario[] = [
  {
    name: 'DEBUG DIGEST and DIGEST-VALUE equal Redis for every type, expiry and database',
    steps: [
      ['DEBUG', 'DIGEST'], ['DEBUG', 'DIGEST-VALUE'], ['DEBUG', 'DIGEST-VALUE', 'nokey'],
      ['SET', 's', 'hello'], ['SET', 'n', '12345'], ['SET', 'big', long], ['APPEND', 'app', 'ab'], ['APPEND', 'app', 'cd'],
      ['RPUSH', 'l', 'a', 'b', '3', long], ['RPUSH', 'l2', '3', long, 'b', 'a'],
      ['SADD', 'si', '1', '2', '3'], ['SADD', 'sl', 'a', 'b', 'c'], ['SADD', 'sh', ...Array.from({ length: 200 }, (_, i) => `m${i}`)],
      ['ZADD', 'z', '1', 'a', '0.1', 'b', '-2.5e-7', 'c', '1e20', 'd', 'inf', 'e', '7', '42'], ['ZADD', 'zs', ...Array.from({ length: 300 }, (_, i) => [String(i / 3), `e${i}`]).flat()],
      ['HSET', 'h', 'f1', 'v1', 'f2', '2', 'f3', long], ['HSET', 'hh', ...Array.from({ length: 300 }, (_, i) => [`f${i}`, `v${i}`]).flat()],
      ['XADD', 'x', '1-1', 'a', '1', 'b', '2'], ['XADD', 'x', '2-0', 'a', '3'], ['XADD', 'x', '3-5', 'c', long], ['XDEL', 'x', '2-0'],
      ['DEBUG', 'DIGEST-VALUE', 's', 'n', 'big', 'app', 'l', 'l2', 'si', 'sl', 'sh', 'z', 'zs', 'h', 'hh', 'x', 'nokey'], ['DEBUG', 'DIGEST'],
      ['EXPIRE', 's', '1000'], ['DEBUG', 'DIGEST-VALUE', 's'], ['SELECT', '3'], ['SET', 'k', 'v'], ['DEBUG', 'DIGEST'], ['SELECT', '0'], ['DEBUG', 'DIGEST'],
    ],
  },
  {
    name: 'DEBUG DIGEST-VALUE sees a logically expired key that is still stored',
    steps: [
      ['DEBUG', 'SET-ACTIVE-EXPIRE', '0'], ['SET', 'e', 'v', 'PX', '1'], { sleep: 20 }, ['DEBUG', 'DIGEST-VALUE', 'e'], ['DEBUG', 'DIGEST'], ['GET', 'e'], ['DEBUG', 'DIGEST-VALUE', 'e'],
      ['DEBUG', 'SET-ACTIVE-EXPIRE', '1'],
    ],
  },
  {
    name: 'DEBUG OBJECT: refcount, encoding, serialized length and the quicklist fields',
    steps: [
      ['SET', 's', 'abc'], ['SET', 'i', '123'], ['SET', 'bigint', '123456789012'], ['SET', 'r', long], ['RPUSH', 'l', 'a', 'b', 'c'],
      ['SADD', 'st', '1', '2', '3'], ['SADD', 'sl', 'a', 'b'], ['ZADD', 'z', '1', 'a', '2.5', 'b'], ['HSET', 'h', 'f', 'v'],
      object('s'), object('i'), object('bigint'), object('r'), object('l'), object('st'), object('sl'), object('z'), object('h'), object('nokey'), ['DEBUG', 'OBJECT', 'l', 'x'],
      ['CONFIG', 'SET', 'list-max-listpack-size', '2'], ['RPUSH', 'l2', 'a', 'b', 'c', 'd', 'e'], object('l2'), ['CONFIG', 'SET', 'list-compress-depth', '1'], object('l2'),
      ['RPUSH', 'l3', 'a', 'b', 'c'], object('l3'),
      ['SADD', 'sh', ...Array.from({ length: 200 }, (_, i) => `m${i}`)], ['ZADD', 'zs', ...Array.from({ length: 200 }, (_, i) => [String(i), `e${i}`]).flat()],
      ['HSET', 'hh', ...Array.from({ length: 200 }, (_, i) => [`f${i}`, `v${i}`]).flat()], ['XADD', 'x', '1-1', 'a', '1'], ['XADD', 'x', '2-1', 'b', long],
      object('sh'), object('zs'), object('hh'), object('x'),
    ],
  },
  {
    name: 'DEBUG PROTOCOL every type',
    steps: ['string', 'integer', 'double', 'bignum', 'null', 'array', 'set', 'map', 'attrib', 'push', 'verbatim', 'true', 'false', 'TRUE', 'nope'].map((t) => ['DEBUG', 'PROTOCOL', t]),
  },
  {
    name: 'DEBUG STRUCTSIZE, and SET-SKIP-CHECKSUM-VALIDATION lets RESTORE take a payload whose checksum is wrong',
    steps: [
      ['DEBUG', 'STRUCTSIZE'], ['DEBUG', 'STRUCTSIZE', 'x'], ['DEBUG', 'SET-SKIP-CHECKSUM-VALIDATION'], ['SET', 'k', 'v'], ['DUMP', 'k'],
      ['RESTORE', 'k2', '0', badChecksum], ['DEBUG', 'SET-SKIP-CHECKSUM-VALIDATION', '1'], ['RESTORE', 'k2', '0', badChecksum], ['GET', 'k2'],
      ['RESTORE', 'k3', '0', badVersion], ['DEBUG', 'SET-SKIP-CHECKSUM-VALIDATION', 'x'], ['RESTORE', 'k4', '0', badChecksum],
      ['DEBUG', 'SET-SKIP-CHECKSUM-VALIDATION', '0'],
    ],
  },
  {
    name: 'DEBUG LISTPACK, QUICKLIST, QUICKLIST-PACKED-THRESHOLD, STRINGMATCH-TEST, REPLYBUFFER, PAUSE-CRON, LOG, CHANGE-REPL-ID',
    steps: [
      ['RPUSH', 'l', 'a'], ['SET', 's', 'v'], ['DEBUG', 'LISTPACK', 'l'], ['DEBUG', 'LISTPACK', 's'], ['DEBUG', 'LISTPACK', 'nokey'], ['DEBUG', 'QUICKLIST', 'l'],
      ['CONFIG', 'SET', 'list-max-listpack-size', '1'], ['RPUSH', 'q', 'a', 'b'], ['DEBUG', 'QUICKLIST', 'q'], ['DEBUG', 'QUICKLIST', 'q', '1'], ['DEBUG', 'LISTPACK', 'q'], ['DEBUG', 'QUICKLIST', 'q', '1', '2'],
      ['DEBUG', 'QUICKLIST-PACKED-THRESHOLD', '1kb'], ['DEBUG', 'QUICKLIST-PACKED-THRESHOLD', '0'], ['DEBUG', 'QUICKLIST-PACKED-THRESHOLD', '4gb'], ['DEBUG', 'QUICKLIST-PACKED-THRESHOLD', '-1'],
      ['DEBUG', 'QUICKLIST-PACKED-THRESHOLD', 'x'], ['DEBUG', 'QUICKLIST-PACKED-THRESHOLD', '4095mb'], ['DEBUG', 'QUICKLIST-PACKED-THRESHOLD', '1gb'],
      ['DEBUG', 'STRINGMATCH-TEST', 'x'],
      ['DEBUG', 'REPLYBUFFER', 'PEAK-RESET-TIME', 'never'], ['DEBUG', 'REPLYBUFFER', 'PEAK-RESET-TIME', 'x'], ['DEBUG', 'REPLYBUFFER', 'PEAK-RESET-TIME', 'reset'],
      ['DEBUG', 'REPLYBUFFER', 'RESIZING', '1'], ['DEBUG', 'REPLYBUFFER', 'NOPE', '1'], ['DEBUG', 'REPLYBUFFER', 'RESIZING'],
      ['DEBUG', 'PAUSE-CRON', '0'], ['DEBUG', 'PAUSE-CRON'], ['DEBUG', 'LOG', 'hello'], ['DEBUG', 'CHANGE-REPL-ID'], ['DEBUG', 'JMAP'], ['DEBUG', 'DICT-RESIZING', '1'],
      ['CONFIG', 'SET', 'list-max-listpack-size', '-2'],
    ],
  },
];

runScenarios('server: DEBUG', options, scenarios);

/** DEBUG HELP of each later version: its subcommands and texts changed. */
const helpScenarios: Scenario[] = [{ name: 'DEBUG HELP', steps: [['DEBUG', 'HELP'], ['DEBUG', 'help', 'x']] }];
for (const [serverType, version] of [['redis', '7.2'], ['redis', '7.4'], ['redis', '8.0'], ['redis', '8.6'], ['valkey', '8.0'], ['valkey', '8.1'], ['valkey', '9.1']] as const) {
  const profile = serverProfile(serverType, version);
  runReferenceScenarios(referenceEnv(serverType, version), `server: DEBUG HELP (${serverType} ${version})`, {
    createServer: (config) => serverForConformance(config, mixins, profile),
  }, helpScenarios);
}
