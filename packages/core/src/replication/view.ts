import type { FakeServer } from '../server.js';

/** A server's replication as a module runs it (a cluster's nodes in one process). */
export interface ReplicationView {
  /** The master this server replicates, its link up, or down since `linkDownSince` (ms, the server's clock). */
  master?: { host: string; port: number; linkDownSince?: number };
  /** Its replicas, online, with the offset each has. */
  replicas: ReadonlyArray<{ ip: string; port: number; offset: number }>;
  /** The replication offset: a master's own, a replica's applied one. */
  offset: number;
}

const views = new WeakMap<FakeServer, () => ReplicationView | undefined>();

/**
 * Replication that core's does not run: `view` tells ROLE, INFO replication and HELLO the
 * server's master and replicas (undefined leaves them to core's replication).
 */
export function setReplicationView(server: FakeServer, view: () => ReplicationView | undefined): void {
  views.set(server, view);
}

/** The replication a module runs for this server, if any. */
export function replicationView(server: FakeServer): ReplicationView | undefined {
  return views.get(server)?.();
}
