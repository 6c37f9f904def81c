import { updateDefaultUserPassword } from '../acl/state.js';
import { notifyKeyspaceEventsParameter } from '../notifier.js';
import type { FakeServer } from '../server.js';
import { applyProfileConfig } from '../profile-config.js';
import { replicationBacklogResized } from '../replication/master.js';
import { appendonlyChanged } from '../mixins/server/aof.js';
import defaults from './defaults.redis-7.0.15.json' with { type: 'json' };
import {
  choice, INT_MAX, INT_MIN, LONG_MAX, numeric, type NumericOptions, type NumericType,
  type ParameterFlags, splitArgs, text, UINT_MAX, ULLONG_MAX, yesNo,
} from './kinds.js';
import {
  bindParam, checkAppendDirname, checkAppendFilename, checkDbFilename, checkHostname, checkProcTitleTemplate,
  clientOutputBufferLimitParam, dirParam, latencyPercentilesParam, oomScoreAdjValuesParam, portParam, replicaofParam, saveParam,
} from './special.js';
import { ConfigError, type ConfigParameter } from './store.js';

/**
 * The configuration parameters of Redis 7.0, as config.c declares them: kind, alias,
 * range, flags. Their defaults are data, probed from a fresh redis-server 7.0.15
 * (`defaults.redis-7.0.15.json`, written by test/config/probe-defaults.mjs).
 */
const DEFAULTS: Record<string, string | null> = { ...defaults.parameters, ...defaults.hidden };

/** A parameter's default as the probed server printed it; the working directory for dir. */
export function defaultOf(name: string): string {
  const value = DEFAULTS[name];
  if (value === undefined) throw new Error(`no probed default for config parameter ${name}`);
  return value ?? process.cwd();
}

const IMM: ParameterFlags = { immutable: true };

function bool(name: string, flags: ParameterFlags & { check?: (yes: boolean) => void } = {}): ConfigParameter {
  return yesNo(name, defaultOf(name), flags);
}

function str(name: string, flags: ParameterFlags & { check?: (value: string) => void } = {}): ConfigParameter {
  return text(name, defaultOf(name), flags);
}

function oneOf(name: string, names: Array<string | [string, string]>, flags: ParameterFlags = {}): ConfigParameter {
  return choice(name, defaultOf(name), names, flags);
}

function num(name: string, type: NumericType, lower: bigint, upper: bigint, options: NumericOptions = {}): ConfigParameter {
  return numeric(name, defaultOf(name), type, lower, upper, options);
}

const int = (name: string, lower: bigint, upper: bigint, options: NumericOptions = {}) => num(name, 'int', lower, upper, options);
const mem = { memory: true };

/** shutdown-on-sigint/sigterm: flags from default, save, nosave, now, force. */
function shutdownFlags(name: string): ConfigParameter {
  const names = ['save', 'nosave', 'now', 'force'];
  return {
    name,
    default: defaultOf(name),
    parse(value) {
      const args = splitArgs(value);
      const set = new Set<string>();
      if (args.length === 0) throw new ConfigError('argument(s) must be one of the following: default, save, nosave, now, force');
      for (const arg of args) {
        const v = arg.toLowerCase();
        if (v !== 'default' && !names.includes(v)) {
          throw new ConfigError('argument(s) must be one of the following: default, save, nosave, now, force');
        }
        if (v !== 'default') set.add(v);
      }
      if (set.has('save') && set.has('nosave')) {
        throw new ConfigError("shutdown options SAVE and NOSAVE can't be used simultaneously");
      }
      return set.size === 0 ? 'default' : names.filter((n) => set.has(n)).join(' ');
    },
  };
}

const ACTIVE_DEFRAG_UNAVAILABLE =
  'Active defragmentation cannot be enabled: it requires a Redis server compiled with a modified Jemalloc like the one shipped by default with the Redis source distribution';

/** Defines every Redis 7.0 parameter on a server, wired to the engine where it applies. */
export function defineCoreConfig(server: FakeServer): void {
  const params: ConfigParameter[] = [
    // ---- yes/no
    bool('rdbchecksum', IMM),
    bool('daemonize', IMM),
    bool('io-threads-do-reads', IMM),
    bool('always-show-logo', IMM),
    bool('protected-mode'),
    bool('rdbcompression'),
    bool('rdb-del-sync-files'),
    bool('activerehashing'),
    bool('stop-writes-on-bgsave-error'),
    bool('set-proc-title', IMM),
    bool('dynamic-hz'),
    bool('lazyfree-lazy-eviction'),
    bool('lazyfree-lazy-expire'),
    bool('lazyfree-lazy-server-del'),
    bool('lazyfree-lazy-user-del'),
    bool('lazyfree-lazy-user-flush'),
    bool('repl-disable-tcp-nodelay'),
    bool('repl-diskless-sync'),
    bool('aof-rewrite-incremental-fsync'),
    bool('no-appendfsync-on-rewrite'),
    bool('cluster-require-full-coverage'),
    bool('rdb-save-incremental-fsync'),
    bool('aof-load-truncated'),
    bool('aof-use-rdb-preamble'),
    bool('aof-timestamp-enabled'),
    bool('cluster-replica-no-failover', { alias: 'cluster-slave-no-failover' }),
    bool('replica-lazy-flush', { alias: 'slave-lazy-flush' }),
    bool('replica-serve-stale-data', { alias: 'slave-serve-stale-data' }),
    bool('replica-read-only', { alias: 'slave-read-only' }),
    bool('replica-ignore-maxmemory', { alias: 'slave-ignore-maxmemory' }),
    bool('jemalloc-bg-thread'),
    // Debian's build (the reference) has no active defragmentation.
    bool('activedefrag', {
      check: (yes) => {
        if (yes) throw new ConfigError(ACTIVE_DEFRAG_UNAVAILABLE);
      },
    }),
    bool('syslog-enabled', IMM),
    bool('cluster-enabled', IMM),
    bool('appendonly', { apply: (value) => appendonlyChanged(server, value) }),
    bool('cluster-allow-reads-when-down'),
    bool('cluster-allow-pubsubshard-when-down'),
    bool('crash-log-enabled'),
    bool('crash-memcheck-enabled'),
    bool('use-exit-on-panic', { hidden: true }),
    // Debian's redis-server 7.0.15, the reference, has this one from a security backport
    // (start-up only, hidden); the 7.2.4 and 7.4.1 sources do not.
    ...(server.versionAtLeast('7.2.0') ? [] : [bool('lua-enable-deprecated-api', { ...IMM, hidden: true })]),
    bool('disable-thp', IMM),
    bool('cluster-allow-replica-migration'),
    bool('replica-announced'),
    bool('latency-tracking'),
    bool('aof-disable-auto-gc'),
    bool('replica-ignore-disk-write-errors'),

    // ---- text
    str('aclfile', IMM),
    str('unixsocket', IMM),
    str('pidfile', IMM),
    str('replica-announce-ip', { alias: 'slave-announce-ip' }),
    str('masteruser'),
    str('cluster-announce-ip'),
    str('cluster-config-file', IMM),
    str('cluster-announce-hostname', { check: checkHostname }),
    str('syslog-ident', IMM),
    str('dbfilename', { protected: true, check: checkDbFilename }),
    str('appendfilename', { immutable: true, check: checkAppendFilename }),
    str('appenddirname', { immutable: true, check: checkAppendDirname }),
    str('server_cpulist', IMM),
    str('bio_cpulist', IMM),
    str('aof_rewrite_cpulist', IMM),
    str('bgsave_cpulist', IMM),
    str('ignore-warnings'),
    str('proc-title-template', { check: checkProcTitleTemplate((v) => procTitleVariable(server, v)) }),
    str('bind-source-addr'),
    str('logfile', IMM),
    str('masterauth'),
    str('requirepass', { apply: (value) => updateDefaultUserPassword(server, value) }),

    // ---- one of a list
    oneOf('supervised', ['upstart', 'systemd', 'auto', 'no'], IMM),
    oneOf('syslog-facility', ['user', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7'], IMM),
    oneOf('repl-diskless-load', ['disabled', 'on-empty-db', 'swapdb']),
    // Redis 7.2 added "nothing", which logs nothing.
    oneOf('loglevel', ['debug', 'verbose', 'notice', 'warning', ...(server.versionAtLeast('7.2.0') ? ['nothing'] : [])]),
    oneOf('maxmemory-policy', [...server.profile.evictionPolicies], {
      apply: (value) => {
        server.lfuEnabled = value.endsWith('-lfu');
        server.lrmEnabled = value.endsWith('-lrm');
      },
    }),
    oneOf('appendfsync', ['everysec', 'always', 'no']),
    oneOf('oom-score-adj', ['no', ['yes', 'relative'], ['relative', 'relative'], 'absolute']),
    oneOf('acl-pubsub-default', ['allchannels', 'resetchannels']),
    oneOf('sanitize-dump-payload', ['no', 'yes', 'clients']),
    oneOf('enable-protected-configs', ['no', 'yes', 'local'], IMM),
    oneOf('enable-debug-command', ['no', 'yes', 'local'], IMM),
    oneOf('enable-module-command', ['no', 'yes', 'local'], IMM),
    oneOf('cluster-preferred-endpoint-type', ['ip', 'hostname', 'unknown-endpoint']),
    oneOf('propagation-error-behavior', ['ignore', 'panic', 'panic-on-replicas']),
    shutdownFlags('shutdown-on-sigint'),
    shutdownFlags('shutdown-on-sigterm'),

    // ---- numbers
    int('databases', 1n, INT_MAX, IMM),
    portParam(server, defaultOf('port')),
    int('io-threads', 1n, 128n, IMM),
    int('auto-aof-rewrite-percentage', 0n, INT_MAX),
    int('cluster-replica-validity-factor', 0n, INT_MAX, { alias: 'cluster-slave-validity-factor' }),
    int('list-max-listpack-size', INT_MIN, INT_MAX, { alias: 'list-max-ziplist-size' }),
    int('tcp-keepalive', 0n, INT_MAX),
    int('cluster-migration-barrier', 0n, INT_MAX),
    int('active-defrag-cycle-min', 1n, 99n),
    int('active-defrag-cycle-max', 1n, 99n),
    int('active-defrag-threshold-lower', 0n, 1000n),
    int('active-defrag-threshold-upper', 0n, 1000n),
    int('lfu-log-factor', 0n, INT_MAX),
    int('lfu-decay-time', 0n, INT_MAX),
    int('replica-priority', 0n, INT_MAX, { alias: 'slave-priority' }),
    int('repl-diskless-sync-delay', 0n, INT_MAX),
    int('maxmemory-samples', 1n, INT_MAX),
    int('maxmemory-eviction-tenacity', 0n, 100n),
    int('timeout', 0n, INT_MAX, { apply: () => server.clientsCron.configChanged() }),
    int('replica-announce-port', 0n, 65535n, { alias: 'slave-announce-port' }),
    int('tcp-backlog', 0n, INT_MAX, IMM),
    int('cluster-port', 0n, 65535n, IMM),
    int('cluster-announce-bus-port', 0n, 65535n),
    int('cluster-announce-port', 0n, 65535n),
    int('cluster-announce-tls-port', 0n, 65535n),
    int('repl-timeout', 1n, INT_MAX),
    int('repl-ping-replica-period', 1n, INT_MAX, { alias: 'repl-ping-slave-period' }),
    int('list-compress-depth', 0n, INT_MAX),
    int('rdb-key-save-delay', INT_MIN, INT_MAX, { hidden: true }),
    int('key-load-delay', INT_MIN, INT_MAX, { hidden: true }),
    int('active-expire-effort', 1n, 10n),
    // Redis accepts any hz and clamps it to 1..500.
    int('hz', 0n, INT_MAX, { adjust: (n) => (n < 1n ? 1n : n > 500n ? 500n : n), apply: () => server.clientsCron.configChanged() }),
    int('min-replicas-to-write', 0n, INT_MAX, { alias: 'min-slaves-to-write' }),
    int('min-replicas-max-lag', 0n, INT_MAX, { alias: 'min-slaves-max-lag' }),
    int('watchdog-period', 0n, INT_MAX, { hidden: true }),
    int('shutdown-timeout', 0n, INT_MAX),
    int('repl-diskless-sync-max-replicas', 0n, INT_MAX),
    num('maxclients', 'uint', 1n, UINT_MAX),
    num('unixsocketperm', 'uint', 0n, 0o777n, { immutable: true, octal: true }),
    num('socket-mark-id', 'uint', 0n, UINT_MAX, IMM),
    num('active-defrag-max-scan-fields', 'ulong', 1n, LONG_MAX),
    num('slowlog-max-len', 'ulong', 0n, LONG_MAX),
    num('acllog-max-len', 'ulong', 0n, LONG_MAX),
    num('busy-reply-threshold', 'longlong', 0n, LONG_MAX, { alias: 'lua-time-limit' }),
    num('cluster-node-timeout', 'longlong', 0n, LONG_MAX),
    num('slowlog-log-slower-than', 'longlong', -1n, LONG_MAX),
    num('latency-monitor-threshold', 'longlong', 0n, LONG_MAX),
    num('proto-max-bulk-len', 'longlong', 1024n * 1024n, LONG_MAX, mem),
    num('stream-node-max-entries', 'longlong', 0n, LONG_MAX),
    // resizeReplicationBacklog: at least 16 KiB (CONFIG GET shows it), and the backlog trimmed to it.
    num('repl-backlog-size', 'longlong', 1n, LONG_MAX, { ...mem, adjust: (n) => (n < 16384n ? 16384n : n), apply: () => replicationBacklogResized(server) }),
    num('maxmemory', 'ulonglong', 0n, ULLONG_MAX, { ...mem, apply: (value) => server.maxmemoryChanged(Number(value)) }),
    num('cluster-link-sendbuf-limit', 'ulonglong', 0n, ULLONG_MAX, mem),
    num('hash-max-listpack-entries', 'size_t', 0n, LONG_MAX, { alias: 'hash-max-ziplist-entries' }),
    num('set-max-intset-entries', 'size_t', 0n, LONG_MAX),
    num('zset-max-listpack-entries', 'size_t', 0n, LONG_MAX, { alias: 'zset-max-ziplist-entries' }),
    num('active-defrag-ignore-bytes', 'size_t', 1n, LONG_MAX, mem),
    num('hash-max-listpack-value', 'size_t', 0n, LONG_MAX, { alias: 'hash-max-ziplist-value', memory: true }),
    num('stream-node-max-bytes', 'size_t', 0n, LONG_MAX, mem),
    num('zset-max-listpack-value', 'size_t', 0n, LONG_MAX, { alias: 'zset-max-ziplist-value', memory: true }),
    num('hll-sparse-max-bytes', 'size_t', 0n, LONG_MAX, mem),
    num('tracking-table-max-keys', 'size_t', 0n, LONG_MAX),
    // The clients cron and the input path keep these parsed.
    num('client-query-buffer-limit', 'size_t', 1024n * 1024n, LONG_MAX, { ...mem, apply: () => server.clientsCron.configChanged() }),
    num('maxmemory-clients', 'ssize_t', -100n, LONG_MAX, { memory: true, percent: true, apply: () => server.clientsCron.configChanged() }),
    num('repl-backlog-ttl', 'time_t', 0n, LONG_MAX),
    num('auto-aof-rewrite-min-size', 'off_t', 0n, LONG_MAX, mem),
    num('loading-process-events-interval-bytes', 'off_t', 1024n, INT_MAX, { hidden: true }),

    // ---- TLS (the reference build has it)
    int('tls-port', 0n, 65535n),
    int('tls-session-cache-size', 0n, INT_MAX),
    int('tls-session-cache-timeout', 0n, INT_MAX),
    bool('tls-cluster'),
    bool('tls-replication'),
    oneOf('tls-auth-clients', ['no', 'yes', 'optional']),
    bool('tls-prefer-server-ciphers'),
    bool('tls-session-caching'),
    str('tls-cert-file'),
    str('tls-key-file'),
    str('tls-key-file-pass'),
    str('tls-client-cert-file'),
    str('tls-client-key-file'),
    str('tls-client-key-file-pass'),
    str('tls-dh-params-file'),
    str('tls-ca-cert-file'),
    str('tls-ca-cert-dir'),
    str('tls-protocols'),
    str('tls-ciphers'),
    str('tls-ciphersuites'),

    // ---- special syntax
    dirParam(defaultOf('dir')),
    saveParam(defaultOf('save')),
    clientOutputBufferLimitParam(defaultOf('client-output-buffer-limit')),
    oomScoreAdjValuesParam(defaultOf('oom-score-adj-values')),
    notifyKeyspaceEventsParameter(server.notifier, defaultOf('notify-keyspace-events')),
    bindParam(server, defaultOf('bind')),
    replicaofParam(),
    latencyPercentilesParam(defaultOf('latency-tracking-info-percentiles')),
  ];
  // Redis 7.2 encodes small sets as listpacks and added their thresholds, and names cluster nodes for humans.
  if (server.versionAtLeast('7.2.0')) {
    params.push(
      numeric('set-max-listpack-entries', '128', 'size_t', 0n, LONG_MAX),
      numeric('set-max-listpack-value', '64', 'size_t', 0n, LONG_MAX, mem),
      text('cluster-announce-human-nodename', '', { check: checkAuxString }),
    );
  }
  // Other server types rename, re-default and add parameters (their profile says which).
  for (const param of applyProfileConfig(params, server.profile.config)) server.config.define(param);
}

/** cluster.c's isValidAuxString: no NUL and none of the characters of cluster.conf's aux syntax. */
function checkAuxString(value: string): void {
  for (const c of value) {
    if (c === '\0' || (!/[A-Za-z0-9]/.test(c) && '!#$%&()*+:;<>?@[]^{|}~'.includes(c))) {
      throw new ConfigError('Announced human node name contained invalid character');
    }
  }
}

/** The values proc-title-template variables expand to (for an empty title). */
function procTitleVariable(server: FakeServer, variable: string): string {
  const config = server.config;
  switch (variable) {
    case 'title':
      return '';
    case 'listen-addr': {
      const port = config.get('port');
      return config.get('unixsocket') !== '' && port === '0' ? config.get('unixsocket') : `${config.get('bind').split(' ')[0] ?? ''}:${port}`;
    }
    case 'server-mode':
      return config.getBoolean('cluster-enabled') ? '[cluster]' : '';
    case 'port':
      return config.get('port');
    case 'tls-port':
      return config.get('tls-port');
    case 'unixsocket':
      return config.get('unixsocket');
    default:
      return ''; // config-file: the fake runs without one
  }
}

