import { arch, release, totalmem, type } from 'node:os';
import type { Database } from '../../database.js';
import type { RedisValue } from '../../values/object.js';
import { MutableString } from '../../values/string.js';
import type { FakeServer } from '../../server.js';
import { type ReplicationView, replicationView } from '../../replication/view.js';
import { identityOf } from '../../profile.js';
import { CONFIG_FILE } from '../../config/special.js';
import { evictionExceededTime } from '../../evict.js';
import { migrateCachedSockets } from '../keyspace/migrate-socket.js';
import { latencyStatsFields } from './latency.js';
import { modulesInfoFields } from './module.js';
import { bytesToHuman, estimateMemory } from './memory-estimate.js';
import { rdbInfoFields } from './persistence.js';
import { aofEnabledInfoFields, aofInfoFields } from './aof.js';
import { replicaOf, type ReplicationReplica } from '../../replication/replica.js';
import { failoverStateName, goodReplicas, replicaInfoLines, replicationMaster, replicationMemory, replicationMemoryNotCounted } from '../../replication/master.js';

/**
 * The fields of each INFO section, in Redis 7.0's order and format. Counters come from
 * the server's state; figures a fake has no real source for (memory, CPU, replication
 * offsets) are estimates or the values an idle, standalone, non-persisting server shows.
 */
export type InfoField = [name: string, value: string | number];


const seconds = (us: number) => `${Math.floor(us / 1e6)}.${String(Math.floor(us % 1e6)).padStart(6, '0')}`;

function server(s: FakeServer): InfoField[] {
  const now = s.clock.now();
  const uptime = Math.floor((now - s.startedAt) / 1000);
  const hz = s.config.getNumber('hz');
  const fields: InfoField[] = [];
  const layout = s.profile.infoServer;
  for (const [name, value] of s.profile.infoIdentity) fields.push([name, value]);
  fields.push(
    ['redis_git_sha1', '00000000'],
    ['redis_git_dirty', 0],
    ['redis_build_id', '0000000000000000'],
    [identityOf(s).modeField, s.config.getBoolean('cluster-enabled') ? 'cluster' : 'standalone'],
    ['os', `${type()} ${release()} ${arch() === 'x64' ? 'x86_64' : arch()}`],
    ['arch_bits', 64],
  );
  if (layout.monotonicClock) fields.push(['monotonic_clock', 'POSIX clock_gettime']);
  fields.push(['multiplexing_api', 'epoll']);
  if (layout.atomicvarApi !== undefined) fields.push(['atomicvar_api', layout.atomicvarApi]);
  fields.push(
    ['gcc_version', '0.0.0'],
    ['process_id', process.pid],
    ['process_supervised', 'no'],
    ['run_id', s.runId],
    ['tcp_port', s.config.get('port')],
    ['server_time_usec', Math.floor(now * 1000)],
    ['uptime_in_seconds', uptime],
    ['uptime_in_days', Math.floor(uptime / 86400)],
    ['hz', hz],
    ['configured_hz', hz],
  );
  // clientsCronRun's rate: hz, unless many clients made it run faster (not modelled).
  if (layout.clientsHz === true) fields.push(['clients_hz', Math.floor(1000 / Math.floor(1000 / hz))]);
  fields.push(
    ['lru_clock', Math.floor(now / 1000) & 0xffffff],
    ['executable', process.argv[1] ?? process.execPath],
    ['config_file', s.moduleState(CONFIG_FILE).current?.path ?? ''],
  );
  if (layout.ioThreadsActive) fields.push(['io_threads_active', 0]);
  if (layout.availabilityZone) fields.push(['availability_zone', s.config.get('availability-zone')]);
  if (layout.listeners) fields.push(...listenerFields(s));
  if (layout.features !== undefined) fields.push(['features', layout.features]);
  return fields;
}

/** connection.c's getListensInfoString: the TCP listener (when port is not 0), then the Unix socket's. */
function listenerFields(s: FakeServer): InfoField[] {
  const fields: InfoField[] = [];
  const port = s.config.get('port');
  if (port !== '0') fields.push(['listener0', `name=tcp,${s.config.get('bind').split(' ').filter((a) => a !== '').map((a) => `bind=${a}`).join(',')},port=${port}`]);
  const unix = s.config.get('unixsocket');
  if (unix !== '') fields.push(['listener1', `name=unix,bind=${unix}`]);
  return fields;
}


/** Monitors are replicas to Redis, and replicas are not counted as connected clients. */
const connectedClients = (s: FakeServer) => s.clients.size - s.monitors.size - replicationMaster(s).replicas.length;

function clients(s: FakeServer): InfoField[] {
  let pubsubClients = 0;
  let watchingClients = 0;
  for (const client of s.clients.values()) {
    if (client.subscriptionCount + client.shardChannels.size > 0) pubsubClients++;
    if (client.watched.length > 0) watchingClients++;
  }
  let watchedKeys = 0;
  let blockingKeys = 0;
  let blockingKeysOnNoKey = 0;
  for (const db of s.databases) {
    watchedKeys += db.watchers.size;
    blockingKeys += db.blockingKeys.size;
    for (const waiting of db.blockingKeys.values()) {
      for (const client of waiting) {
        if (client.blocked?.request.unblockOnNoKey === true) {
          blockingKeysOnNoKey++;
          break;
        }
      }
    }
  }
  return [
    ['connected_clients', connectedClients(s)],
    ['cluster_connections', 0],
    ['maxclients', s.config.get('maxclients')],
    ['client_recent_max_input_buffer', s.clientsCron.recentMaxInputBuffer],
    ['client_recent_max_output_buffer', s.clientsCron.recentMaxOutputBuffer],
    ['blocked_clients', s.blocking.blockedClients],
    ['tracking_clients', 0],
    ['pubsub_clients', pubsubClients],
    ['watching_clients', watchingClients],
    ['clients_in_timeout_table', s.blocking.clientsWithTimeout],
    ['total_watched_keys', watchedKeys],
    ['total_blocking_keys', blockingKeys],
    ['total_blocking_keys_on_nokey', blockingKeysOnNoKey],
    ...(s.profile.serverType === 'valkey' && s.versionAtLeast('8.1.0') ? pausedFields(s) : []),
  ];
}

const PAUSED_REASONS = [['client', 'client_pause'], ['shutdown', 'shutdown_in_progress'], ['failover', 'failover_in_progress']] as const;

/**
 * Valkey 8.1's paused_reason, paused_actions and paused_timeout_milliseconds: the pause in
 * force, and the purpose that holds it longest (getPausedActionTimeout; an endless pause
 * counts to LLONG_MAX). The fake's own MIGRATE pause has no reason Valkey could name.
 */
function pausedFields(s: FakeServer): InfoField[] {
  const pause = s.clientsPaused() ? s.clientPause : undefined;
  if (pause === undefined) return [['paused_reason', 'none'], ['paused_actions', 'none'], ['paused_timeout_milliseconds', 0]];
  const now = s.clock.now();
  let reason = 'none';
  let timeout = 0n;
  for (const [purpose, name] of PAUSED_REASONS) {
    const held = s.pauses.get(purpose);
    if (held === undefined || (pause.type === 'all' && held.type !== 'all')) continue;
    const left = held.end === Number.MAX_SAFE_INTEGER ? 2n ** 63n - 1n - BigInt(Math.floor(now)) : BigInt(Math.floor(held.end - now));
    if (left > timeout) [reason, timeout] = [name, left];
  }
  return [['paused_reason', reason], ['paused_actions', pause.type], ['paused_timeout_milliseconds', timeout.toString()]];
}

const ratio = (a: number, b: number) => (b === 0 ? '0.00' : (a / b).toFixed(2));

function memory(s: FakeServer): InfoField[] {
  const m = estimateMemory(s);
  const repl = replicationMemory(s);
  const peak = m.peak;
  // The emulated server's resident size is its estimate: no fragmentation to report.
  const rss = m.used;
  const maxmemory = BigInt(s.config.get('maxmemory'));
  const total = totalmem();
  const netOfStartup = m.used - m.startup;
  return [
    ['used_memory', m.used],
    ['used_memory_human', bytesToHuman(m.used)],
    ['used_memory_rss', rss],
    ['used_memory_rss_human', bytesToHuman(rss)],
    ['used_memory_peak', peak],
    ['used_memory_peak_human', bytesToHuman(peak)],
    ['used_memory_peak_time', m.peakTime],
    ['used_memory_peak_perc', `${((m.used / peak) * 100).toFixed(2)}%`],
    ['used_memory_overhead', m.overhead],
    ['used_memory_startup', m.startup],
    ['used_memory_dataset', m.dataset],
    ['used_memory_dataset_perc', `${(netOfStartup === 0 ? 0 : (m.dataset * 100) / netOfStartup).toFixed(2)}%`],
    ['allocator_allocated', m.used],
    ['allocator_active', m.used],
    ['allocator_resident', rss],
    ['allocator_muzzy', 0],
    ['total_system_memory', total],
    ['total_system_memory_human', bytesToHuman(total)],
    ['used_memory_lua', 32768],
    ['used_memory_vm_eval', 32768],
    ['used_memory_lua_human', bytesToHuman(32768)],
    ['used_memory_scripts_eval', 0],
    ['number_of_cached_scripts', 0],
    ['number_of_functions', 0],
    ['number_of_libraries', 0],
    ['used_memory_vm_functions', 32768],
    ['used_memory_vm_total', 65536],
    ['used_memory_vm_total_human', bytesToHuman(65536)],
    ['used_memory_functions', 200],
    ['used_memory_scripts', 200],
    ['used_memory_scripts_human', '200B'],
    ['maxmemory', maxmemory.toString()],
    ['maxmemory_human', bytesToHuman(Number(maxmemory))],
    ['maxmemory_policy', s.config.get('maxmemory-policy')],
    ['allocator_frag_ratio', '1.00'],
    ['allocator_frag_bytes', 0],
    ['allocator_rss_ratio', ratio(rss, m.used)],
    ['allocator_rss_bytes', rss - m.used],
    ['rss_overhead_ratio', '1.00'],
    ['rss_overhead_bytes', 0],
    ['mem_fragmentation_ratio', ratio(rss, m.used)],
    ['mem_fragmentation_bytes', rss - m.used],
    ['mem_not_counted_for_evict', replicationMemoryNotCounted(s)],
    ['mem_replication_backlog', repl.backlog],
    ['mem_total_replication_buffers', repl.buffers],
    ['mem_replica_full_sync_buffer', 0],
    ['mem_clients_slaves', repl.replicas],
    ['mem_clients_normal', m.clients],
    ['mem_cluster_slot_migration_output_buffer', 0],
    ['mem_cluster_slot_migration_input_buffer', 0],
    ['mem_cluster_slot_migration_input_buffer_peak', 0],
    ['mem_cluster_links', 0],
    ['mem_aof_buffer', 0],
    ['mem_allocator', 'jemalloc-5.3.0'],
    ['mem_overhead_db_hashtable_rehashing', 0],
    ['active_defrag_running', 0],
    ['lazyfree_pending_objects', 0],
    ['lazyfreed_objects', s.lazyfreedObjects],
  ];
}

function persistence(s: FakeServer): InfoField[] {
  return [
    ['loading', 0],
    ['async_loading', 0],
    ['current_cow_peak', 0],
    ['current_cow_size', 0],
    ['current_cow_size_age', 0],
    ['current_fork_perc', '0.00'],
    ['current_save_keys_processed', 0],
    ['current_save_keys_total', 0],
    ...rdbInfoFields(s),
    ...aofInfoFields(s),
    ['module_fork_in_progress', 0],
    ['module_fork_last_cow_size', 0],
    ...aofEnabledInfoFields(s),
  ];
}

function pubsubCounts(s: FakeServer): { channels: number; patterns: number; shard: number } {
  return { channels: s.pubsub.channelCount, patterns: s.pubsub.patternCount, shard: s.pubsub.shardChannelCount };
}

function stats(s: FakeServer): InfoField[] {
  const st = s.stats;
  const pubsub = pubsubCounts(s);
  const exceeded = evictionExceededTime(s);
  const master = replicationMaster(s);
  return [
    ['total_connections_received', st.totalConnections],
    ['total_commands_processed', st.totalCommands],
    ['instantaneous_ops_per_sec', 0],
    ['total_net_input_bytes', st.netInputBytes],
    ['total_net_output_bytes', st.netOutputBytes],
    ['total_net_repl_input_bytes', 0],
    ['total_net_repl_output_bytes', st.netReplOutputBytes],
    ['instantaneous_input_kbps', '0.00'],
    ['instantaneous_output_kbps', '0.00'],
    ['instantaneous_input_repl_kbps', '0.00'],
    ['instantaneous_output_repl_kbps', '0.00'],
    ['rejected_connections', st.rejectedConnections],
    ['sync_full', master.syncFull],
    ['sync_partial_ok', master.syncPartialOk],
    ['sync_partial_err', master.syncPartialErr],
    ['expired_subkeys', st.expiredSubkeys],
    ['expired_subkeys_active', st.expiredSubkeysActive],
    ['expired_keys', st.expiredKeys],
    ['expired_keys_active', st.expiredKeysActive],
    ['expired_stale_perc', '0.00'],
    ['expired_time_cap_reached_count', 0],
    ['expire_cycle_cpu_milliseconds', 0],
    ['evicted_keys', st.evictedKeys],
    ['evicted_clients', s.clientsCron.evictedClients],
    ['total_eviction_exceeded_time', exceeded.total],
    ['current_eviction_exceeded_time', exceeded.current],
    ['keyspace_hits', st.keyspaceHits],
    ['keyspace_misses', st.keyspaceMisses],
    ['pubsub_channels', pubsub.channels],
    ['pubsub_patterns', pubsub.patterns],
    ['pubsubshard_channels', pubsub.shard],
    ['latest_fork_usec', 0],
    ['total_forks', 0],
    ['migrate_cached_sockets', migrateCachedSockets(s)],
    ['slave_expires_tracked_keys', 0],
    ['active_defrag_hits', 0],
    ['active_defrag_misses', 0],
    ['active_defrag_key_hits', 0],
    ['active_defrag_key_misses', 0],
    ['total_active_defrag_time', 0],
    ['current_active_defrag_time', 0],
    ['tracking_total_keys', 0],
    ['tracking_total_items', 0],
    ['tracking_total_prefixes', 0],
    ['unexpected_error_replies', 0],
    ['total_error_replies', st.totalErrorReplies],
    ['dump_payload_sanitizations', st.dumpPayloadSanitizations],
    // One read and one write event per command is what an unpipelined client causes.
    ['total_reads_processed', st.totalCommands],
    ['total_writes_processed', st.totalCommands],
    ['io_threaded_reads_processed', 0],
    ['io_threaded_writes_processed', 0],
    ['io_threaded_total_prefetch_batches', 0],
    ['io_threaded_total_prefetch_entries', 0],
    ['client_query_buffer_limit_disconnections', st.queryBufferLimitDisconnections],
    ['client_output_buffer_limit_disconnections', st.outputBufferLimitDisconnections],
    ['reply_buffer_shrinks', 0],
    ['reply_buffer_expands', 0],
    // The event loop's cycles and durations measure the machine: one cycle per command here.
    ['eventloop_cycles', st.totalCommands],
    ['eventloop_duration_sum', 0],
    ['eventloop_duration_cmd_sum', 0],
    ['instantaneous_eventloop_cycles_per_sec', 0],
    ['instantaneous_eventloop_duration_usec', 0],
  ];
}

/** Redis 8's INFO threads: the main thread's clients, reads and writes (no I/O threads run). */
function threads(s: FakeServer): InfoField[] {
  return [['io_thread_0', `clients=${connectedClients(s)},reads=${s.stats.totalCommands},writes=${s.stats.totalCommands}`]];
}

function replication(s: FakeServer): InfoField[] {
  const view = replicationView(s);
  if (view !== undefined) return viewReplication(s, view);
  const master = replicationMaster(s);
  const replica = replicaOf(s);
  const fields: InfoField[] = replica === undefined ? [['role', 'master']] : replicaInfo(s, replica);
  fields.push(['connected_slaves', master.replicas.length]);
  if (s.config.getNumber('min-replicas-to-write') !== 0 && s.config.getNumber('min-replicas-max-lag') !== 0) {
    fields.push(['min_slaves_good_slaves', goodReplicas(s)]);
  }
  replicaInfoLines(s).forEach((line, i) => fields.push([`slave${i}`, line]));
  const backlog = master.backlog;
  fields.push(
    ['master_failover_state', failoverStateName(s)],
    ['master_replid', s.replicationId],
    ['master_replid2', master.replid2],
    ['master_repl_offset', s.masterReplOffset],
    ['second_repl_offset', master.secondReplidOffset],
    ['repl_backlog_active', backlog !== undefined ? 1 : 0],
    ['repl_backlog_size', s.config.get('repl-backlog-size')],
    ['repl_backlog_first_byte_offset', backlog?.offset ?? 0],
    ['repl_backlog_histlen', backlog?.histlen ?? 0],
  );
  return fields;
}

/**
 * INFO replication of a server whose replication a module runs (replicationView): a replica
 * with its link up and nothing pending (or down), a master with its online replicas, both with the
 * backlog that holds the whole stream (created at the first replica, from offset 1).
 */
function viewReplication(s: FakeServer, view: ReplicationView): InfoField[] {
  const fields: InfoField[] = [];
  if (view.master === undefined) fields.push(['role', 'master']);
  else {
    const downSince = view.master.linkDownSince;
    fields.push(
      ['role', 'slave'],
      ['master_host', view.master.host],
      ['master_port', view.master.port],
      ['master_link_status', downSince === undefined ? 'up' : 'down'],
      ['master_last_io_seconds_ago', downSince === undefined ? 0 : -1],
      ['master_sync_in_progress', 0],
      ['slave_read_repl_offset', view.offset],
      ['slave_repl_offset', view.offset],
    );
    if (downSince !== undefined) fields.push(['master_link_down_since_seconds', Math.floor((s.clock.now() - downSince) / 1000)]);
    fields.push(
      ['slave_priority', s.config.getNumber('replica-priority')],
      ['slave_read_only', s.config.getBoolean('replica-read-only') ? 1 : 0],
      ['replica_announced', s.config.getBoolean('replica-announced') ? 1 : 0],
    );
  }
  fields.push(['connected_slaves', view.replicas.length]);
  view.replicas.forEach((r, i) => fields.push([`slave${i}`, `ip=${r.ip},port=${r.port},state=online,offset=${r.offset},lag=0`]));
  const active = view.offset !== 0;
  fields.push(
    ['master_failover_state', 'no-failover'],
    ['master_replid', s.replicationId],
    ['master_replid2', '0000000000000000000000000000000000000000'],
    ['master_repl_offset', view.offset],
    ['second_repl_offset', -1],
    ['repl_backlog_active', active ? 1 : 0],
    ['repl_backlog_size', s.config.get('repl-backlog-size')],
    ['repl_backlog_first_byte_offset', active ? 1 : 0],
    ['repl_backlog_histlen', active ? view.offset : 0],
  );
  return fields;
}

/** The slave part of INFO replication (genRedisInfoString with server.masterhost set). */
function replicaInfo(s: FakeServer, replica: ReplicationReplica): InfoField[] {
  const now = Math.floor(s.clock.now() / 1000);
  const connected = replica.masterClient !== undefined;
  const fields: InfoField[] = [
    ['role', 'slave'],
    ['master_host', replica.host],
    ['master_port', replica.port],
    ['master_link_status', replica.state === 'connected' ? 'up' : 'down'],
    ['master_last_io_seconds_ago', connected ? now - replica.lastIo : -1],
    ['master_sync_in_progress', replica.state === 'sync' ? 1 : 0],
    // Without a master client, the offsets of the cached one (this server's own at REPLICAOF).
    ['slave_read_repl_offset', replica.readOffset],
    ['slave_repl_offset', replica.offset],
  ];
  if (replica.state === 'sync') {
    const size = replica.transferSize;
    fields.push(
      ['master_sync_total_bytes', size],
      ['master_sync_read_bytes', replica.transferRead],
      ['master_sync_left_bytes', size - replica.transferRead],
      ['master_sync_perc', (size !== 0 ? (replica.transferRead / size) * 100 : 0).toFixed(2)],
      ['master_sync_last_io_seconds_ago', now - replica.transferLastIo],
    );
  }
  if (replica.state !== 'connected') fields.push(['master_link_down_since_seconds', replica.downSince !== 0 ? now - replica.downSince : -1]);
  fields.push(
    ['slave_priority', s.config.getNumber('replica-priority')],
    ['slave_read_only', s.config.getBoolean('replica-read-only') ? 1 : 0],
    ['replica_announced', s.config.getBoolean('replica-announced') ? 1 : 0],
  );
  return fields;
}

function cpu(): InfoField[] {
  const usage = process.cpuUsage();
  return [
    ['used_cpu_sys', seconds(usage.system)],
    ['used_cpu_user', seconds(usage.user)],
    ['used_cpu_sys_children', '0.000000'],
    ['used_cpu_user_children', '0.000000'],
    ['used_cpu_sys_main_thread', seconds(usage.system)],
    ['used_cpu_user_main_thread', seconds(usage.user)],
  ];
}

function commandstats(s: FakeServer): InfoField[] {
  const fields: InfoField[] = [];
  for (const entry of s.commands.all()) {
    const { calls, usec, rejectedCalls, failedCalls } = entry.stats;
    if (!calls && !rejectedCalls && !failedCalls) continue;
    const perCall = calls === 0 ? 0 : usec / calls;
    fields.push([
      `cmdstat_${entry.fullName}`,
      `calls=${calls},usec=${usec},usec_per_call=${perCall.toFixed(2)},rejected_calls=${rejectedCalls},failed_calls=${failedCalls}`,
    ]);
  }
  return fields;
}

function errorstats(s: FakeServer): InfoField[] {
  return [...s.stats.errors.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, count]) => [`errorstat_${code}`, `count=${count}`]);
}

/** Latency percentiles per command, from its latency histogram (latency.ts). */
function latencystats(s: FakeServer): InfoField[] {
  return latencyStatsFields(s);
}

/** Keys looked at for avg_ttl: Redis also estimates it from samples, not from every key. */
const TTL_SAMPLE_LIMIT = 20_000;

/** The mean remaining TTL in ms of a database's volatile keys, from up to a bounded sample. */
function averageTtl(db: Database, now: number): number {
  if (db.volatileSize === 0) return 0;
  let sum = 0;
  let count = 0;
  let visited = 0;
  for (const key of db.keys()) {
    if (++visited > TTL_SAMPLE_LIMIT) break;
    const at = db.peek(key)?.expiresAt ?? 0;
    if (at === 0 || at <= now) continue;
    sum += at - now;
    count++;
  }
  return count === 0 ? 0 : Math.floor(sum / count);
}

function keyspace(s: FakeServer): InfoField[] {
  const now = s.clock.now();
  // KeyDB counts the keys cached in memory (all of them without FLASH storage).
  const cached = s.profile.infoSections.keydb === true;
  const subexpiry = s.profile.info.keyspaceSubexpiry;
  return s.databases
    .filter((db) => db.size > 0)
    .map((db) => [
      `db${db.index}`,
      `keys=${db.size},expires=${db.volatileSize},avg_ttl=${averageTtl(db, now)}${subexpiry ? `,subexpiry=${db.subkeyExpiringKeys}` : ''}${cached ? `,cached_keys=${db.size}` : ''}`,
    ]);
}

const KEYSIZES_TYPES: Readonly<Record<string, string>> = { list: 'lists', set: 'sets', zset: 'zsets', hash: 'hashes' };

/** The keysizes histogram a value falls in and its size: a string's length, a collection's element count; none for other types. */
function keySize(value: RedisValue): [string, number] | undefined {
  if (typeof value === 'string' || value instanceof MutableString) return ['strings', value.length];
  const histogram = KEYSIZES_TYPES[value.type];
  const count = value.itemCount?.();
  return histogram === undefined || count === undefined ? undefined : [histogram, count];
}

/** Redis 8's INFO keysizes: per database and type, keys by the power of two at or below their length (strings) or element count. */
function keysizes(s: FakeServer): InfoField[] {
  const fields: InfoField[] = [];
  for (const db of s.databases) {
    if (db.size === 0) continue;
    const bins: Record<string, Map<number, number>> = { strings: new Map(), lists: new Map(), sets: new Map(), zsets: new Map(), hashes: new Map() };
    for (const key of db.keys()) {
      const value = db.peek(key)?.value;
      if (value === undefined) continue;
      const sized = keySize(value);
      if (sized === undefined) continue;
      const bin = sized[1] === 0 ? 0 : 2 ** Math.floor(Math.log2(sized[1]));
      const counts = bins[sized[0]] as Map<number, number>;
      counts.set(bin, (counts.get(bin) ?? 0) + 1);
    }
    for (const [type, counts] of Object.entries(bins)) {
      if (counts.size === 0) continue;
      const text = [...counts].sort(([a], [b]) => a - b).map(([bin, n]) => `${bin}=${n}`).join(',');
      fields.push([`db${db.index}_distrib_${type}_${type === 'strings' ? 'sizes' : 'items'}`, text]);
    }
  }
  return fields;
}

/** KeyDB's own section: its MVCC snapshot depth (0: no snapshot open, as nothing forks here). */
function keydb(): InfoField[] {
  return [['mvcc_depth', 0]];
}

export const INFO_SECTIONS: Record<string, (s: FakeServer) => InfoField[]> = {
  server,
  clients,
  memory,
  persistence,
  stats,
  replication,
  cpu,
  modules: modulesInfoFields,
  commandstats,
  errorstats,
  latencystats,
  cluster: (s) => [['cluster_enabled', s.config.getBoolean('cluster-enabled') ? 1 : 0]],
  keyspace,
  keydb,
  threads,
  // Redis 8.6's hot-key tracking (HOTKEYS) is not modelled: its section stays empty, as when tracking is off.
  hotkeys: () => [],
  keysizes,
};
