import { isIPv4, isIPv6 } from 'node:net';
import { choice, INT_MAX, INT_MIN, LONG_MAX, numeric, splitArgs, text, ULLONG_MAX, yesNo } from './config/kinds.js';
import { ConfigError, type ConfigParameter } from './config/store.js';
import { compareVersions } from './metadata/index.js';

/**
 * How a server type's configuration parameters differ from Redis's (config.c of that
 * server): parameters it renamed (keeping the old name as an alias), defaults it changed,
 * and parameters it added. Applied over Redis's parameters when a server starts.
 */
export interface ProfileConfig {
  readonly renamed: ReadonlyArray<readonly [name: string, alias: string]>;
  readonly defaults: Readonly<Record<string, string>>;
  /**
   * Parameters renamed back to an older name ([name, 7.0's name]): the 7.0 name stays for
   * the engine only (KeyDB 6.3 knows hash-max-ziplist-entries, not hash-max-listpack-entries).
   */
  readonly renamedBack?: ReadonlyArray<readonly [name: string, newer: string]>;
  /** Redis 7.0's parameters the server type lacks: kept at their default for the engine, invisible to clients. */
  readonly absent?: readonly string[];
  /** Parameters kept but left out of CONFIG GET patterns (config.c's HIDDEN_CONFIG): readable and settable by name. */
  readonly hidden?: readonly string[];
  /** CONFIG GET answers in name order (Valkey 9's configGetCommand), not in the order parameters matched. */
  readonly sortedGet?: boolean;
  /** Fresh definitions per server (a definition may hold its server's state). */
  added(): ConfigParameter[];
}

export const REDIS_CONFIG: ProfileConfig = { renamed: [], defaults: {}, added: () => [] };

/** inet_pton's acceptance: dotted quads, IPv6 text without a zone. */
const ipCheck = (family: 4 | 6) => (value: string) => {
  if (value === '') return;
  if (family === 4 ? !isIPv4(value) : !isIPv6(value) || value.includes('%')) throw new ConfigError(`Invalid IPv${family} address`);
};

/** Valkey 8.0's config.c against Redis 7.2.4's. */
export const VALKEY_8_0_CONFIG: ProfileConfig = {
  renamed: [
    ['primaryauth', 'masterauth'],
    ['primaryuser', 'masteruser'],
    ['server-cpulist', 'server_cpulist'],
    ['bio-cpulist', 'bio_cpulist'],
    ['aof-rewrite-cpulist', 'aof_rewrite_cpulist'],
    ['bgsave-cpulist', 'bgsave_cpulist'],
  ],
  defaults: {
    'io-threads-do-reads': 'yes',
    'lazyfree-lazy-eviction': 'yes',
    'lazyfree-lazy-expire': 'yes',
    'lazyfree-lazy-server-del': 'yes',
    'lazyfree-lazy-user-del': 'yes',
    'lazyfree-lazy-user-flush': 'yes',
    'replica-lazy-flush': 'yes',
    'repl-backlog-size': '10485760',
    'syslog-ident': 'valkey',
  },
  added: () => [
    text('availability-zone', ''),
    text('cluster-announce-client-ipv4', '', { check: ipCheck(4) }),
    text('cluster-announce-client-ipv6', '', { check: ipCheck(6) }),
    // Valkey checks unsigned long parameters as unsigned (config.c numericBoundaryCheck): -1 is accepted.
    numeric('cluster-blacklist-ttl', '60', 'ulonglong', 0n, ULLONG_MAX),
    yesNo('cluster-slot-stats-enabled', 'no'),
    text('debug-context', '', { hidden: true }),
    yesNo('dual-channel-replication-enabled', 'no'),
    yesNo('enable-debug-assert', 'no', { immutable: true, hidden: true }),
    numeric('events-per-io-thread', '2', 'int', 0n, INT_MAX),
    // HELLO, INFO and the server's title in texts follow it at once (serverIdentity).
    yesNo('extended-redis-compatibility', 'no'),
    yesNo('hide-user-data-from-log', 'yes'),
    numeric('max-new-connections-per-cycle', '10', 'uint', 1n, 1000n),
    numeric('max-new-tls-connections-per-cycle', '1', 'uint', 1n, 1000n),
    numeric('prefetch-batch-max-size', '16', 'int', 0n, 128n),
    text('unixsocketgroup', '', { immutable: true }),
  ],
};

/** Redis 7.4's names for the CPU lists (7.0's underscored ones stay as aliases). */
const CPULIST_RENAMES: ReadonlyArray<readonly [string, string]> = [
  ['server-cpulist', 'server_cpulist'],
  ['bio-cpulist', 'bio_cpulist'],
  ['aof-rewrite-cpulist', 'aof_rewrite_cpulist'],
  ['bgsave-cpulist', 'bgsave_cpulist'],
];

/** Redis 7.4's connection-rate and log-redaction parameters (Valkey 8.0 has them too). */
const connectionsPerCycle = (): ConfigParameter[] => [
  yesNo('hide-user-data-from-log', 'no'),
  numeric('max-new-connections-per-cycle', '10', 'uint', 1n, 1000n),
  numeric('max-new-tls-connections-per-cycle', '1', 'uint', 1n, 1000n),
];

/**
 * 8.6's cluster-slot-stats-enabled: a multi-argument enum (config.c's MULTI_ARG_CONFIG);
 * the flags combine, and read back as the one name equal to their union, else as the
 * names of the flags set, in the enum's order.
 */
function slotStatsParam(): ConfigParameter {
  const flags: ReadonlyArray<readonly [string, number]> = [['no', 0], ['yes', 7], ['cpu', 1], ['net', 2], ['mem', 4]];
  return {
    name: 'cluster-slot-stats-enabled',
    default: 'no',
    parse(value) {
      const words = splitArgs(value);
      let bits = 0;
      for (const word of words) {
        const flag = flags.find(([name]) => name === word.toLowerCase());
        if (flag === undefined) throw new ConfigError('argument(s) must be one of the following: no, yes, cpu, net, mem');
        bits |= flag[1];
      }
      if (words.length === 0) throw new ConfigError('argument(s) must be one of the following: no, yes, cpu, net, mem');
      const exact = flags.find(([, v]) => v === bits);
      if (exact !== undefined) return exact[0];
      return flags.filter(([, v]) => v !== 0 && (v & bits) === v && v !== 7).map(([name]) => name).join(' ');
    },
  };
}

/** 8.6's tls-auth-clients-user: enum names matched case-insensitively, printed as config.c spells them. */
function tlsAuthClientsUserParam(): ConfigParameter {
  return {
    name: 'tls-auth-clients-user',
    default: 'off',
    parse(value) {
      const name = ['CN', 'off'].find((n) => n.toLowerCase() === value.toLowerCase());
      if (name === undefined) throw new ConfigError('argument(s) must be one of the following: CN, off');
      return name;
    },
  };
}

/** setlocale(LC_COLLATE, ...) succeeds for the C locales a Debian system always has. */
const LOCALES = new Set(['', 'C', 'POSIX', 'C.UTF-8', 'C.utf8']);

/**
 * What each Redis version changed in config.c after 7.0 (checked with CONFIG GET * and
 * CONFIG SET on redis-server 7.2.4, 7.4.1, 8.0.6 and 8.6.3); a version has the changes of
 * every entry up to it. Parameters a module owns (8.6's stream-idmp-*, the vector sets'
 * vset-*) are that module's.
 */
const REDIS_CONFIG_CHANGES: ReadonlyArray<readonly [since: string, changes: Omit<ProfileConfig, 'defaults'>]> = [
  // 7.2's listpack sets and human node names are defined with the rest (parameters.ts), Valkey having them too.
  ['7.2.0', {
    renamed: [],
    hidden: ['aof-disable-auto-gc'],
    added: () => [
      text('locale-collate', '', {
        check: (value) => {
          if (!LOCALES.has(value)) throw new ConfigError('Invalid locale name');
        },
      }),
    ],
  }],
  ['7.4.0', { renamed: CPULIST_RENAMES, added: connectionsPerCycle }],
  ['8.0.0', {
    renamed: [],
    // I/O threads always do reads in 8.0.
    absent: ['io-threads-do-reads'],
    added: () => [
      numeric('cluster-compatibility-sample-ratio', '0', 'int', 0n, 100n),
      numeric('replica-full-sync-buffer-limit', '0', 'longlong', 0n, LONG_MAX, { memory: true }),
    ],
  }],
  ['8.6.0', {
    renamed: [],
    added: () => [
      numeric('aof-load-corrupt-tail-max-size', '0', 'off_t', 0n, LONG_MAX),
      numeric('cluster-slot-migration-handoff-max-lag-bytes', '1048576', 'longlong', 0n, LONG_MAX, { memory: true }),
      numeric('cluster-slot-migration-write-pause-timeout', '10000', 'longlong', 0n, LONG_MAX),
      slotStatsParam(),
      yesNo('key-memory-histograms', 'no', {
        check: (yes) => {
          if (yes) throw new ConfigError('memory tracking cannot be enabled at runtime');
        },
      }),
      numeric('lookahead', '16', 'int', 1n, INT_MAX),
      tlsAuthClientsUserParam(),
    ],
  }],
];

const redisConfigs = new Map<string, ProfileConfig>();

/** The configuration changes of a Redis version: REDIS_CONFIG_CHANGES up to it, merged. */
export function redisConfig(version: string): ProfileConfig {
  const applicable = REDIS_CONFIG_CHANGES.filter(([since]) => compareVersions(version, since) >= 0).map(([, changes]) => changes);
  if (applicable.length === 0) return REDIS_CONFIG;
  let config = redisConfigs.get(version);
  if (config === undefined) {
    config = {
      renamed: applicable.flatMap((c) => c.renamed),
      defaults: {},
      absent: applicable.flatMap((c) => c.absent ?? []),
      hidden: applicable.flatMap((c) => c.hidden ?? []),
      added: () => applicable.flatMap((c) => c.added()),
    };
    redisConfigs.set(version, config);
  }
  return config;
}

/** Redis's parameters with a profile's changes applied. */
export function applyProfileConfig(params: ConfigParameter[], config: ProfileConfig): ConfigParameter[] {
  if (config === REDIS_CONFIG) return params;
  const renamed = new Map(config.renamed.map(([name, alias]) => [alias, name]));
  const back = new Map(config.renamedBack?.map(([name, newer]) => [newer, name]));
  const absent = new Set(config.absent ?? []);
  const hidden = new Set(config.hidden ?? []);
  const changed = params.map((param) => {
    const name = renamed.get(param.name);
    const older = back.get(param.name);
    const def = config.defaults[name ?? older ?? param.name];
    let next = param;
    if (name !== undefined) next = { ...next, name, aliases: [...(param.aliases ?? []), param.name] };
    if (older !== undefined) next = { ...next, name: older, aliases: (param.aliases ?? []).filter((a) => a !== older), internalAliases: [param.name] };
    if (absent.has(param.name)) next = { ...next, absent: true };
    if (hidden.has(param.name)) next = { ...next, hidden: true };
    if (def !== undefined) next = { ...next, default: def };
    return next;
  });
  return [...changed, ...config.added()];
}

/**
 * KeyDB 6.3.4's config.cpp (Redis 6.2's names and KeyDB's own parameters) against Redis
 * 7.0.15's, checked with CONFIG GET * on keydb-server 6.3.4.
 */
export const KEYDB_6_3_CONFIG: ProfileConfig = {
  renamed: [],
  renamedBack: [
    ['hash-max-ziplist-entries', 'hash-max-listpack-entries'],
    ['hash-max-ziplist-value', 'hash-max-listpack-value'],
    ['zset-max-ziplist-entries', 'zset-max-listpack-entries'],
    ['zset-max-ziplist-value', 'zset-max-listpack-value'],
    ['list-max-ziplist-size', 'list-max-listpack-size'],
    ['lua-time-limit', 'busy-reply-threshold'],
  ],
  absent: [
    'aof-disable-auto-gc', 'aof-timestamp-enabled', 'appenddirname', 'bind-source-addr', 'cluster-allow-pubsubshard-when-down',
    'cluster-announce-hostname', 'cluster-config-file', 'cluster-link-sendbuf-limit', 'cluster-port', 'cluster-preferred-endpoint-type',
    'enable-debug-command', 'enable-module-command', 'enable-protected-configs', 'io-threads', 'latency-tracking',
    'latency-tracking-info-percentiles', 'maxmemory-clients', 'propagation-error-behavior', 'repl-diskless-sync-max-replicas',
    'replica-ignore-disk-write-errors', 'replicaof', 'shutdown-on-sigint', 'shutdown-on-sigterm', 'shutdown-timeout', 'socket-mark-id',
  ],
  defaults: {
    'acl-pubsub-default': 'allchannels',
    'maxmemory-samples': '16',
    'repl-diskless-sync': 'no',
    // 6.2 has neither the protection nor latency tracking: DEBUG, MODULE, CONFIG SET dir always allowed.
    'enable-debug-command': 'yes',
    'enable-module-command': 'yes',
    'enable-protected-configs': 'yes',
    'latency-tracking': 'no',
  },
  added: () => [
    yesNo('active-client-balancing', 'yes'),
    yesNo('active-replica', 'no', { immutable: true }),
    yesNo('allow-rdb-resize-op', 'yes'),
    yesNo('allow-write-during-load', 'no'),
    text('availability-zone', ''),
    text('db-s3-object', ''),
    yesNo('delete-on-evict', 'no'),
    yesNo('enable-async-commands', 'no'),
    yesNo('enable-async-rehash', 'yes'),
    yesNo('enable-keydb-fastsync', 'no'),
    yesNo('enable-motd', 'yes', { immutable: true }),
    yesNo('flash-disable-key-cache', 'no'),
    yesNo('force-backlog-disk-reserve', 'no'),
    numeric('force-eviction-percent', '0', 'int', 0n, 100n),
    numeric('key-load-delay', '0', 'int', INT_MIN, INT_MAX),
    numeric('loading-process-events-interval-bytes', '2097152', 'ulong', 0n, LONG_MAX, { memory: true }),
    numeric('loading-process-events-interval-keys', '8192', 'uint', 0n, LONG_MAX, { memory: true }),
    yesNo('lua-replicate-commands', 'yes'),
    numeric('max-rand-count', String(LONG_MAX / 2n), 'longlong', 0n, LONG_MAX / 2n),
    numeric('max-snapshot-slip', '400', 'longlong', 0n, 5000n),
    numeric('maxclients-reserved', '0', 'uint', 0n, 100n),
    numeric('maxstorage', '0', 'ulonglong', 0n, LONG_MAX, { memory: true }),
    numeric('min-clients-per-thread', '20', 'int', 0n, 400n),
    yesNo('multi-master-no-forward', 'no'),
    yesNo('multithread-load-enabled', 'no'),
    numeric('overload-protect-percent', '0', 'int', 0n, 200n),
    yesNo('prefetch-enabled', 'yes'),
    numeric('rdb-key-save-delay', '0', 'int', INT_MIN, INT_MAX),
    numeric('repl-backlog-disk-reserve', '0', 'longlong', 0n, LONG_MAX, { memory: true, immutable: true }),
    numeric('replica-quorum', '-1', 'int', -1n, INT_MAX),
    numeric('replica-weighting-factor', '2', 'int', 1n, INT_MAX),
    numeric('semi-ordered-set-bucket-size', '0', 'size_t', 0n, 1024n),
    yesNo('soft-shutdown', 'no'),
    choice('storage-cache-mode', 'writethrough', ['writeback', 'writethrough'], { immutable: true }),
    numeric('storage-flush-period', '500', 'int', 1n, 10000n),
    text('storage-provider-options', '', { immutable: true }),
    yesNo('time-thread-priority', 'no', { immutable: true }),
    text('tls-allowlist', '', { immutable: true }),
    yesNo('use-exit-on-panic', 'no'),
    yesNo('use-fork', 'yes', { immutable: true }),
    numeric('watchdog-period', '0', 'int', 0n, INT_MAX),
  ],
};
