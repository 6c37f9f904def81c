import { describe, expect, it } from 'vitest';
import { type Bytes, Clock, FakeServer, KEY_DRAINED, OK, serverProfile, VerbatimReply } from '../../src/index.js';
import { addInfoFields, infoText } from '../../src/mixins/server/index.js';
import { serverMixins } from './fixtures.js';

function fields(server: FakeServer, ...sections: string[]): Map<string, string> {
  const reply = server.call('INFO', ...sections);
  expect(reply).toBeInstanceOf(VerbatimReply);
  const out = new Map<string, string>();
  for (const line of (reply as VerbatimReply).text.split('\r\n')) {
    const at = line.indexOf(':');
    if (at > 0 && !line.startsWith('#')) out.set(line.slice(0, at), line.slice(at + 1));
  }
  return out;
}

const titles = (text: string) => text.split('\r\n').filter((l) => l.startsWith('# '));

describe('INFO sections', () => {
  it('prints the default sections, or all, or the named ones in Redis order', () => {
    const server = new FakeServer({ mixins: serverMixins });
    const defaults = ['# Server', '# Clients', '# Memory', '# Persistence', '# Stats', '# Replication', '# CPU', '# Modules', '# Errorstats', '# Cluster', '# Keyspace'];
    expect(titles(infoText(server, []))).toEqual(defaults);
    expect(titles(infoText(server, ['default' as never]))).toEqual(defaults);
    expect(titles(infoText(server, ['everything' as never]))).toEqual([
      '# Server', '# Clients', '# Memory', '# Persistence', '# Stats', '# Replication', '# CPU', '# Modules', '# Commandstats',
      '# Errorstats', '# Latencystats', '# Cluster', '# Keyspace',
    ]);
    expect(titles(infoText(server, ['KEYSPACE', 'server', 'nosuch'] as never[]))).toEqual(['# Server', '# Keyspace']);
    expect(infoText(server, ['nosuch' as never])).toBe('');
    expect(infoText(server, ['cluster', 'keyspace'] as never[])).toBe('# Cluster\r\ncluster_enabled:0\r\n\r\n# Keyspace\r\n');
  });

  it('reports the server identity and configuration', () => {
    const server = new FakeServer({ mixins: serverMixins, config: { port: '7001', maxmemory: '1mb' } });
    const info = fields(server);
    expect(info.get('redis_version')).toBe('7.0.15');
    expect(info.get('redis_mode')).toBe('standalone');
    expect(info.get('run_id')).toBe(server.runId);
    expect(info.get('tcp_port')).toBe('7001');
    expect(info.get('role')).toBe('master');
    expect(info.get('maxmemory')).toBe('1048576');
    expect(info.get('maxmemory_human')).toBe('1.00M');
    expect(info.get('loading')).toBe('0');
    expect(info.get('master_replid')).toMatch(/^[0-9a-f]{40}$/);
  });

  it('counts uptime on the server clock', () => {
    const clock = new Clock();
    clock.freeze(1_700_000_000_000);
    const server = new FakeServer({ mixins: serverMixins, clock });
    clock.advance(90_061_000);
    const info = fields(server, 'server');
    expect(info.get('uptime_in_seconds')).toBe('90061');
    expect(info.get('uptime_in_days')).toBe('1');
    expect(info.get('server_time_usec')).toBe(String((1_700_000_000_000 + 90_061_000) * 1000));
  });

  it('keyspace lines: keys, expires and the average TTL in ms', () => {
    const clock = new Clock();
    clock.freeze(1_700_000_000_000);
    const server = new FakeServer({ mixins: serverMixins, clock });
    server.call('SET', 'a', '1');
    server.call('SET', 'b', '1', 'PX', '10000');
    server.call('SET', 'c', '1', 'PX', '20000');
    server.call('SELECT', '2');
    server.call('SET', 'd', '1');
    expect((server.call('INFO', 'keyspace') as VerbatimReply).text).toBe(
      '# Keyspace\r\ndb0:keys=3,expires=2,avg_ttl=15000\r\ndb2:keys=1,expires=0,avg_ttl=0\r\n',
    );
  });

  it('clients: connected and blocked', () => {
    const server = new FakeServer({ mixins: serverMixins });
    const a = server.createClient();
    server.createClient();
    server.blocking.block(a, { keys: ['k' as Bytes], valueTypes: ['list'], deadline: server.clock.now() + 5000, serve: () => KEY_DRAINED });
    const b = server.createClient();
    server.blocking.block(b, { keys: ['k' as Bytes], valueTypes: ['list'], deadline: 0, serve: () => KEY_DRAINED });
    server.call('PING');
    const info = fields(server, 'clients');
    expect(info.get('connected_clients')).toBe('4');
    expect(info.get('blocked_clients')).toBe('2');
    expect(info.get('clients_in_timeout_table')).toBe('1');
  });

  it('stats, commandstats and errorstats follow the commands run', () => {
    const server = new FakeServer({ mixins: serverMixins });
    server.call('SET', 'k', 'v');
    server.call('GET', 'k');
    server.call('GET', 'nosuch');
    server.call('GET');
    server.call('INCR', 'k');
    const stats = fields(server, 'stats');
    expect(stats.get('keyspace_hits')).toBe('1');
    expect(stats.get('keyspace_misses')).toBe('1');
    expect(stats.get('total_error_replies')).toBe('2');
    const commands = fields(server, 'commandstats');
    expect(commands.get('cmdstat_get')).toMatch(/^calls=2,usec=\d+,usec_per_call=\d+\.\d\d,rejected_calls=1,failed_calls=0$/);
    expect(commands.get('cmdstat_incr')).toMatch(/,rejected_calls=0,failed_calls=1$/);
    expect(fields(server, 'errorstats').get('errorstat_ERR')).toBe('count=2');
    expect(fields(server, 'persistence').get('rdb_changes_since_last_save')).toBe('1');
  });

  it('latencystats prints the configured percentiles, or nothing when tracking is off', () => {
    const server = new FakeServer({ mixins: serverMixins });
    server.call('PING');
    expect(fields(server, 'latencystats').get('latency_percentiles_usec_ping')).toMatch(/^p50=[\d.]+,p99=[\d.]+,p99\.9=[\d.]+$/);
    server.call('CONFIG', 'SET', 'latency-tracking-info-percentiles', '90');
    expect(fields(server, 'latencystats').get('latency_percentiles_usec_ping')).toMatch(/^p90=[\d.]+$/);
    server.call('CONFIG', 'SET', 'latency-tracking', 'no');
    expect(fields(server, 'latencystats').size).toBe(0);
  });

  it('memory estimates grow with the keys', () => {
    const server = new FakeServer({ mixins: serverMixins, config: { 'enable-debug-command': 'yes' } });
    const before = Number(fields(server, 'memory').get('used_memory'));
    expect(server.call('DEBUG', 'POPULATE', '1000')).toEqual(OK);
    const after = fields(server, 'memory');
    expect(Number(after.get('used_memory'))).toBeGreaterThan(before);
    expect(Number(after.get('used_memory_peak'))).toBeGreaterThanOrEqual(Number(after.get('used_memory')));
    expect(after.get('used_memory_human')).toMatch(/^\d+\.\d\dK$|^\d+\.\d\dM$/);
  });

  it('modules add and replace fields of a section', () => {
    const server = new FakeServer({ mixins: serverMixins });
    addInfoFields(server, 'modules', () => [['module', 'name=ReJSON,ver=20609,api=1,filters=0,usedby=[],using=[],options=[]']]);
    addInfoFields(server, 'memory', () => [['number_of_cached_scripts', 3]]);
    expect(infoText(server, ['modules' as never])).toBe('# Modules\r\nmodule:name=ReJSON,ver=20609,api=1,filters=0,usedby=[],using=[],options=[]\r\n');
    expect(fields(server, 'memory').get('number_of_cached_scripts')).toBe('3');
  });

  it('identifies Valkey as Valkey', () => {
    const info = fields(new FakeServer({ mixins: serverMixins, profile: serverProfile('valkey', '8.0') }), 'server');
    expect(info.get('server_name')).toBe('valkey');
    expect(info.get('valkey_version')).toBe('8.0.1');
  });
});
