import type { FakeServer } from '../../server.js';
import { valkeyInfoFieldsSince } from '../../profile-valkey.js';
import { addInfoFields, type ModuleInfoField } from './info.js';

/**
 * The INFO fields Valkey added to Redis 7.2's (server.c's genValkeyInfoString), each after
 * the field it follows there; which version has which is profile-valkey.ts's. Counters of
 * machinery the fake has not (I/O threads, cluster slot migration, the replication buffer
 * shared with replicas) stay 0.
 */
export function installValkeyInfo(server: FakeServer): void {
  const has = valkeyInfoFieldsSince(server.profile);
  if (has === undefined) return;
  const add = (section: string, fields: () => ModuleInfoField[]) =>
    addInfoFields(server, section, () => fields().filter(([name]) => has(name)));
  add('clients', () => {
    const pause = server.clientPause;
    const remaining = pause === undefined ? 0 : Math.max(0, pause.end - server.clock.now());
    const paused = pause !== undefined && remaining > 0;
    return [
      ['paused_reason', paused ? 'client_pause' : 'none', 'total_blocking_keys_on_nokey'],
      ['paused_actions', paused ? pause.type : 'none', 'paused_reason'],
      ['paused_timeout_milliseconds', paused ? remaining : 0, 'paused_actions'],
    ];
  });
  add('memory', () => [
    ['mem_replicas_repl_buffer', 0, 'mem_total_replication_buffers'],
    ['mem_cluster_slot_import', 0, 'mem_cluster_links'],
    ['mem_cluster_slot_export', 0, 'mem_cluster_slot_import'],
  ]);
  add('persistence', () => [['slot_migration_fork_in_progress', 0, 'module_fork_last_cow_size']]);
  add('stats', () => [
    ['total_net_cluster_slot_import_bytes', 0, 'total_net_repl_output_bytes'],
    ['total_net_cluster_slot_export_bytes', 0, 'total_net_cluster_slot_import_bytes'],
    // Valkey 9's hash field expiry counts expired fields here (Redis's expired_subkeys).
    ['expired_fields', server.stats.expiredSubkeys, 'expired_keys'],
    ['expired_keys_with_volatile_items_stale_perc', '0.00', 'expired_stale_perc'],
    ['io_threaded_freed_objects', 0, 'io_threaded_writes_processed'],
    ['io_threaded_accept_processed', 0, 'io_threaded_freed_objects'],
    ['io_threaded_poll_processed', 0, has('io_threaded_accept_processed') ? 'io_threaded_accept_processed' : 'io_threaded_freed_objects'],
    ['acl_access_denied_db', 0, 'acl_access_denied_tls_cert'],
  ]);
  add('replication', () => [['replicas_waiting_psync', 0, 'connected_slaves']]);
  // The main thread's time spent on events, which the fake does not measure.
  add('cpu', () => [['used_active_time_main_thread', '0.000000', 'used_cpu_user_main_thread']]);
}
