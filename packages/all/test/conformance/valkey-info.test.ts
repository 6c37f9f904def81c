import { referenceEnv, runReferenceScenarios } from '@fakeredis/tooling/conformance/reference';
import type { Scenario, Wire } from '@fakeredis/tooling/conformance';
import { FakeServer } from '../../src/index.js';
import { START_CONFIG } from './reference-config.js';

// Valkey's INFO fields (those of Redis 7.2 and 7.4 it has, and its own of 8.0, 8.1 and 9.0)
// against valkey-server binaries built locally (FAKEREDIS_VALKEY_8_0 / _8_1 / _9_1); a suite
// whose variable is unset is skipped.

const fake = (version: string) => (config: Record<string, string>) =>
  new FakeServer({ serverType: 'valkey', version, config: { ...config, ...START_CONFIG } });

/** Fields whose values are compared: Valkey's own, which a test on any machine sees alike. */
const STEADY = new Set([
  'paused_reason', 'paused_actions', 'replicas_waiting_psync', 'io_threaded_freed_objects', 'io_threaded_accept_processed', 'io_threaded_poll_processed',
  'io_threaded_total_prefetch_batches', 'io_threaded_total_prefetch_entries', 'mem_replicas_repl_buffer', 'mem_cluster_slot_import', 'mem_cluster_slot_export',
  'slot_migration_fork_in_progress', 'total_net_cluster_slot_import_bytes', 'total_net_cluster_slot_export_bytes', 'expired_fields',
  'expired_keys_with_volatile_items_stale_perc', 'acl_access_denied_db', 'pubsub_clients', 'watching_clients', 'total_watched_keys', 'total_blocking_keys',
  'total_blocking_keys_on_nokey', 'client_query_buffer_limit_disconnections', 'client_output_buffer_limit_disconnections', 'blocked_clients',
]);

/**
 * INFO with every field's name and place compared, and the values of STEADY fields; the
 * rest depend on the process, the machine, the time or the runner's own traffic. The
 * per-command, per-error and per-database lines are left out.
 */
const layout = {
  map: (reply: Wire): Wire => {
    const text = reply.t === 'bulk' ? reply.v : reply.t === 'verbatim' ? reply.v.slice(4) : undefined;
    if (text === undefined) return reply;
    const lines = text.split('\r\n')
      .filter((line) => !/^(cmdstat_|errorstat_|latency_percentiles_usec_|db\d+:)/.test(line))
      .map((line) => {
        const at = line.indexOf(':');
        return at < 0 || STEADY.has(line.slice(0, at)) ? line : `${line.slice(0, at)}:#`;
      });
    return { t: 'bulk', v: lines.join('\r\n') };
  },
};

const info = (...sections: string[]) => ({ cmd: ['INFO', ...sections], compare: layout });

const scenarios: Scenario[] = [
  {
    name: "INFO's fields in Valkey's order, with its own",
    steps: [info(), info('clients'), info('memory'), info('persistence'), info('stats'), info('replication'), info('cpu'), info('commandstats', 'errorstats', 'keyspace')],
  },
  {
    name: 'INFO clients while writes are paused (8.1: paused_reason, paused_actions)',
    steps: [['CLIENT', 'PAUSE', '100000', 'WRITE'], info('clients'), ['CLIENT', 'UNPAUSE'], info('clients')],
  },
];

for (const version of ['8.0', '8.1', '9.1']) {
  runReferenceScenarios(referenceEnv('valkey', version), `Valkey ${version} INFO`, { createServer: fake(version) }, scenarios);
}
