import { isIPv4, isIPv6 } from 'node:net';
import { INT_MAX, numeric, text, ULLONG_MAX, yesNo } from './config/kinds.js';
import { ConfigError, type ConfigParameter } from './config/store.js';

/**
 * How a server type's configuration parameters differ from Redis's (config.c of that
 * server): parameters it renamed (keeping the old name as an alias), defaults it changed,
 * and parameters it added. Applied over Redis's parameters when a server starts.
 */
export interface ProfileConfig {
  readonly renamed: ReadonlyArray<readonly [name: string, alias: string]>;
  readonly defaults: Readonly<Record<string, string>>;
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

/** Redis's parameters with a profile's changes applied. */
export function applyProfileConfig(params: ConfigParameter[], config: ProfileConfig): ConfigParameter[] {
  if (config === REDIS_CONFIG) return params;
  const renamed = new Map(config.renamed.map(([name, alias]) => [alias, name]));
  const changed = params.map((param) => {
    const name = renamed.get(param.name);
    const def = config.defaults[name ?? param.name];
    let next = param;
    if (name !== undefined) next = { ...next, name, aliases: [...(param.aliases ?? []), param.name] };
    if (def !== undefined) next = { ...next, default: def };
    return next;
  });
  return [...changed, ...config.added()];
}
