import { HashCommands } from '@fakeredis/hashes';
import type { Compare, Scenario, Step } from '@fakeredis/tooling/conformance';
import { referenceEnv, runReferenceScenarios } from '@fakeredis/tooling/conformance/reference';
import { coreMixins, serverProfile } from '../../src/index.js';
import { serverForConformance } from '../server/fixtures.js';

/**
 * INFO's hash-field expiry counters: expired_subkeys (Redis 7.4+) counts every field its
 * TTL deleted (on access, by a TTL already past in HEXPIRE / HGETEX / HSETEX, by the active
 * cycle), expired_subkeys_active (8.6) those of the active cycle. Compared with
 * redis-server 7.4.1, 8.0.6 and 8.6.3.
 */
const mixins = [...coreMixins, HashCommands];

/** Only the named INFO fields of a reply. */
const fields = (...names: string[]): Compare => ({
  normalize: (text) => text.split('\r\n').filter((line) => names.some((name) => line.startsWith(`${name}:`))).join('\n'),
});
const counters: Step = { cmd: ['INFO', 'stats'], compare: fields('expired_subkeys', 'expired_subkeys_active', 'expired_keys', 'expired_keys_active') };

const scenarios = (version: string): Scenario[] => [
  {
    name: 'fields deleted on access and by a TTL already past',
    steps: [
      ['CONFIG', 'RESETSTAT'], ['DEBUG', 'SET-ACTIVE-EXPIRE', '0'], counters,
      ['HSET', 'h', 'a', '1', 'b', '2', 'c', '3', 'd', '4', 'e', '5'],
      ['HEXPIRE', 'h', '0', 'FIELDS', '1', 'b'], ['HPEXPIREAT', 'h', '1', 'FIELDS', '2', 'c', 'nosuch'], counters,
      ['HPEXPIRE', 'h', '1', 'FIELDS', '2', 'a', 'd'], { advance: 20 }, counters,
      ['HGET', 'h', 'a'], ['HMGET', 'h', 'a', 'd', 'e'], ['HLEN', 'h'], counters,
      ...(version === '7.4' ? [] : [
        ['HGETEX', 'h', 'PXAT', '1', 'FIELDS', '1', 'e'], ['HSETEX', 'h', 'PXAT', '1', 'FIELDS', '1', 'f', 'v'], ['HLEN', 'h'], counters,
      ] as Step[]),
      ['CONFIG', 'RESETSTAT'], counters, ['DEBUG', 'SET-ACTIVE-EXPIRE', '1'],
    ],
  },
  {
    name: 'fields the active cycle deletes (and the hash it empties)',
    steps: [
      ['CONFIG', 'RESETSTAT'],
      ['HSET', 'h2', 'a', '1', 'b', '2', 'c', '3'], ['HPEXPIRE', 'h2', '1', 'FIELDS', '2', 'a', 'b'],
      ['HSET', 'h3', 'x', '1'], ['HPEXPIRE', 'h3', '1', 'FIELDS', '1', 'x'],
      { advance: 20 }, { realUntil: ['INFO', 'stats'], until: /expired_subkeys:3\r/ },
      ['HLEN', 'h2'], ['EXISTS', 'h3'], counters,
    ],
  },
];

for (const version of ['7.4', '8.0', '8.6']) {
  const profile = serverProfile('redis', version);
  runReferenceScenarios(referenceEnv('redis', version), `hash field expiry counters (Redis ${version})`, {
    createServer: (config) => serverForConformance({ ...config, 'enable-debug-command': 'yes' }, mixins, profile),
  }, scenarios(version));
}
