import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenarios, type Scenario, type Step } from '@fakeredis/tooling/conformance';
import { referenceEnv, runReferenceScenarios } from '@fakeredis/tooling/conformance/reference';
import { FakeServer, FakeServer72 } from '../../src/index.js';

// INFO stats' dump_payload_sanitizations (stat_dump_payload_sanitizations) against
// redis-server 7.0.15 (and 7.2.4 with FAKEREDIS_REDIS_7_2): with sanitize-dump-payload yes
// each listpack and intset a RESTORE or an RDB load validates deeply counts one (a quicklist
// node, an intset, a zset / hash / set listpack, a stream node); clients counts RESTOREs
// unless the user has skip-sanitize-payload, and no load; no counts nothing.

/** The payloads RESTORE gets, made by a fake of the version (DUMP's bytes equal Redis's). */
function payloads(server: FakeServer): Record<string, Buffer> {
  const many = (n: number, f: (i: number) => string): string[] => Array.from({ length: n }, (_, i) => f(i));
  server.command('RPUSH', 'list', 'a', 'b', 'c');
  server.command('RPUSH', 'biglist', ...many(3000, (i) => `element-${i}`));
  server.command('SADD', 'intset', '1', '2', '3');
  server.command('SADD', 'set', 'a', 'b', 'c');
  server.command('SADD', 'bigset', ...many(200, (i) => `m${i}`));
  server.command('ZADD', 'zset', '1', 'a', '2', 'b');
  server.command('HSET', 'hash', 'f', 'v');
  server.command('XADD', 'stream', '1-1', 'f', 'v');
  server.command('XADD', 'stream', '1-2', 'f', 'v');
  server.command('SET', 'string', 'v');
  const out: Record<string, Buffer> = {};
  for (const key of ['list', 'biglist', 'intset', 'set', 'bigset', 'zset', 'hash', 'stream', 'string']) {
    out[key] = Buffer.from(server.command('DUMP', key) as string, 'latin1');
  }
  server.close();
  return out;
}

const SANITIZATIONS = /^dump_payload_sanitizations:.*$/m;
const INFO: Step = { cmd: ['INFO', 'stats'], compare: { normalize: (text: string) => SANITIZATIONS.exec(text)?.[0] ?? text } };

function scenarios(dumps: Record<string, Buffer>): Scenario[] {
  const restores = (suffix: string): Step[] => Object.entries(dumps).flatMap(([key, payload]): Step[] => [['RESTORE', `${key}${suffix}`, '0', payload], INFO]);
  return [
    {
      name: 'sanitize-dump-payload yes: RESTORE counts each listpack and intset it validates',
      steps: [['CONFIG', 'RESETSTAT'], INFO, ['CONFIG', 'SET', 'sanitize-dump-payload', 'yes'], ...restores(':y'), ['RESTORE', 'bad', '0', Buffer.from('nonsense')], INFO],
      protocols: [2],
    },
    {
      name: 'sanitize-dump-payload clients: a user with skip-sanitize-payload is not sanitized; no counts nothing',
      steps: [
        ['CONFIG', 'RESETSTAT'], ['CONFIG', 'SET', 'sanitize-dump-payload', 'clients'], ['RESTORE', 'z1', '0', dumps.zset as Buffer], INFO,
        ['ACL', 'SETUSER', 'skipper', 'on', 'nopass', '+@all', '~*', 'skip-sanitize-payload'], { cmd: ['AUTH', 'skipper', 'x'], conn: 'u' },
        { cmd: ['RESTORE', 'z2', '0', dumps.zset as Buffer], conn: 'u' }, INFO, ['ACL', 'SETUSER', 'skipper', 'sanitize-payload'],
        { cmd: ['RESTORE', 'z3', '0', dumps.zset as Buffer], conn: 'u' }, INFO,
        ['CONFIG', 'SET', 'sanitize-dump-payload', 'no'], ['RESTORE', 'z4', '0', dumps.zset as Buffer], INFO, ['CONFIG', 'RESETSTAT'], INFO,
        ['ACL', 'DELUSER', 'skipper'],
      ],
      protocols: [2],
    },
    {
      name: 'DEBUG RELOAD validates the file deeply with yes only',
      steps: [
        ['CONFIG', 'SET', 'sanitize-dump-payload', 'yes'], ...restores(''), ['CONFIG', 'RESETSTAT'], ['DEBUG', 'RELOAD'], INFO,
        ['CONFIG', 'SET', 'sanitize-dump-payload', 'clients'], ['DEBUG', 'RELOAD'], INFO, ['CONFIG', 'SET', 'sanitize-dump-payload', 'no'], ['FLUSHALL'],
      ],
      protocols: [2],
    },
  ];
}

// DEBUG RELOAD saves a dump.rdb: each side in a directory of its own (another suite's server started in /tmp would load it).
const dir = mkdtempSync(join(tmpdir(), 'fakeredis-sanitize-'));
const realDir = mkdtempSync(join(tmpdir(), 'fakeredis-sanitize-real-'));
const options = {
  createServer: (config: Record<string, string>) => new FakeServer({ config: { ...config, dir, 'enable-debug-command': 'yes' } }),
  realServerArgs: ['--enable-debug-command', 'yes', '--dir', realDir],
};
runScenarios('dump_payload_sanitizations', options, scenarios(payloads(new FakeServer())));
runReferenceScenarios(
  referenceEnv('redis', '7.2'),
  'dump_payload_sanitizations (7.2: listpack sets)',
  { createServer: (config) => new FakeServer72({ config: { ...config, dir, 'enable-debug-command': 'yes' } }), realServerArgs: ['--enable-debug-command', 'yes', '--dir', realDir] },
  scenarios(payloads(new FakeServer72())),
);
