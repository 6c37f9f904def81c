import { defineMixin, FakeServer as CoreFakeServer, metadataFor, overrideCommands, serverProfile } from '@fakeredis/core';
import { referenceEnv, runReferenceScenarios } from '@fakeredis/tooling/conformance/reference';
import type { Scenario, Step, Wire } from '@fakeredis/tooling/conformance';
import { allMixins, FakeServer } from '../../src/index.js';

// Redis 8.0 and 8.6 at the server level (HELLO, INFO, CONFIG, COMMAND, encodings, MEMORY
// USAGE, Lua's version globals) against binaries built locally (never committed), named by
// FAKEREDIS_REDIS_8_0 and FAKEREDIS_REDIS_8_6; a suite whose variable is unset is skipped.

const START_CONFIG = { save: '', appendonly: 'no', 'protected-mode': 'no', dir: '/tmp', logfile: '', loglevel: 'warning', bind: '127.0.0.1' };

const fakeRedis = (version: string) => (config: Record<string, string>) => new FakeServer({ version, config: { ...config, ...START_CONFIG } });

/**
 * The built-in vector sets (module `vectorset`) are @fakeredis/stack's and checked there:
 * their V* commands are left out of COMMAND LIST here (HELLO's and INFO's module line are compared).
 */
const isVectorSetCommand = (name: string) => VECTOR_SET_COMMANDS.has(name.toLowerCase());
const VECTOR_SET_COMMANDS = new Set(['vadd', 'vcard', 'vdim', 'vemb', 'vgetattr', 'vinfo', 'vismember', 'vlinks', 'vrandmember', 'vrange', 'vrem', 'vsetattr', 'vsim']);

/**
 * Every command of the version's metadata (but Sentinel's) in the table, fakeredis's
 * handlers where it has them: COMMAND COUNT, LIST, INFO and DOCS answer from the metadata.
 */
const everyCommand = (version: string) => (config: Record<string, string>) => {
  const profile = serverProfile('redis', version);
  const fixture = defineMixin({
    name: 'EveryRedisCommand',
    commands: Object.fromEntries(
      Object.entries(metadataFor('redis', profile.version).commands)
        // Sentinel's commands, and experimental ones (SFLUSH), which Redis's build leaves out of its table.
        .filter(([, spec]) => !(spec.command_flags ?? []).some((flag) => flag === 'ONLY_SENTINEL' || flag === 'EXPERIMENTAL'))
        .map(([name]) => [name, () => null]),
    ),
  });
  return new CoreFakeServer({ profile, mixins: overrideCommands([fixture], ...allMixins), config: { ...config, ...START_CONFIG } });
};

/**
 * INFO fields whose values measure the machine, the process or the clock (the build, CPU
 * time, memory as the allocator sees it, event-loop timings), or the test harness's own
 * connections to the real server; names and order are still compared.
 */
const MACHINE_FIELDS = new Set([
  'redis_git_dirty', 'redis_build_id', 'os', 'gcc_version', 'process_id', 'run_id', 'tcp_port', 'server_time_usec', 'uptime_in_seconds',
  'lru_clock', 'executable', 'listener0', 'used_memory_peak_time', 'rdb_last_save_time', 'master_replid', 'eventloop_cycles',
  'eventloop_duration_sum', 'eventloop_duration_cmd_sum', 'instantaneous_eventloop_cycles_per_sec', 'instantaneous_eventloop_duration_usec',
  'instantaneous_ops_per_sec', 'instantaneous_input_kbps', 'instantaneous_output_kbps', 'total_net_input_bytes', 'total_net_output_bytes',
  // One read per command here; Redis also counts the reads that find a partial request or nothing.
  'total_reads_processed', 'total_writes_processed', 'io_thread_0', 'client_recent_max_input_buffer', 'client_recent_max_output_buffer',
  // The runner's admin connection to the real server is a client the fake does not have.
  'connected_clients',
  // The clients cron resizes reply buffers by time.
  'reply_buffer_shrinks', 'reply_buffer_expands',
]);

/** Sections whose values are all the machine's (memory as the allocator sees it, CPU time): field names and order only. */
const NAMES_ONLY_SECTIONS = new Set(['Memory', 'CPU']);
/** Per-command sections: timings, and an order that is the command table's hash order. */
const DROPPED_SECTIONS = new Set(['Commandstats', 'Latencystats']);

/** INFO with MACHINE_FIELDS (and the NAMES_ONLY_SECTIONS) masked, per-command statistics dropped. */
function infoMask(reply: Wire): Wire {
  const text = reply.t === 'bulk' ? reply.v : reply.t === 'verbatim' ? reply.v.slice(4) : undefined;
  if (text === undefined) return reply;
  let section = '';
  const lines: string[] = [];
  for (const line of text.split('\r\n')) {
    if (line.startsWith('# ')) section = line.slice(2);
    const at = line.indexOf(':');
    if (DROPPED_SECTIONS.has(section) && at > 0) continue;
    // avg_ttl is measured against the clock, which moved on between the two servers.
    if (section === 'Keyspace') {
      lines.push(line.replace(/avg_ttl=\d+/, 'avg_ttl=#'));
      continue;
    }
    if (at > 0 && (MACHINE_FIELDS.has(line.slice(0, at)) || NAMES_ONLY_SECTIONS.has(section))) lines.push(`${line.slice(0, at)}:#`);
    else lines.push(line);
  }
  return { t: 'bulk', v: lines.join('\r\n') };
}

/** INFO commandstats as `cmdstat_<name>:calls=N,...failed_calls=N` without the timings, sorted (the table's hash order is not the fake's). */
function commandCalls(reply: Wire): Wire {
  const text = reply.t === 'bulk' ? reply.v : reply.t === 'verbatim' ? reply.v.slice(4) : undefined;
  if (text === undefined) return reply;
  const lines = text.split('\r\n').filter((line) => line.startsWith('cmdstat_')).map((line) => line.replace(/usec=\d+,usec_per_call=[\d.]+,/, ''));
  return { t: 'bulk', v: lines.sort().join('\n') };
}

const info = (...sections: string[]): Step => ({ cmd: ['INFO', ...sections], compare: { map: infoMask } });
const u = (...cmd: string[]): Step => ({ cmd, compare: 'unordered' });

/** COMMAND LIST without the vector-set commands, sorted. */
function dropVectorSets(reply: Wire): Wire {
  if (reply.t !== 'array' && reply.t !== 'set') return reply;
  const kept = reply.v.filter((w) => !(w.t === 'bulk' && isVectorSetCommand(w.v)));
  return { t: 'array', v: kept.map((w) => (w.t === 'bulk' ? w.v : '')).sort().map((v) => ({ t: 'bulk', v }) as Wire) };
}

/**
 * COMMAND DOCS and INFO with their prose left out on both sides: the metadata of Redis
 * 7.4+ holds factual fields only (its licence), so summaries, complexities, key-spec notes
 * and the texts of history entries are not the fake's to give. Every other field, its
 * order and the history's versions are compared.
 */
const PROSE = new Set(['summary', 'complexity', 'notes', 'description']);
function factualDocs(reply: Wire): Wire {
  const pairs = (items: Wire[]): Wire[] => {
    const out: Wire[] = [];
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as Wire;
      const name = item.t === 'bulk' || item.t === 'simple' ? item.v : undefined;
      if (name !== undefined && PROSE.has(name) && i + 1 < items.length && i % 2 === 0) {
        i++;
        continue;
      }
      if (name === 'history' && i + 1 < items.length && i % 2 === 0) {
        const history = items[i + 1] as Wire;
        const versions = (entries: Wire[]) => entries.map((h): Wire => (h.t === 'array' ? { t: 'array', v: [h.v[0] as Wire] } : h));
        out.push(item, history.t === 'array' || history.t === 'set' ? { t: history.t, v: versions(history.v) } : history);
        i++;
        continue;
      }
      out.push(factualDocs(item));
    }
    return out;
  };
  if (reply.t === 'array' || reply.t === 'set') return { t: reply.t, v: pairs(reply.v) };
  if (reply.t === 'map') {
    const flat = pairs(reply.v.flatMap(([k, v]) => [k, v]));
    const entries: Array<[Wire, Wire]> = [];
    for (let i = 0; i + 1 < flat.length; i += 2) entries.push([flat[i] as Wire, flat[i + 1] as Wire]);
    return { t: 'map', v: entries };
  }
  return reply;
}

const long = (n: number, c = 'x') => c.repeat(n);

const scenarios: Scenario[] = [
  {
    name: 'HELLO and Lua name the version',
    steps: [
      { cmd: ['HELLO', '3'], compare: { except: ['id'] } }, { cmd: ['HELLO', '2'], compare: { except: ['id'] } },
      ['EVAL', 'return {redis.REDIS_VERSION, redis.REDIS_VERSION_NUM, type(redis.setresp)}', '0'],
    ],
  },
  {
    name: 'INFO: every section, its fields and their order',
    steps: [
      ['CONFIG', 'RESETSTAT'], info(), info('everything'), info('server'), info('clients'), info('memory'), info('persistence'),
      info('threads'), info('stats'), info('replication'), info('cpu'), info('hotkeys'), info('keyspace'), info('keysizes'),
      info('errorstats'), info('cluster'), info('nosuch'), info('default', 'keysizes'),
    ],
  },
  {
    name: 'INFO clients, stats, keyspace and keysizes count what happened',
    steps: [
      ['CONFIG', 'RESETSTAT'], ['SET', 'a', '1'], ['SET', 'b', 'hello'], ['SET', 'c', ''], ['SET', 'd', long(100)], ['SET', 'e', '12345'],
      ['SET', 'f', '-5', 'EX', '100'], ['APPEND', 'b', 'world'], ['RPUSH', 'l', 'a', 'b', 'c'], ['SADD', 's', 'a'], ['ZADD', 'z', '1', 'a', '2', 'b'],
      ['HSET', 'h', 'a', '1', 'b', '2', 'c', '3'], ['HEXPIRE', 'h', '100', 'FIELDS', '1', 'a'], ['XADD', 'x', '1-1', 'f', 'v'], ['GET', 'nosuch'],
      ['INCR', 'b'], ['SELECT', '3'], ['SET', 'q', long(40)], ['SELECT', '0'],
      ['WATCH', 'a', 'b'], { cmd: ['WATCH', 'a'], conn: 'w' }, { cmd: ['SUBSCRIBE', 'ch'], conn: 's' }, { cmd: ['SSUBSCRIBE', 'sh'], conn: 's2' },
      { cmd: ['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 'x', '>'], conn: 'b2' }, ['XGROUP', 'CREATE', 'x', 'g', '$'],
      // Blocked commands are counted (total_commands_processed, commandstats) when they end from 7.2 on.
      { cmd: ['BLPOP', 'nolist', '0'], conn: 'b', async: true }, { cmd: ['XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 'x', '>'], conn: 'b2', async: true },
      { cmd: ['BLPOP', 'nolist2', '1'], conn: 'b3', async: true }, { sleep: 50 },
      info('clients'), info('stats'), info('keyspace'), info('keysizes'), info('errorstats'), { cmd: ['INFO', 'commandstats'], compare: { map: commandCalls } },
      { await: 'b3' }, { cmd: ['INFO', 'commandstats'], compare: { map: commandCalls } },
      ['RPUSH', 'nolist', 'x'], { await: 'b' }, ['DEL', 'x'], { await: 'b2' }, ['UNWATCH'], info('clients'),
    ],
  },
  {
    name: 'CONFIG names and defaults',
    steps: [
      // Start-up arguments differ (port, bind, logfile ...): a sample of patterns covers the rest.
      u('CONFIG', 'GET', '*cpulist*'), u('CONFIG', 'GET', 'cluster-*'), u('CONFIG', 'GET', '*max-*'), u('CONFIG', 'GET', 'io-threads*'),
      u('CONFIG', 'GET', 'aof-*'), u('CONFIG', 'GET', 'l*'), u('CONFIG', 'GET', 'replica-*'), u('CONFIG', 'GET', 'hide-*'), u('CONFIG', 'GET', 'key-*'),
      u('CONFIG', 'GET', 'tls-auth-*'), u('CONFIG', 'GET', 's*'), u('CONFIG', 'GET', 'm*'), u('CONFIG', 'GET', 'a*'),
      ['CONFIG', 'SET', 'bgsave_cpulist', '1'], ['CONFIG', 'SET', 'io-threads-do-reads', 'yes'], ['CONFIG', 'SET', 'aof-disable-auto-gc', 'yes'], ['CONFIG', 'GET', 'aof-disable-auto-gc'], ['CONFIG', 'SET', 'aof-disable-auto-gc', 'no'],
      ['CONFIG', 'SET', 'locale-collate', 'nosuch_LOCALE'], ['CONFIG', 'SET', 'locale-collate', 'C'], ['CONFIG', 'GET', 'locale-collate'], ['CONFIG', 'SET', 'locale-collate', ''],
      ['CONFIG', 'SET', 'max-new-connections-per-cycle', '0'], ['CONFIG', 'SET', 'max-new-connections-per-cycle', '1001'],
      ['CONFIG', 'SET', 'hide-user-data-from-log', 'maybe'], ['CONFIG', 'SET', 'cluster-compatibility-sample-ratio', '101'],
      ['CONFIG', 'SET', 'replica-full-sync-buffer-limit', '1k'], ['CONFIG', 'GET', 'replica-full-sync-buffer-limit'], ['CONFIG', 'SET', 'replica-full-sync-buffer-limit', '0'],
    ],
  },
  {
    name: 'OBJECT ENCODING and MEMORY USAGE of strings',
    steps: [
      ...[1, 10, 30, 40, 41].flatMap((keyLength) =>
        [20, 30, 31, 35, 40, 41, 44, 45].flatMap((valueLength) => {
          const key = long(keyLength, 'k');
          return [['SET', key, long(valueLength)], ['OBJECT', 'ENCODING', key], ['MEMORY', 'USAGE', key]];
        }),
      ),
      ['SET', 'i', '12345'], ['OBJECT', 'ENCODING', 'i'], ['MEMORY', 'USAGE', 'i'], ['SET', 'j', '5'], ['MEMORY', 'USAGE', 'j'],
      ['SET', 'e', 'hello', 'EX', '100'], ['OBJECT', 'ENCODING', 'e'], ['MEMORY', 'USAGE', 'e'], ['SET', long(130, 'k'), 'hello'], ['MEMORY', 'USAGE', long(130, 'k')],
      ['SET', long(50, 'k'), 'hello'], ['OBJECT', 'ENCODING', long(50, 'k')], ['MEMORY', 'USAGE', long(50, 'k')],
      ['SET', 'big', long(100)], ['OBJECT', 'ENCODING', 'big'], ['MEMORY', 'USAGE', 'big'], ['SET', 'big2', long(300)], ['MEMORY', 'USAGE', 'big2'],
      ['SET', 'f', '1.5'], ['INCRBYFLOAT', 'f', '1'], ['OBJECT', 'ENCODING', 'f'], ['MEMORY', 'USAGE', 'f'], ['SET', 'empty', ''], ['MEMORY', 'USAGE', 'empty'],
    ],
  },
  {
    name: 'a string keeps its encoding when its key changes',
    steps: [
      // Raw under a long key stays raw under a short one; embedded under a short key becomes raw under a long one.
      ['SET', long(40, 'k'), 'hello'], ['OBJECT', 'ENCODING', long(40, 'k')], ['RENAME', long(40, 'k'), 'short'], ['OBJECT', 'ENCODING', 'short'],
      ['MEMORY', 'USAGE', 'short'], ['SET', 'k2', 'hello'], ['RENAME', 'k2', long(40, 'l')], ['OBJECT', 'ENCODING', long(40, 'l')], ['MEMORY', 'USAGE', long(40, 'l')],
      ['RENAME', long(40, 'l'), 'k3'], ['OBJECT', 'ENCODING', 'k3'], ['MEMORY', 'USAGE', 'k3'], ['SET', 'k4', 'hello'], ['COPY', 'k4', long(40, 'm')],
      ['OBJECT', 'ENCODING', long(40, 'm')], ['MEMORY', 'USAGE', long(40, 'm')], ['COPY', long(40, 'm'), 'k5'], ['OBJECT', 'ENCODING', 'k5'], ['MEMORY', 'USAGE', 'k5'],
      ['MOVE', 'k4', '1'], ['SELECT', '1'], ['OBJECT', 'ENCODING', 'k4'], ['MEMORY', 'USAGE', 'k4'], ['SELECT', '0'],
      ['SET', 'a', 'hello'], ['APPEND', 'a', 'world'], ['OBJECT', 'ENCODING', 'a'], ['MEMORY', 'USAGE', 'a'], ['SETRANGE', 'b', '3', 'x'], ['MEMORY', 'USAGE', 'b'],
      ['SET', long(38, 'n'), 'abc'], ['APPEND', long(38, 'n'), 'd'], ['OBJECT', 'ENCODING', long(38, 'n')], ['MEMORY', 'USAGE', long(38, 'n')],
      ['MSET', 'm1', long(30), long(35, 'o'), long(10)], ['OBJECT', 'ENCODING', long(35, 'o')], ['MEMORY', 'USAGE', long(35, 'o')],
      ['GETSET', long(35, 'o'), 'x'], ['OBJECT', 'ENCODING', long(35, 'o')], ['SETEX', long(39, 'p'), '100', 'abc'], ['OBJECT', 'ENCODING', long(39, 'p')],
      ['MEMORY', 'USAGE', long(39, 'p')],
    ],
  },
  {
    name: 'listpack thresholds',
    steps: [
      ['HSET', 'h', 'f', long(64)], ['OBJECT', 'ENCODING', 'h'], ['HSET', 'h', 'g', long(65)], ['OBJECT', 'ENCODING', 'h'],
      ['SADD', 's', long(64)], ['OBJECT', 'ENCODING', 's'], ['SADD', 's', long(65)], ['OBJECT', 'ENCODING', 's'],
      ['ZADD', 'z', '1', long(64)], ['OBJECT', 'ENCODING', 'z'], ['ZADD', 'z', '2', long(65)], ['OBJECT', 'ENCODING', 'z'],
      ['SADD', 'si', '1', '2'], ['OBJECT', 'ENCODING', 'si'], ['RPUSH', 'l', 'a'], ['OBJECT', 'ENCODING', 'l'],
      u('CONFIG', 'GET', '*-max-listpack-*'), u('CONFIG', 'GET', '*-max-intset-*'), u('CONFIG', 'GET', 'list-*'),
    ],
  },
  {
    name: 'error texts',
    steps: [
      ['NOSUCH', 'a', 'b'], ['CLIENT', 'NOSUCH'], ['GET'], ['SET', 'k', 'v', 'NX', 'XX'], ['SET', 's', 'v'], ['LPUSH', 's', 'x'], ['INCR', 's'],
      ['CONFIG', 'GET'], ['CONFIG', 'SET', 'nosuch', '1'], ['OBJECT', 'ENCODING', 'nokey'], ['ZADD', 'z', 'x', '1'], ['HSET', 'h'],
      ['EXPIRE', 'k', 'x'], ['SELECT', '100'], ['DEBUG', 'nosuch'], ['XADD', 'x', 'bad', 'f', 'v'], ['EVAL', "return redis.call('nosuch')", '0'],
      ['EVAL', "return redis.pcall('nosuch')", '0'], ['EVAL', 'error', '0'], ['FUNCTION', 'LOAD', 'x'], ['SCRIPT', 'FLUSH', 'x'],
      ['AUTH', 'nouser', 'pw'], ['AUTH', 'pw'], ['CLIENT', 'KILL', 'ID', '99999'], ['HELLO', '4'], ['HELLO', '3', 'AUTH', 'x'],
      ['SCAN', '0', 'TYPE', 'nosuch'], ['MEMORY', 'USAGE', 'nokey', 'SAMPLES', '-1'], ['COMMAND', 'GETKEYS', 'nosuch'], ['COMMAND', 'INFO', 'nosuch'],
      ['HGETEX', 'h', 'PX', '0', 'FIELDS', '1', 'a'], ['HSETEX', 'h', 'PX', '0', 'FIELDS', '1', 'a', 'b'], ['HEXPIRE', 'h', '10', 'FIELDS', '2', 'a'],
      ['OBJECT', 'HELP'], ['MEMORY', 'HELP'], ['CONFIG', 'HELP'], ['CLIENT', 'HELP'],
    ],
  },
];

/** COMMAND's answers from the metadata: every command in the table (vector sets apart). */
const commandScenarios: Scenario[] = [
  {
    name: 'COMMAND LIST, INFO and DOCS',
    steps: [
      { cmd: ['COMMAND', 'LIST'], compare: { map: dropVectorSets } }, u('COMMAND', 'LIST', 'FILTERBY', 'PATTERN', 'h*'),
      u('COMMAND', 'LIST', 'FILTERBY', 'ACLCAT', 'hash'), u('COMMAND', 'LIST', 'FILTERBY', 'PATTERN', 'x*'), u('COMMAND', 'LIST', 'FILTERBY', 'PATTERN', 'client*'),
      { cmd: ['COMMAND', 'INFO', 'get', 'set', 'hgetex', 'hsetex', 'hgetdel', 'client|list', 'xadd', 'bitop', 'info', 'config|get', 'memory|usage'], compare: { map: factualDocs } },
      { cmd: ['COMMAND', 'DOCS', 'get', 'set', 'hgetex', 'hsetex', 'hgetdel', 'client|list', 'xadd', 'bitop', 'info', 'config|get', 'memory|usage', 'hexpire'], compare: { map: factualDocs } },
      ['COMMAND', 'GETKEYS', 'hsetex', 'h', 'FIELDS', '1', 'a', 'b'], ['COMMAND', 'GETKEYSANDFLAGS', 'hgetdel', 'h', 'FIELDS', '1', 'a'],
    ],
  },
];

/** 8.6's parameters and CONFIG SET texts. */
const config86: Scenario[] = [
  {
    name: "8.6's parameters",
    steps: [
      u('CONFIG', 'GET', 'lookahead', 'key-memory-histograms', 'tls-auth-clients-user', 'aof-load-corrupt-tail-max-size', 'cluster-slot-*'),
      ['CONFIG', 'SET', 'lookahead', '0'], ['CONFIG', 'SET', 'lookahead', '32'], ['CONFIG', 'GET', 'lookahead'], ['CONFIG', 'SET', 'lookahead', '16'],
      ['CONFIG', 'SET', 'key-memory-histograms', 'yes'], ['CONFIG', 'SET', 'key-memory-histograms', 'no'], ['CONFIG', 'SET', 'key-memory-histograms', 'x'],
      ['CONFIG', 'SET', 'tls-auth-clients-user', 'cn'], ['CONFIG', 'GET', 'tls-auth-clients-user'], ['CONFIG', 'SET', 'tls-auth-clients-user', 'x'],
      ['CONFIG', 'SET', 'tls-auth-clients-user', 'OFF'], ['CONFIG', 'SET', 'aof-load-corrupt-tail-max-size', '-1'],
      ['CONFIG', 'SET', 'cluster-slot-stats-enabled', 'cpu net'], ['CONFIG', 'GET', 'cluster-slot-stats-enabled'],
      ['CONFIG', 'SET', 'cluster-slot-stats-enabled', 'cpu net mem'], ['CONFIG', 'GET', 'cluster-slot-stats-enabled'],
      ['CONFIG', 'SET', 'cluster-slot-stats-enabled', 'no cpu'], ['CONFIG', 'GET', 'cluster-slot-stats-enabled'],
      ['CONFIG', 'SET', 'cluster-slot-stats-enabled', 'bad'], ['CONFIG', 'SET', 'cluster-slot-stats-enabled', ''],
      ['CONFIG', 'SET', 'cluster-slot-stats-enabled', 'no'], ['CONFIG', 'SET', 'cluster-slot-migration-handoff-max-lag-bytes', '2mb'],
      ['CONFIG', 'GET', 'cluster-slot-migration-handoff-max-lag-bytes'], ['CONFIG', 'SET', 'cluster-slot-migration-handoff-max-lag-bytes', '1mb'],
    ],
  },
];

for (const version of ['8.0', '8.6']) {
  const env = referenceEnv('redis', version);
  runReferenceScenarios(env, `Redis ${version} server`, { createServer: fakeRedis(version) }, version === '8.6' ? [...scenarios, ...config86] : scenarios);
  runReferenceScenarios(env, `Redis ${version} COMMAND`, { createServer: everyCommand(version) }, commandScenarios);
}
