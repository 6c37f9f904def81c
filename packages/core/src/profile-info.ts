import { compareVersions } from './metadata/index.js';

/**
 * INFO fields and sections Redis added after 7.0, with the version that added them
 * (checked on redis-server 7.0.15, 7.2.4, 7.4.1, 8.0.6 and 8.6.3: none was removed or
 * moved, so one order, the newest, holds for every version). The INFO code prints all of
 * them; a profile keeps those its version has. Fields a module prints decide themselves
 * (evicted_scripts by the scripting module, 7.2's acl_access_denied_* by the ACL state).
 */
const LATER_FIELDS: ReadonlyArray<readonly [since: string, fields: readonly string[]]> = [
  ['7.2.0', [
    'total_blocking_keys', 'total_blocking_keys_on_nokey', 'eventloop_cycles', 'eventloop_duration_sum', 'eventloop_duration_cmd_sum',
    'instantaneous_eventloop_cycles_per_sec', 'instantaneous_eventloop_duration_usec',
  ]],
  ['7.4.0', [
    'pubsub_clients', 'watching_clients', 'total_watched_keys', 'allocator_muzzy', 'mem_overhead_db_hashtable_rehashing',
    'expired_subkeys', 'client_query_buffer_limit_disconnections', 'client_output_buffer_limit_disconnections',
  ]],
  ['8.0.0', ['mem_replica_full_sync_buffer']],
  ['8.6.0', [
    'used_memory_peak_time', 'mem_cluster_slot_migration_output_buffer', 'mem_cluster_slot_migration_input_buffer',
    'mem_cluster_slot_migration_input_buffer_peak', 'rdb_saves_consecutive_failures', 'expired_subkeys_active', 'expired_keys_active',
    'io_threaded_total_prefetch_batches', 'io_threaded_total_prefetch_entries', 'acl_access_denied_tls_cert',
  ]],
];

/** Sections added after 7.0 (keyspace's `subexpiry` count came with 7.4's field TTLs). */
const LATER_SECTIONS: ReadonlyArray<readonly [since: string, sections: readonly string[]]> = [
  ['8.0.0', ['threads', 'keysizes']],
  ['8.6.0', ['hotkeys']],
];

/** Every field some version added after 7.0. */
export const LATER_INFO_FIELDS: ReadonlySet<string> = new Set(LATER_FIELDS.flatMap(([, fields]) => fields));

/** What INFO shows of a Redis version's later fields and sections (`layout`: the Redis version whose INFO it has). */
export interface InfoLayout {
  /** The later fields the version has (LATER_INFO_FIELDS less those it lacks). */
  readonly fields: ReadonlySet<string>;
  /** Later sections, true when present. */
  readonly sections: Readonly<Record<string, boolean>>;
  /** keyspace's dbN lines end with `subexpiry=` (7.4+). */
  readonly keyspaceSubexpiry: boolean;
}

export function infoLayout(layout: string): InfoLayout {
  const at = (since: string) => compareVersions(layout, since) >= 0;
  return {
    fields: new Set(LATER_FIELDS.filter(([since]) => at(since)).flatMap(([, fields]) => fields)),
    sections: Object.fromEntries(LATER_SECTIONS.flatMap(([since, names]) => names.map((name) => [name, at(since)]))),
    keyspaceSubexpiry: at('7.4.0'),
  };
}
