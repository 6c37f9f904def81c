import { choice, INT_MAX, LONG_MAX, numeric, text, yesNo } from './config/kinds.js';
import type { ConfigParameter } from './config/store.js';
import { ERR_NOT_ALLOWED_IN_MULTI } from './errors/index.js';
import { compareVersions } from './metadata/index.js';
import { ErrorReply } from './reply.js';
import { redisConfig, VALKEY_8_0_CONFIG, type ProfileConfig } from './profile-config.js';

/**
 * What each Valkey version changed in config.c after 8.0 (checked with CONFIG GET * and
 * CONFIG SET on valkey-server 8.1.1 and 9.1.2); a version has the changes of every entry
 * up to it. `removed` parameters are gone (their names now answer as unknown).
 */
const VALKEY_CONFIG_CHANGES: ReadonlyArray<readonly [since: string, changes: { renamed: ReadonlyArray<readonly [string, string]>; removed: readonly string[]; added: () => ConfigParameter[] }]> = [
  ['8.1.0', {
    // The slow log became the commandlog's `slow` type; the old names stay as aliases.
    renamed: [['commandlog-execution-slower-than', 'slowlog-log-slower-than'], ['commandlog-slow-execution-max-len', 'slowlog-max-len']],
    removed: ['dynamic-hz', 'io-threads-do-reads'],
    added: () => [
      numeric('active-defrag-cycle-us', '500', 'int', 0n, 100000n),
      numeric('cluster-manual-failover-timeout', '5000', 'longlong', 1n, INT_MAX),
      numeric('commandlog-large-reply-max-len', '128', 'ulong', 0n, LONG_MAX),
      numeric('commandlog-large-request-max-len', '128', 'ulong', 0n, LONG_MAX),
      numeric('commandlog-reply-larger-than', '1048576', 'longlong', -1n, LONG_MAX),
      numeric('commandlog-request-larger-than', '1048576', 'longlong', -1n, LONG_MAX),
      yesNo('import-mode', 'no'),
      choice('log-format', 'legacy', ['legacy', 'logfmt']),
      choice('log-timestamp-format', 'legacy', ['legacy', 'iso8601', 'milliseconds']),
      choice('rdb-version-check', 'strict', ['strict', 'relaxed']),
      text('rdma-bind', ''),
      numeric('rdma-completion-vector', '-1', 'int', -1n, 1024n, { immutable: true }),
      numeric('rdma-port', '0', 'int', 0n, 65535n),
      numeric('rdma-rx-size', '1048576', 'int', 65536n, 16777216n, { immutable: true }),
    ],
  }],
  ['9.1.0', {
    renamed: [],
    removed: ['events-per-io-thread', 'sanitize-dump-payload'],
    added: () => [
      numeric('cluster-announce-client-port', '0', 'int', 0n, 65535n),
      numeric('cluster-announce-client-tls-port', '0', 'int', 0n, 65535n),
      choice('cluster-config-save-behavior', 'sync', ['sync', 'best-effort']),
      choice('log-format', 'legacy', ['legacy', 'logfmt', 'json']),
      numeric('cluster-databases', '1', 'int', 1n, INT_MAX, { immutable: true }),
      numeric('cluster-message-gossip-perc', '10', 'int', 1n, 100n, { hidden: true }),
      numeric('cluster-slot-migration-log-max-len', '1000', 'ulong', 0n, LONG_MAX),
      text('hash-seed', '', { immutable: true }),
      yesNo('io-threads-always-active', 'no', { hidden: true }),
      { ...yesNo('lua-enable-insecure-api', 'no', { hidden: true, protected: true }), aliases: ['lua-enable-deprecated-api'] },
      numeric('min-io-threads-avoid-copy-reply', '7', 'int', 0n, INT_MAX, { hidden: true }),
      numeric('min-string-size-avoid-copy-reply', '16384', 'int', 0n, INT_MAX, { hidden: true }),
      numeric('min-string-size-avoid-copy-reply-threaded', '65536', 'int', 0n, INT_MAX, { hidden: true }),
      yesNo('mptcp', 'no', { immutable: true }),
      yesNo('repl-mptcp', 'no', { immutable: true }),
      numeric('slot-migration-max-failover-repl-bytes', '0', 'ssize_t', -1n, LONG_MAX, { memory: true, signedMemory: true }),
      choice('tls-auth-clients-user', 'off', ['CN', 'URI', 'off']),
      numeric('tls-auto-reload-interval', '0', 'int', 0n, INT_MAX),
    ],
  }],
];

const valkeyConfigs = new Map<string, ProfileConfig>();

/**
 * The configuration of a Valkey version (8.0 and later): Redis 7.2's changes, 8.0's renames,
 * defaults and additions, with each later entry of VALKEY_CONFIG_CHANGES up to it applied. From 9.x
 * CONFIG GET answers in name order (configGetCommand's qsort).
 */
export function valkeyConfig(version: string): ProfileConfig {
  let config = valkeyConfigs.get(version);
  if (config === undefined) {
    const applicable = VALKEY_CONFIG_CHANGES.filter(([since]) => compareVersions(version, since) >= 0).map(([, changes]) => changes);
    const removed = new Set(applicable.flatMap((c) => c.removed));
    // Valkey forked from Redis 7.2.4: its config changes (hidden aof-disable-auto-gc, locale-collate) come first.
    const redis72 = redisConfig('7.2.4');
    config = {
      renamed: [...VALKEY_8_0_CONFIG.renamed, ...applicable.flatMap((c) => c.renamed)],
      defaults: Object.fromEntries(Object.entries(VALKEY_8_0_CONFIG.defaults).filter(([name]) => !removed.has(name))),
      absent: [...removed],
      hidden: redis72.hidden ?? [],
      sortedGet: compareVersions(version, '9.0.0') >= 0,
      // A later definition of a name replaces the earlier one (9.x's log-format gained json).
      added: () => [...new Map([...redis72.added(), ...VALKEY_8_0_CONFIG.added(), ...applicable.flatMap((c) => c.added())].map((p) => [p.name, p])).values()]
        .filter((p) => !removed.has(p.name)),
    };
    valkeyConfigs.set(version, config);
  }
  return config;
}

/**
 * What Valkey changed in the slow log and its 8.1 command log (commandlog.c): from 8.0 a log of
 * max-len 0 is off and keeps its entries (Redis trims it to nothing); from 9.1 a script's
 * command is measured on the script's own client (no request bytes, its own reply's), before on
 * its caller (EVAL's request, no reply yet).
 */
export function commandlogRules(profile: ProfileKey): CommandlogRules {
  let rules = commandlogRuleCache.get(profile);
  if (rules === undefined) {
    const valkey = profile.serverType === 'valkey';
    rules = {
      offAtMaxLenZero: valkey && compareVersions(profile.version, '8.0.0') >= 0,
      measuresScriptClient: valkey && compareVersions(profile.version, '9.1.0') >= 0,
    };
    commandlogRuleCache.set(profile, rules);
  }
  return rules;
}

interface ProfileKey { readonly serverType: string; readonly version: string }
interface CommandlogRules { readonly offAtMaxLenZero: boolean; readonly measuresScriptClient: boolean }
/** Read on every command: made once per profile. */
const commandlogRuleCache = new WeakMap<ProfileKey, CommandlogRules>();

/** A no_multi command inside MULTI: Valkey 9.0 names it ("Command 'multi' not allowed ..."), earlier versions and Redis do not. */
export function errNotAllowedInMulti(profile: ProfileKey, fullName: string): ErrorReply {
  if (profile.serverType !== 'valkey' || compareVersions(profile.version, '9.0.0') < 0) return ERR_NOT_ALLOWED_IN_MULTI;
  return new ErrorReply(`ERR Command '${fullName}' not allowed inside a transaction`);
}

/**
 * The CLIENT LIST / CLIENT INFO fields Valkey added: tot-net-in, tot-net-out, tot-cmds (8.0),
 * capa (8.1); and from 8.1 multi=0 (not -1) once a MULTI or WATCH allocated the client's
 * transaction state, which it keeps.
 */
export function valkeyClientFields(profile: ProfileKey): { readonly netCounters: boolean; readonly capa: boolean; readonly multiStateKept: boolean } {
  const valkey = profile.serverType === 'valkey';
  const valkey81 = valkey && compareVersions(profile.version, '8.1.0') >= 0;
  return { netCounters: valkey && compareVersions(profile.version, '8.0.0') >= 0, capa: valkey81, multiStateKept: valkey81 };
}

/**
 * INFO fields of Valkey, by the version that added them: those of Redis 7.2 and 7.4 it has
 * (it forked from 7.2.4 and took 7.4's client and buffer counters, not its field TTLs), and its
 * own (server.c). Checked with INFO everything on valkey-server 8.0.1, 8.1.1 and 9.1.2.
 */
const VALKEY_INFO_FIELDS: ReadonlyArray<readonly [since: string, fields: readonly string[]]> = [
  ['8.0.0', [
    'total_blocking_keys', 'total_blocking_keys_on_nokey', 'eventloop_cycles', 'eventloop_duration_sum', 'eventloop_duration_cmd_sum',
    'instantaneous_eventloop_cycles_per_sec', 'instantaneous_eventloop_duration_usec', 'pubsub_clients', 'watching_clients', 'total_watched_keys',
    'allocator_muzzy', 'mem_overhead_db_hashtable_rehashing', 'client_query_buffer_limit_disconnections', 'client_output_buffer_limit_disconnections',
    'io_threaded_total_prefetch_batches', 'io_threaded_total_prefetch_entries', 'io_threaded_freed_objects', 'io_threaded_poll_processed', 'replicas_waiting_psync',
  ]],
  ['8.1.0', ['paused_reason', 'paused_actions', 'paused_timeout_milliseconds', 'io_threaded_accept_processed']],
  ['9.0.0', [
    'mem_replicas_repl_buffer', 'mem_cluster_slot_import', 'mem_cluster_slot_export', 'slot_migration_fork_in_progress', 'total_net_cluster_slot_import_bytes',
    'total_net_cluster_slot_export_bytes', 'expired_fields', 'expired_keys_with_volatile_items_stale_perc', 'acl_access_denied_tls_cert', 'acl_access_denied_db',
    'used_active_time_main_thread',
  ]],
];

const valkeyInfoCache = new WeakMap<ProfileKey, ReadonlySet<string>>();

/** The INFO fields (of VALKEY_INFO_FIELDS) a Valkey version prints; undefined for other servers and Valkey before 8.0. */
export function valkeyInfoFields(profile: ProfileKey): ReadonlySet<string> | undefined {
  if (profile.serverType !== 'valkey' || compareVersions(profile.version, '8.0.0') < 0) return undefined;
  let fields = valkeyInfoCache.get(profile);
  if (fields === undefined) {
    fields = new Set(VALKEY_INFO_FIELDS.filter(([since]) => compareVersions(profile.version, since) >= 0).flatMap(([, names]) => names));
    valkeyInfoCache.set(profile, fields);
  }
  return fields;
}

/** A test of whether the profile prints a field of VALKEY_INFO_FIELDS (undefined: not a Valkey 8.0+ profile). */
export function valkeyInfoFieldsSince(profile: ProfileKey): ((name: string) => boolean) | undefined {
  const fields = valkeyInfoFields(profile);
  return fields === undefined ? undefined : (name) => fields.has(name);
}
