import { checkUserDirective, ConfigError, FakeServer, knownVersions, type Mixin, serverProfile, type ServerProfile, type ServerType } from '@fakeredis/core';
import { defaultVersion } from '@fakeredis/composer';
import { splitConfigLine, type ConfigEntry, type Directive } from './args.js';
import { checkLogFile } from './log.js';
import { allMixins, loadedModuleMixins } from './modules.js';

/** The server types fakeredis has command metadata for (Dragonfly and KeyDB have none yet). */
const SERVER_TYPES: readonly ServerType[] = (['redis', 'valkey', 'dragonfly', 'keydb'] as const).filter((type) => knownVersions(type).length > 0);

/** Parameters that take several words (config.c's MULTI_ARG_CONFIG); every other one takes exactly one. */
const MULTI_ARG = new Set([
  'save', 'client-output-buffer-limit', 'oom-score-adj-values', 'bind', 'replicaof',
  'latency-tracking-info-percentiles', 'shutdown-on-sigint', 'shutdown-on-sigterm',
]);

/** Directives Redis 7.0 still accepts and ignores (deprecated_configs), with one argument. */
const DEPRECATED = new Set(['list-max-ziplist-entries', 'list-max-ziplist-value', 'lua-replicate-commands']);

/**
 * Redis parameters fakeredis acts on: the engine reads them, or fakeredis-server does
 * (listening, logging, daemonizing, the working directory). Any other Redis 7.0
 * parameter in a configuration is accepted and shown by CONFIG GET, and named in the
 * start-up warning when set to anything but its default. Parameters a module defines
 * beyond Redis's own are the module's.
 */
const APPLIED = new Set([
  'port', 'bind', 'unixsocket', 'unixsocketperm', 'logfile', 'loglevel', 'daemonize', 'pidfile', 'dir', 'tcp-backlog',
  // RDB persistence (core's persistence.ts, enabled by the CLI).
  'save', 'dbfilename', 'rdbchecksum', 'stop-writes-on-bgsave-error',
  'busy-reply-threshold', 'client-output-buffer-limit', 'databases', 'enable-debug-command', 'enable-module-command',
  'enable-protected-configs', 'hash-max-listpack-entries', 'hash-max-listpack-value', 'hll-sparse-max-bytes', 'hz',
  'latency-tracking', 'latency-tracking-info-percentiles', 'lfu-decay-time', 'lfu-log-factor', 'list-max-listpack-size',
  'maxclients', 'maxmemory', 'maxmemory-policy', 'notify-keyspace-events', 'proto-max-bulk-len', 'rdbcompression',
  'requirepass', 'set-max-intset-entries', 'set-max-listpack-entries', 'set-max-listpack-value',
  'slowlog-log-slower-than', 'slowlog-max-len', 'stream-node-max-bytes', 'stream-node-max-entries',
  'zset-max-listpack-entries', 'zset-max-listpack-value',
  'tcp-keepalive', 'timeout', 'client-query-buffer-limit', 'maxmemory-clients', 'maxmemory-samples',
  'aclfile', 'acllog-max-len', 'acl-pubsub-default', 'latency-monitor-threshold', 'tracking-table-max-keys',
  'lazyfree-lazy-server-del', 'lazyfree-lazy-user-flush', 'list-compress-depth',
  // The AOF (core's aof/, opened by the CLI at start with appendonly yes).
  'appendonly', 'appendfilename', 'appenddirname', 'appendfsync', 'aof-use-rdb-preamble', 'aof-load-truncated',
  'auto-aof-rewrite-percentage', 'auto-aof-rewrite-min-size', 'aof-disable-auto-gc',
  // The master side of replication (core's replication/): real replicas can follow the fake.
  'repl-diskless-sync', 'repl-diskless-sync-delay', 'repl-diskless-sync-max-replicas', 'repl-backlog-size',
  'repl-backlog-ttl', 'repl-ping-replica-period', 'repl-timeout', 'min-replicas-to-write', 'min-replicas-max-lag',
  // The replica side (core's replication/replica.ts): the fake follows a real master.
  'replicaof', 'masterauth', 'masteruser', 'replica-read-only', 'replica-priority', 'replica-announced',
]);

/** What fakeredis-server runs with, from its configuration. */
export interface ServerSettings {
  serverType: ServerType;
  /** The full emulated version ("7.0.15"). */
  version: string;
  /** 0: no TCP listener, as in Redis. */
  port: number;
  /** fakeredis's default is 127.0.0.1 (Redis's is "* -::*"). */
  bind: string;
  unixSocket: string | undefined;
  unixSocketPerm: number | undefined;
  /** Every other parameter set, by its canonical name, as CONFIG GET prints it. */
  config: Record<string, string>;
  daemonize: boolean;
  /** "" unless set; a daemon without one writes /var/run/redis.pid, as Redis does. */
  pidfile: string;
  /** The working directory when a `dir` directive set it (resolved, absolute). */
  dir: string | undefined;
  /** Directives accepted but not acted on, each once, in order. */
  notApplied: string[];
  /** The `user` directives, checked as they were read, for loadConfiguredUsers at start-up. */
  users: string[][];
  /** rename-command directives, [from, to] in order ("" removes the command). */
  renames: Array<[string, string]>;
  /** The mixins of the Redis modules `loadmodule` loaded that fakeredis emulates (redisbloom.so). */
  modules: Mixin[];
  /** fakeredis's `cluster-nodes` / `cluster-replicas`: a whole cluster on port, port+1 ... */
  cluster: { masters: number; replicas: number } | undefined;
}

/** A refused configuration: `error` for stderr, or `log` for a line Redis logs (an include it cannot open). */
export type Settings = ({ ok: true } & ServerSettings) | { ok: false; error: string; log?: undefined } | { ok: false; log: string; error?: undefined };

/**
 * Applies configuration entries in order, as loadServerConfigFromString does: each
 * parameter checked with Redis's rules (argument count, value), `rename-command` (kept for
 * the server, and applied to the probe so that the next one sees it), `user`,
 * `loadmodule`, module parameters (`name.param`) and `sentinel` checked as far as Redis
 * checks them while loading, anything else fatal ("Bad directive or wrong number of
 * arguments"). fakeredis's own `server-type` and `server-version` choose what to emulate.
 * The first problem is fatal, reported with redis-server's text on stderr.
 */
export function resolveSettings(entries: readonly ConfigEntry[]): Settings {
  // What to emulate decides which parameters exist: read it before the rest.
  let serverType: ServerType = 'redis';
  let version: string | undefined;
  for (const entry of entries) {
    if (entry.kind !== 'directive' || entry.args.length !== 1) continue;
    if (entry.name === 'server-type' && SERVER_TYPES.includes(entry.args[0] as ServerType)) serverType = entry.args[0] as ServerType;
    if (entry.name === 'server-version') version = entry.args[0];
  }
  let profile: ServerProfile | undefined;
  try {
    profile = serverProfile(serverType, version ?? defaultVersion(serverType));
  } catch {
    profile = undefined;
  }
  const banner = `Redis ${profile?.version ?? '7.0.15'}`;
  const fatal = (reason: string, at?: { line: string; lineNumber: number }): Settings => ({
    ok: false,
    error: `\n*** FATAL CONFIG FILE ERROR (${banner}) ***\n${at ? `Reading the configuration file, at line ${at.lineNumber}\n>>> '${at.line}'\n` : ''}${reason}\n`,
  });

  const probe = new FakeServer({ profile: profile ?? serverProfile('redis', '7.0'), mixins: allMixins });
  const given: string[] = [];
  const notApplied = new Set<string>();
  const users: string[][] = [];
  const renames: Array<[string, string]> = [];
  const modules: Mixin[] = [];
  let bindGiven = false;
  let dirGiven = false;
  let clusterNodes = 0;
  let clusterReplicas = 0;
  try {
    for (const entry of entries) {
      if (entry.kind === 'open-failed') return { ok: false, log: entry.message };
      if (entry.kind === 'bad-line') return fatal(entry.reason, entry);
      const problem = applyDirective(entry);
      if (problem !== undefined) return fatal(problem, entry);
    }
    if (profile === undefined) {
      // An unknown version passed its own line's check only if it was never given with one argument.
      return fatal(`unknown ${serverType} version ${version ?? ''}`);
    }
    const logfile = probe.config.get('logfile');
    if (logfile !== '') {
      const error = checkLogFile(logfile);
      if (error !== undefined) return fatal(`Can't open the log file: ${error}`);
    }
    const config: Record<string, string> = {};
    for (const name of given) {
      if (name === 'port' || name === 'bind' || name === 'unixsocket') continue;
      config[name] = probe.config.get(name);
    }
    const perm = probe.config.get('unixsocketperm');
    return {
      ok: true,
      serverType,
      version: profile.version,
      port: probe.config.getNumber('port'),
      bind: bindGiven ? probe.config.get('bind') : '127.0.0.1',
      unixSocket: probe.config.get('unixsocket') || undefined,
      unixSocketPerm: perm === '0' ? undefined : parseInt(perm, 8),
      config,
      daemonize: probe.config.getBoolean('daemonize'),
      pidfile: probe.config.get('pidfile'),
      dir: dirGiven ? probe.config.get('dir') : undefined,
      notApplied: [...notApplied],
      users,
      renames,
      modules,
      cluster: clusterNodes === 0 ? undefined : { masters: clusterNodes, replicas: clusterReplicas },
    };
  } finally {
    probe.close();
  }

  /** One directive; returns Redis's reason when it is refused. */
  function applyDirective(d: Directive): string | undefined {
    const { name, args } = d;
    if (name === 'server-type') {
      if (args.length !== 1) return 'wrong number of arguments';
      if (!SERVER_TYPES.includes(args[0] as ServerType)) return `argument(s) must be one of the following: ${SERVER_TYPES.join(', ')}`;
      return undefined;
    }
    if (name === 'cluster-nodes' || name === 'cluster-replicas') {
      if (args.length !== 1) return 'wrong number of arguments';
      const value = /^[0-9]{1,4}$/.test(args[0] as string) ? Number(args[0]) : -1;
      if (name === 'cluster-nodes' ? value < 1 : value < 0) return `argument must be a number of ${name === 'cluster-nodes' ? 'masters (1 or more)' : 'replicas per master'}`;
      if (name === 'cluster-nodes') clusterNodes = value;
      else clusterReplicas = value;
      return undefined;
    }
    if (name === 'server-version') {
      if (args.length !== 1) return 'wrong number of arguments';
      if (profile === undefined) {
        try {
          serverProfile(serverType, args[0] as string);
        } catch (error) {
          return (error as Error).message;
        }
      }
      return undefined;
    }
    const parameter = probe.config.find(name);
    if (parameter !== undefined) {
      const multi = MULTI_ARG.has(parameter.name);
      if (!multi && args.length !== 1) return 'wrong number of arguments';
      // A multi-word parameter given as one quoted word is split (`--save "900 1"`).
      const words = multi && args.length === 1 && args[0] !== '' ? (splitConfigLine(args[0] as string) ?? []) : args;
      try {
        probe.config.initialize(name, words.join(' '));
      } catch (error) {
        if (error instanceof ConfigError) return error.reason;
        throw error;
      }
      if (parameter.name === 'bind') bindGiven = true;
      if (parameter.name === 'dir') dirGiven = true;
      if (!given.includes(parameter.name)) given.push(parameter.name);
      // Parameters of Redis's own list that fakeredis does not act on (module ones are the
      // module's), unless left at their default, which behaves as fakeredis does; but save
      // points by default save, which fakeredis does not.
      const value = probe.config.get(parameter.name);
      const inert = parameter.name === 'save' ? value === '' : value === parameter.default;
      if (!APPLIED.has(parameter.name) && !inert && isRedisParameter(parameter.name)) notApplied.add(parameter.name);
      return undefined;
    }
    if (DEPRECATED.has(name) && args.length === 1) return undefined;
    if (name === 'rename-command' && args.length === 2) {
      const [from, to] = args as [string, string];
      if (probe.commands.get(from) === undefined) return 'No such command in rename-command';
      // Redis removes the command first, so renaming it to its own name is no clash.
      if (to !== '' && to.toLowerCase() !== from.toLowerCase() && probe.commands.get(to) !== undefined) return 'Target command name already exists';
      // Applied to the probe too: a later rename-command sees this one.
      probe.commands.rename(from, to);
      renames.push([from, to]);
      return undefined;
    }
    if (name === 'user' && args.length >= 1) return checkUserDirective(probe, users, args);
    if (name === 'loadmodule' && args.length >= 1) {
      // An emulated module is loaded (its arguments are not acted on); other files are only accepted.
      const mixins = loadedModuleMixins(args[0] as string, args.slice(1));
      if (mixins === undefined || args.length > 1) notApplied.add(name);
      if (mixins !== undefined && !modules.some((mixin) => mixins.some((m) => m.name === mixin.name))) modules.push(...mixins);
      return undefined;
    }
    if (name.includes('.')) {
      if (args.length < 1) return 'Module config specified without value';
      notApplied.add(name);
      return undefined;
    }
    if (name === 'sentinel') return args.length === 0 ? undefined : 'sentinel directive while not in sentinel mode';
    return 'Bad directive or wrong number of arguments';
  }
}

let redisParameters: Set<string> | undefined;

/** Whether Redis 7.0 itself has the parameter (a module may define more). */
function isRedisParameter(name: string): boolean {
  if (redisParameters === undefined) {
    const bare = new FakeServer({ profile: serverProfile('redis', '7.0') });
    redisParameters = new Set([...bare.config.entries()].map(([parameter]) => parameter.name));
    bare.close();
  }
  return redisParameters.has(name);
}
