import {
  connectFake, connectReal, redisServerAvailable, runScenarios, type Scenario, SHARED_START_CONFIG, startRealServer, type Wire,
} from '@fakeredis/tooling/conformance';
import { describe, expect, it } from 'vitest';
import { serverForConformance } from '../server/fixtures.js';

const options = { createServer: (config: Record<string, string>) => serverForConformance(config) };

/** Sections whose every byte is determined by what the scenario did. */
const exactScenarios: Scenario[] = [
  {
    name: 'INFO of sections a fake fills exactly',
    steps: [
      ['CONFIG', 'RESETSTAT'], ['INFO', 'cluster'], ['INFO', 'modules'], ['INFO', 'errorstats'], ['INFO', 'keyspace'], ['INFO', 'nosuch'],
      ['INFO', 'CLUSTER', 'keyspace'], ['INFO', 'cluster', 'cluster'], ['INFO', 'nosuch', 'modules'],
    ],
  },
  {
    name: 'INFO keyspace lists databases with keys',
    steps: [
      ['SET', 'a', '1'], ['SET', 'b', '2'], ['SELECT', '3'], ['SET', 'c', '3'], ['INFO', 'keyspace'], ['DEL', 'c'], ['INFO', 'keyspace'],
    ],
  },
  {
    name: 'INFO errorstats counts errors by code, sorted',
    steps: [
      ['CONFIG', 'RESETSTAT'], ['GET'], ['NOSUCH'], ['SET', 'k', 'v'], ['INCR', 'k'], ['PFCOUNT', 'k'], ['INFO', 'errorstats'],
      ['info', 'ERRORSTATS'],
    ],
  },
  {
    name: 'INFO default, all and everything have the same shape',
    steps: [
      { cmd: ['INFO', 'server'], compare: 'shape' }, { cmd: ['INFO'], compare: 'shape' }, { cmd: ['INFO', 'default'], compare: 'shape' },
      { cmd: ['INFO', 'all'], compare: 'shape' }, { cmd: ['INFO', 'everything'], compare: 'shape' },
    ],
  },
];

runScenarios('server: INFO', options, exactScenarios);

type Info = Map<string, Array<[string, string]>>;

function parseInfo(w: Wire): Info {
  const text = w.t === 'bulk' ? w.v : w.t === 'verbatim' ? w.v.slice(4) : '';
  const sections: Info = new Map();
  let current: Array<[string, string]> = [];
  for (const line of text.split('\r\n')) {
    if (line.startsWith('# ')) sections.set(line.slice(2), (current = []));
    else if (line !== '') {
      const at = line.indexOf(':');
      current.push([line.slice(0, at), line.slice(at + 1)]);
    }
  }
  return sections;
}

/** Fields whose values both servers must agree on after the same commands. */
const SAME_VALUES = new Set([
  'redis_version', 'redis_mode', 'arch_bits', 'process_supervised', 'configured_hz', 'config_file', 'io_threads_active',
  'connected_clients', 'cluster_connections', 'maxclients', 'blocked_clients', 'tracking_clients', 'clients_in_timeout_table',
  'maxmemory', 'maxmemory_human', 'maxmemory_policy', 'mem_allocator', 'number_of_cached_scripts', 'number_of_functions',
  'number_of_libraries', 'loading', 'async_loading', 'rdb_bgsave_in_progress', 'rdb_last_bgsave_status', 'aof_enabled',
  'rdb_saves', 'aof_rewrites', 'rejected_connections', 'expired_keys', 'evicted_keys', 'keyspace_hits', 'keyspace_misses',
  'pubsub_channels', 'pubsub_patterns', 'pubsubshard_channels', 'total_error_replies', 'role', 'connected_slaves',
  'master_failover_state', 'master_replid2', 'master_repl_offset', 'second_repl_offset', 'repl_backlog_active',
  'repl_backlog_size', 'repl_backlog_first_byte_offset', 'repl_backlog_histlen', 'cluster_enabled',
]);

/** commandstats and latencystats lines without the timings. */
function withoutTimes(section: Array<[string, string]>): string[] {
  return section
    .map(([k, v]) => `${k}:${v.replace(/usec=\d+,usec_per_call=[\d.]+,/, '').replace(/=[\d.]+/g, '=#')}`)
    .sort();
}

describe.skipIf(!redisServerAvailable())('INFO everything: sections, field names and comparable values (conformance vs redis-server)', () => {
  for (const protocol of [2, 3] as const) {
    it(`RESP${protocol}`, async () => {
      const real = await startRealServer();
      const fake = serverForConformance({ ...SHARED_START_CONFIG });
      const closers: Array<() => void> = [];
      try {
        const r = await connectReal(real.port);
        const f = connectFake(fake);
        closers.push(r.close, f.close);
        const both = async (args: string[]) => Promise.all([r.conn.send(args), f.conn.send(args)]);
        if (protocol === 3) await both(['HELLO', '3']);
        for (const cmd of [['SET', 'a', '1'], ['SET', 'b', '2', 'EX', '100'], ['GET', 'a'], ['GET', 'nosuch'], ['GET'], ['INCR', 'a', 'b'], ['CONFIG', 'RESETSTAT'], ['SET', 'c', '3'], ['GET', 'c'], ['GET', 'x'], ['NOSUCH'], ['INCR', 'c', 'd'], ['EXPIRE', 'c', '50']]) {
          await both(cmd);
        }
        const [expectedWire, actualWire] = await both(['INFO', 'everything']);
        expect(actualWire.t).toBe(protocol === 3 ? 'verbatim' : 'bulk');
        expect(actualWire.t).toBe(expectedWire.t);
        const expected = parseInfo(expectedWire);
        const actual = parseInfo(actualWire);
        expect([...actual.keys()]).toEqual([...expected.keys()]);
        for (const [section, fields] of expected) {
          const mine = actual.get(section) ?? [];
          if (section === 'Commandstats' || section === 'Latencystats') {
            expect(withoutTimes(mine), section).toEqual(withoutTimes(fields));
          } else if (section === 'Keyspace') {
            const strip = (fs: Array<[string, string]>) => fs.map(([k, v]) => `${k}:${v.replace(/,avg_ttl=\d+/, '')}`);
            expect(strip(mine)).toEqual(strip(fields));
          } else {
            expect(mine.map(([k]) => k), section).toEqual(fields.map(([k]) => k));
            for (const [k, v] of fields) if (SAME_VALUES.has(k)) expect(`${k}:${mine.find(([n]) => n === k)?.[1]}`).toBe(`${k}:${v}`);
          }
        }
      } finally {
        for (const close of closers) close();
        fake.close();
        await real.stop();
      }
    });
  }
});

