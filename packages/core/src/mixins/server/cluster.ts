import type { CommandHandler } from '../../dispatch/mixin.js';
import { ERR_CLUSTER_DISABLED } from '../../errors/index.js';
import { OK } from '../../reply.js';

/**
 * CLUSTER *, READONLY, READWRITE and ASKING on a standalone server (cluster-enabled no):
 * every one answers "This instance has cluster support disabled", CLUSTER HELP included
 * (Redis checks cluster_enabled before looking at the subcommand). Arity and unknown
 * subcommands are the dispatcher's, before that, as in Redis. Valkey answers READONLY and
 * READWRITE there too.
 */
const disabled: CommandHandler = () => ERR_CLUSTER_DISABLED;

export const CLUSTER_ADDSLOTS = disabled;
export const CLUSTER_ADDSLOTSRANGE = disabled;
export const CLUSTER_BUMPEPOCH = disabled;
export const CLUSTER_COUNT_FAILURE_REPORTS = disabled;
export const CLUSTER_COUNTKEYSINSLOT = disabled;
export const CLUSTER_DELSLOTS = disabled;
export const CLUSTER_DELSLOTSRANGE = disabled;
export const CLUSTER_FAILOVER = disabled;
export const CLUSTER_FLUSHSLOTS = disabled;
export const CLUSTER_FORGET = disabled;
export const CLUSTER_GETKEYSINSLOT = disabled;
export const CLUSTER_HELP = disabled;
export const CLUSTER_INFO = disabled;
export const CLUSTER_KEYSLOT = disabled;
export const CLUSTER_LINKS = disabled;
export const CLUSTER_MEET = disabled;
export const CLUSTER_MIGRATION = disabled;
export const CLUSTER_MYID = disabled;
export const CLUSTER_MYSHARDID = disabled;
export const CLUSTER_NODES = disabled;
export const CLUSTER_REPLICAS = disabled;
export const CLUSTER_REPLICATE = disabled;
export const CLUSTER_RESET = disabled;
export const CLUSTER_SAVECONFIG = disabled;
export const CLUSTER_SET_CONFIG_EPOCH = disabled;
export const CLUSTER_SETSLOT = disabled;
export const CLUSTER_SHARDS = disabled;
export const CLUSTER_SLAVES = disabled;
export const CLUSTER_SLOT_STATS = disabled;
export const CLUSTER_SLOTS = disabled;
export const CLUSTER_SYNCSLOTS = disabled;
/** Valkey (8.0 on) lets a standalone server's client set and clear its READONLY flag. */
const readonlyMode = (on: boolean): CommandHandler => (client) => {
  if (client.server.profile.serverType !== 'valkey') return ERR_CLUSTER_DISABLED;
  client.readonlyMode = on;
  return OK;
};
export const READONLY = readonlyMode(true);
export const READWRITE = readonlyMode(false);
export const ASKING = disabled;
/** Redis 8.4's TRIMSLOTS RANGES ... (in 8.6's metadata): cluster-only too. */
export const TRIMSLOTS = disabled;
