import {
  connectFake, connectReal, redisServerAvailable, runScenarios, type Scenario, SHARED_START_CONFIG, showWire, startRealServer, type Wire,
} from '@fakeredis/tooling/conformance';
import { describe, expect, it } from 'vitest';
import { serverForConformance } from '../server/fixtures.js';

const options = { createServer: (config: Record<string, string>) => serverForConformance(config) };
const get = (...names: string[]) => ['CONFIG', 'GET', ...names];
const set = (...pairs: string[]) => ['CONFIG', 'SET', ...pairs];

const getScenarios: Scenario[] = [
  {
    name: 'CONFIG GET by exact name answers under the name given',
    steps: [
      get('maxmemory'), get('HZ'), get('hash-max-ziplist-entries'), get('hash-max-listpack-entries'), get('slave-read-only'),
      get('save'), get('bind'), get('dir'), get('appendonly'), get('client-output-buffer-limit'), get('notify-keyspace-events'),
      get('nosuch'), get('use-exit-on-panic'), get('loading-process-events-interval-bytes'), get('oom-score-adj-values'),
      get('latency-tracking-info-percentiles'), get('enable-debug-command'), get('shutdown-on-sigterm'), get('lua-time-limit'),
    ],
  },
  {
    name: 'CONFIG GET with several names and patterns lists each name once',
    steps: [
      get('hz', 'hz', 'HZ', 'h?'),
      { cmd: get('maxmemory', 'maxmemory-policy', 'nosuch'), compare: 'unordered' },
      { cmd: get('*max-*-entries*'), compare: 'unordered' },
      { cmd: get('maxmemory*'), compare: 'unordered' },
      { cmd: get('MAXMEMORY-P*'), compare: 'unordered' },
      { cmd: get('*slave*'), compare: 'unordered' },
      { cmd: get('[h]z', 'tim?out'), compare: 'unordered' },
      get('use-exit*'), get('nomatch*'), get('rdb-key-save-delay'), get('*-key-save-delay'),
    ],
  },
  {
    name: 'CONFIG GET arity',
    steps: [['CONFIG', 'GET'], ['CONFIG'], ['CONFIG', 'NOSUCH'], ['CONFIG', 'HELP'], ['config', 'help', 'x']],
  },
];

const setScenarios: Scenario[] = [
  {
    name: 'yes/no parameters',
    steps: [
      set('activerehashing', 'no'), get('activerehashing'), set('activerehashing', 'YES'), get('activerehashing'),
      set('activerehashing', 'maybe'), set('lazyfree-lazy-user-del', '1'), set('activedefrag', 'yes'), set('activedefrag', 'no'),
      set('slave-read-only', 'no'), get('replica-read-only'), set('replica-read-only', 'yes'),
    ],
  },
  {
    name: 'integer parameters: ranges and parsing',
    steps: [
      set('timeout', '100'), get('timeout'), set('timeout', '-1'), set('timeout', '1.5'), set('timeout', '01'), set('timeout', '+1'),
      set('timeout', ' 1'), set('timeout', ''), set('timeout', '2147483648'), set('tcp-keepalive', '0'), get('tcp-keepalive'),
      set('list-max-ziplist-size', '-2147483649'), set('list-max-listpack-size', '-5'), get('list-max-ziplist-size'),
      set('active-expire-effort', '11'), set('active-expire-effort', '0'), set('maxmemory-samples', '0'),
      set('slowlog-log-slower-than', '-1'), get('slowlog-log-slower-than'), set('slowlog-log-slower-than', '-2'),
      set('slowlog-log-slower-than', '9223372036854775808'), set('slowlog-max-len', '-1'), set('slowlog-max-len', '18446744073709551615'),
      set('maxclients', '0'), set('maxclients', '4294967296'), set('maxclients', 'abc'), set('hash-max-ziplist-entries', '-1'),
      set('set-max-intset-entries', '1000'), get('set-max-intset-entries'), set('stream-node-max-entries', '9223372036854775807'),
      get('stream-node-max-entries'), set('hz', '0'), get('hz'), set('hz', '100000'), get('hz'), set('hz', '10'),
      set('repl-backlog-ttl', '-1'), set('auto-aof-rewrite-percentage', '200'), get('auto-aof-rewrite-percentage'),
    ],
  },
  {
    name: 'memory parameters: units, wrap-around and errors',
    steps: [
      set('maxmemory', '1gb'), get('maxmemory'), set('maxmemory', '1K'), get('maxmemory'), set('maxmemory', '1kB'), get('maxmemory'),
      set('maxmemory', '10M'), get('maxmemory'), set('maxmemory', '2G'), get('maxmemory'), set('maxmemory', '00012'), get('maxmemory'),
      set('maxmemory', ''), get('maxmemory'), set('maxmemory', 'b'), get('maxmemory'), set('maxmemory', '1 kb'), set('maxmemory', '1e3'),
      set('maxmemory', '-1'), set('maxmemory', '-0'), set('maxmemory', '1.5gb'), set('maxmemory', '0x10'), set('maxmemory', '1tb'),
      set('maxmemory', '18446744073709551616'), get('maxmemory'), set('maxmemory', '99999999999gb'), get('maxmemory'),
      set('maxmemory', '0'), set('proto-max-bulk-len', '1048575'), set('proto-max-bulk-len', '9223372036854775808'),
      set('proto-max-bulk-len', '2mb'), get('proto-max-bulk-len'), set('hash-max-ziplist-value', 'abc'), set('hash-max-listpack-value', '1k'),
      get('hash-max-ziplist-value'), set('client-query-buffer-limit', '1048575'), set('stream-node-max-bytes', '8kb'), get('stream-node-max-bytes'),
    ],
  },
  {
    name: 'percent parameter maxmemory-clients',
    steps: [
      set('maxmemory-clients', '10%'), get('maxmemory-clients'), set('maxmemory-clients', '0%'), get('maxmemory-clients'),
      set('maxmemory-clients', '100%'), get('maxmemory-clients'), set('maxmemory-clients', '101%'), set('maxmemory-clients', '%'),
      set('maxmemory-clients', '-5%'), set('maxmemory-clients', '-1'), set('maxmemory-clients', '1gb'), get('maxmemory-clients'),
      set('maxmemory-clients', '0'),
    ],
  },
  {
    name: 'enum parameters',
    steps: [
      set('maxmemory-policy', 'ALLKEYS-LRU'), get('maxmemory-policy'), set('maxmemory-policy', 'nope'), set('loglevel', 'bad'),
      set('appendfsync', 'always'), get('appendfsync'), set('oom-score-adj', 'relative'), get('oom-score-adj'), set('oom-score-adj', 'no'),
      set('tls-auth-clients', 'x'), set('acl-pubsub-default', 'allchannels'), get('acl-pubsub-default'), set('sanitize-dump-payload', 'x'),
      set('repl-diskless-load', 'swapdb'), get('repl-diskless-load'), set('cluster-preferred-endpoint-type', 'x'),
      set('propagation-error-behavior', 'PANIC'), get('propagation-error-behavior'), set('propagation-error-behavior', 'nope'),
    ],
  },
  {
    name: 'shutdown-on-sigint and sigterm take several flags',
    steps: [
      set('shutdown-on-sigint', 'now save force'), get('shutdown-on-sigint'), set('shutdown-on-sigint', 'save nosave'),
      set('shutdown-on-sigint', 'default now'), get('shutdown-on-sigint'), set('shutdown-on-sigint', ''), set('shutdown-on-sigint', 'bogus'),
      set('shutdown-on-sigterm', 'NOSAVE'), get('shutdown-on-sigterm'), set('shutdown-on-sigint', 'default'), get('shutdown-on-sigint'),
    ],
  },
  {
    name: 'save parameter',
    steps: [
      set('save', '10 1 20 2'), get('save'), set('save', '10 1  20 2'), set('save', '10 1 20'), set('save', '0 1'),
      set('save', '1 -1'), set('save', '+5 -0'), get('save'), set('save', '5 4294967297'), get('save'), set('save', 'a b'), set('save', ''),
      get('save'),
    ],
  },
  {
    name: 'client-output-buffer-limit parameter',
    steps: [
      set('client-output-buffer-limit', 'normal 1mb 2mb 3 replica 1 2 3'), get('client-output-buffer-limit'),
      set('client-output-buffer-limit', 'master 1 2 3'), set('client-output-buffer-limit', 'normal 1 2'),
      set('client-output-buffer-limit', 'normal x 2 3'), set('client-output-buffer-limit', 'normal 1 2 -3'),
      set('client-output-buffer-limit', 'PUBSUB 0 0 0'), get('client-output-buffer-limit'),
      set('client-output-buffer-limit', 'normal 0 0 0 slave 256mb 64mb 60 pubsub 32mb 8mb 60'), get('client-output-buffer-limit'),
    ],
  },
  {
    name: 'other special parameters',
    steps: [
      set('oom-score-adj-values', '0 200 3000'), set('oom-score-adj-values', '0 200'), set('oom-score-adj-values', '1 201 801'),
      get('oom-score-adj-values'), set('oom-score-adj-values', '0 200 800'),
      set('latency-tracking-info-percentiles', '50 99.99 1e1'), get('latency-tracking-info-percentiles'),
      set('latency-tracking-info-percentiles', '101'), set('latency-tracking-info-percentiles', 'abc'),
      set('latency-tracking-info-percentiles', ''), get('latency-tracking-info-percentiles'), set('latency-tracking-info-percentiles', '50 99 99.9'),
      set('notify-keyspace-events', 'KEA'), get('notify-keyspace-events'), set('notify-keyspace-events', 'Kx$'), get('notify-keyspace-events'),
      set('notify-keyspace-events', 'z?'), set('notify-keyspace-events', ''), get('notify-keyspace-events'),
      set('bind', Array.from({ length: 17 }, (_, i) => `127.0.0.${i + 1}`).join(' ')), get('bind'),
    ],
  },
  {
    name: 'text parameters and their checks',
    steps: [
      set('proc-title-template', '{title} {nope}'), set('proc-title-template', ''), set('proc-title-template', '{title}'),
      set('proc-title-template', '{server-mode}'), set('proc-title-template', 'x {{lit}}'), get('proc-title-template'),
      set('proc-title-template', 'x }'), set('proc-title-template', '{port}'), get('proc-title-template'),
      set('proc-title-template', '{title} {listen-addr} {server-mode}'),
      set('cluster-announce-hostname', 'a_b'), set('cluster-announce-hostname', 'ok-host.x'), get('cluster-announce-hostname'),
      set('cluster-announce-hostname', ''), set('masterauth', 'a b'), get('masterauth'), set('masterauth', ''),
      set('replica-announce-ip', '10.0.0.1'), get('slave-announce-ip'), set('slave-announce-ip', ''),
    ],
  },
  {
    name: 'immutable, protected, unknown and duplicate parameters',
    steps: [
      set('daemonize', 'yes'), set('databases', '20'), set('replicaof', 'no one'), set('unixsocketperm', '777'), set('unixsocket', '/tmp/fakeredis-never.sock'),
      set('enable-protected-configs', 'yes'), set('io-threads', '2'), set('dir', '/tmp'), set('dbfilename', 'x.rdb'),
      set('nosuch', '1'), set('hz', '5', 'hz', '6'), set('hz', '5', 'HZ', '6'),
      set('hash-max-ziplist-entries', '1', 'hash-max-listpack-entries', '2'), set('maxmemory', 'x', 'nosuch', '1'),
      set('daemonize', 'yes', 'nosuch', '1'), set('nosuch', '1', 'daemonize', 'yes'), set('maxmemory', '1', 'hz'), set('maxmemory'),
      ['CONFIG', 'SET'],
    ],
  },
  {
    name: 'CONFIG SET of several parameters is atomic',
    steps: [
      set('maxmemory', '10mb', 'hz', 'bad'), get('maxmemory'), get('hz'),
      set('timeout', '5', 'tcp-keepalive', '7', 'maxmemory-policy', 'nope'), get('timeout'), get('tcp-keepalive'),
      set('timeout', '5', 'tcp-keepalive', '7', 'SLAVE-PRIORITY', '9'), get('timeout'), get('tcp-keepalive'), get('replica-priority'),
      set('HZ', 'abc'), set('slave-priority', '-1'),
    ],
  },
  {
    name: 'CONFIG RESETSTAT clears error and command counters',
    steps: [
      ['GET'], ['NOSUCHCMD'], ['CONFIG', 'RESETSTAT'], ['INFO', 'errorstats'], ['INCR', 'k', 'x'], ['SET', 'k', 'v'], ['INCR', 'k'],
      // INFO commandstats after RESETSTAT: in server-info.test.ts (times vary, order is Redis's hash order).
      ['INFO', 'errorstats'], ['CONFIG', 'RESETSTAT', 'x'], ['INFO', 'errorstats'],
    ],
  },
  {
    name: 'CONFIG REWRITE without a config file',
    steps: [['CONFIG', 'REWRITE'], ['CONFIG', 'REWRITE', 'x']],
  },
];

runScenarios('server: CONFIG GET', options, getScenarios);
runScenarios('server: CONFIG SET, RESETSTAT, REWRITE', options, setScenarios);

/** CONFIG GET * lists every visible parameter and alias with the same values (but port). */
describe.skipIf(!redisServerAvailable())('CONFIG GET * (conformance vs redis-server)', () => {
  it('same names and values, but the port', async () => {
    const real = await startRealServer();
    const fake = serverForConformance({ ...SHARED_START_CONFIG });
    try {
      const r = await connectReal(real.port);
      const f = connectFake(fake);
      const toMap = (w: Wire) => {
        const out = new Map<string, string>();
        if (w.t !== 'array') return out;
        for (let i = 0; i < w.v.length; i += 2) {
          const k = w.v[i] as Wire;
          const v = w.v[i + 1] as Wire;
          if (k.t === 'bulk' && v.t === 'bulk' && k.v !== 'port') out.set(k.v, v.v);
        }
        return out;
      };
      const [expected, actual] = await Promise.all([r.conn.send(['CONFIG', 'GET', '*']), f.conn.send(['CONFIG', 'GET', '*'])]);
      const sorted = (m: Map<string, string>) => JSON.stringify([...m].sort(([a], [b]) => (a < b ? -1 : 1)), null, 1);
      expect(sorted(toMap(actual))).toBe(sorted(toMap(expected)));
      expect(showWire(actual).length).toBeGreaterThan(0);
      r.close();
      f.close();
    } finally {
      fake.close();
      await real.stop();
    }
  });
});
