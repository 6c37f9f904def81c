import type { FakeServer } from '../../server.js';
import { CLIENT_MEMORY_ESTIMATE, DICT_ENTRY_SIZE, dictSlots, POINTER_SIZE, ROBJ_SIZE, USED_MEMORY_STARTUP } from '../../values/memory.js';

export { keyMemoryUsage, stringValueSize, USED_MEMORY_STARTUP } from '../../values/memory.js';

/**
 * Memory figures as a 64-bit Redis 7.0 with jemalloc would report them. used_memory is
 * the server's own accounting (FakeServer.usedMemory: every key as MEMORY USAGE sizes
 * it, the tables, the clients); the overhead is split out as Redis's
 * getMemoryOverheadData does.
 */

export interface DatabaseOverhead {
  index: number;
  main: number;
  expires: number;
}

export interface MemoryFigures {
  used: number;
  peak: number;
  /** When the peak was reached (seconds). */
  peakTime: number;
  startup: number;
  dataset: number;
  overhead: number;
  clients: number;
  keys: number;
  databases: DatabaseOverhead[];
}


/**
 * Server-wide figures: used memory as the server accounts it; the overhead (start-up
 * memory, clients, each database's tables as Redis counts them, robj headers included)
 * and the dataset (the rest). The peak is the highest figure seen so far.
 */
export function estimateMemory(server: FakeServer): MemoryFigures {
  let keys = 0;
  const databases: DatabaseOverhead[] = [];
  for (const db of server.databases) {
    if (db.size === 0) continue;
    keys += db.size;
    databases.push({
      index: db.index,
      main: db.size * (DICT_ENTRY_SIZE + ROBJ_SIZE) + dictSlots(db.size) * POINTER_SIZE,
      expires: db.volatileSize * DICT_ENTRY_SIZE + dictSlots(db.volatileSize) * POINTER_SIZE,
    });
  }
  const clients = server.clients.size * CLIENT_MEMORY_ESTIMATE;
  // The replication backlog and the replicas' share of its buffer are overhead too.
  const overhead = USED_MEMORY_STARTUP + clients + server.replicationBufferMemory + databases.reduce((sum, d) => sum + d.main + d.expires, 0);
  const used = server.usedMemory();
  const dataset = Math.max(0, used - overhead);
  const peak = server.usedMemoryPeak;
  return { used, peak, peakTime: server.usedMemoryPeakTime, startup: USED_MEMORY_STARTUP, dataset, overhead, clients, keys, databases };
}

/** Redis's bytesToHuman: 100B, 1.50K, 2.00M ... */
export function bytesToHuman(n: number): string {
  if (n < 1024) return `${n}B`;
  const units = ['K', 'M', 'G', 'T', 'P'];
  let d = n / 1024;
  for (const unit of units) {
    if (d < 1024 || unit === 'P') return `${d.toFixed(2)}${unit}`;
    d /= 1024;
  }
  return `${n}B`;
}
