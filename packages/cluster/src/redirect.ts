import { type Bytes, type Client, type CommandEntry, ErrorReply, type FakeServer, getKeysFromCommand, getKeysUsingKeySpecs, type KeyReference } from '@fakeredis/core';
import { keyHashSlot } from './crc16.js';
import {
  ERR_CLUSTERDOWN_HASH_SLOT_NOT_SERVED,
  ERR_CLUSTERDOWN_RO,
  ERR_CLUSTERDOWN_STATE,
  ERR_REPLICA_READONLY,
  ERR_CROSSSLOT,
  ERR_SCRIPT_CROSS_SLOT,
  ERR_SCRIPT_DOWN,
  ERR_SCRIPT_DOWN_RO,
  ERR_SCRIPT_NON_LOCAL,
  ERR_TRYAGAIN,
  ERR_NODE_DOWN,
} from './errors.js';
import { type ClusterNode, type ClusterState, clusterState, preferredEndpoint } from './state.js';

/** Redis's CLUSTER_REDIR_* codes. */
export type Redirection = 'none' | 'crossslot' | 'unstable' | 'down_state' | 'down_ro_state' | 'down_unbound' | 'moved' | 'ask';

export interface NodeByQuery {
  node: ClusterNode | undefined;
  code: Redirection;
  slot: number;
}

const SHARD_PUBSUB = new Set(['ssubscribe', 'sunsubscribe', 'spublish']);

/**
 * A call's keys as Redis 7.0's getKeysFromCommand finds them for cluster checks: the
 * command's key procedure, else its legacy range spec (which counts the channels of
 * SPUBLISH and SSUBSCRIBE, flagged NOT_KEY, as keys).
 */
function queryKeys(entry: CommandEntry, argv: readonly Bytes[]): KeyReference[] {
  const spec = entry.spec;
  if (spec.get_keys_function !== undefined) return getKeysFromCommand(spec, argv);
  if (spec.key_specs === undefined || spec.key_specs.length === 0) return [];
  return getKeysUsingKeySpecs(spec, argv, { includeNotKeys: true, returnPartial: true }) ?? [];
}

/**
 * Redis 7.0's getNodeByQuery: the node that must serve the call (a transaction's queued
 * commands for EXEC), and why not this one.
 */
export function getNodeByQuery(state: ClusterState, client: Client, entry: CommandEntry, argv: readonly Bytes[], asking: boolean): NodeByQuery {
  const myself = state.myself;
  const name = (entry.parent ?? entry).fullName;
  let commands: ReadonlyArray<{ entry: CommandEntry; argv: readonly Bytes[] }>;
  if (name === 'exec') {
    if (client.multi === undefined) return { node: myself, code: 'none', slot: -1 };
    commands = client.multi.queue;
  } else commands = [{ entry, argv }];
  const isPubsubShard = SHARD_PUBSUB.has(name);
  const bus = state.bus;
  const db = client.server.databases[0];
  let firstKey: Bytes | undefined;
  let node: ClusterNode | undefined;
  let slot = 0;
  let migrating = false;
  let importing = false;
  let multipleKeys = false;
  let missingKeys = 0;
  let existingKeys = 0;
  for (const command of commands) {
    for (const ref of queryKeys(command.entry, command.argv)) {
      const key = command.argv[ref.pos] as Bytes;
      const keySlot = keyHashSlot(key);
      if (firstKey === undefined) {
        firstKey = key;
        slot = keySlot;
        node = bus.slots[slot];
        if (node === undefined) return { node: undefined, code: 'down_unbound', slot };
        if (node === myself && state.migrating.has(slot)) migrating = true;
        else if (state.importing.has(slot)) importing = true;
      } else if (key !== firstKey) {
        if (keySlot !== slot) return { node: undefined, code: 'crossslot', slot };
        multipleKeys = true;
      }
      // A key logically expired counts as missing; the lookup neither expires nor touches it.
      if ((migrating || importing) && !isPubsubShard) {
        const found = db?.peek(key);
        if (found === undefined || db!.keyIsExpired(key)) missingKeys++;
        else existingKeys++;
      }
    }
  }
  // No keys: served here, no slot (Redis leaves *hashslot as it was, -1).
  if (node === undefined) return { node: myself, code: 'none', slot: -1 };
  const flags = client.server.commandFlags(client, entry, argv as Bytes[]);
  if (!state.isOk()) {
    const config = client.server.config;
    if (isPubsubShard) {
      if (!config.getBoolean('cluster-allow-pubsubshard-when-down')) return { node: undefined, code: 'down_state', slot };
    } else if (!config.getBoolean('cluster-allow-reads-when-down')) return { node: undefined, code: 'down_state', slot };
    else if (flags.has('write')) return { node: undefined, code: 'down_ro_state', slot };
  }
  if ((migrating || importing) && name === 'migrate') return { node: myself, code: 'none', slot };
  if (migrating && missingKeys !== 0) {
    if (existingKeys !== 0) return { node: undefined, code: 'unstable', slot };
    return { node: state.migrating.get(slot), code: 'ask', slot };
  }
  if (importing && (asking || flags.has('asking'))) {
    if (multipleKeys && missingKeys !== 0) return { node: undefined, code: 'unstable', slot };
    return { node: myself, code: 'none', slot };
  }
  const isWrite = flags.has('write') || (name === 'exec' && client.multi !== undefined && client.multi.flags.has('write'));
  if ((state.readonlyClients.has(client) || isPubsubShard) && !isWrite && !myself.isMaster && myself.replicaOf === node) {
    return { node: myself, code: 'none', slot };
  }
  return { node, code: node === myself ? 'none' : 'moved', slot };
}

/** clusterRedirectClient: the error a redirection answers. */
export function redirectionError(server: FakeServer, found: NodeByQuery): ErrorReply {
  switch (found.code) {
    case 'crossslot':
      return ERR_CROSSSLOT;
    case 'unstable':
      return ERR_TRYAGAIN;
    case 'down_state':
      return ERR_CLUSTERDOWN_STATE;
    case 'down_ro_state':
      return ERR_CLUSTERDOWN_RO;
    case 'down_unbound':
      return ERR_CLUSTERDOWN_HASH_SLOT_NOT_SERVED;
    default: {
      const node = found.node as ClusterNode;
      return new ErrorReply(`${found.code === 'ask' ? 'ASK' : 'MOVED'} ${found.slot} ${preferredEndpoint(server, node)}:${node.port}`);
    }
  }
}

/**
 * The dispatcher's check (core's commandCheck hook), where processCommand redirects: not
 * for a replica's link to its master, nor for commands without keys (EXEC aside).
 * ASKING holds for the next command only (resetClient), or until EXEC inside MULTI.
 */
export function clusterCommandCheck(client: Client, entry: CommandEntry, argv: Bytes[]): ErrorReply | undefined {
  const state = clusterState(client.server);
  if (!state.enabled) {
    // A standalone server never needs it: the hook takes itself out (no cost per command).
    const hooks = client.server.hooks;
    const list = hooks.commandCheck;
    if (list !== undefined) {
      const at = list.indexOf(clusterCommandCheck);
      if (at >= 0) list.splice(at, 1);
      if (list.length === 0) delete hooks.commandCheck;
    }
    return undefined;
  }
  let asking = false;
  if (state.askingClients.has(client)) {
    asking = true;
    const name = (entry.parent ?? entry).fullName;
    if (name === 'exec' || name === 'discard' || (client.multi === undefined && name !== 'asking' && name !== 'multi')) state.askingClients.delete(client);
  }
  state.commandSlot.delete(client);
  if (asking) state.commandAsking.add(client);
  else state.commandAsking.delete(client);
  if (state.masterClients.has(client)) return undefined;
  // A node the test failed is a dead process to its connections: they are dropped.
  if (state.myself.fail !== undefined && client.transport !== undefined) {
    client.closeAsync();
    return ERR_NODE_DOWN;
  }
  // Redis refuses a no-multi command inside MULTI (WATCH) before the cluster check.
  if (client.multi !== undefined && entry.flags.has('no_multi')) return undefined;
  const spec = entry.spec;
  if (spec.get_keys_function !== undefined || (spec.key_specs !== undefined && spec.key_specs.length !== 0) || entry.fullName === 'exec') {
    const found = getNodeByQuery(state, client, entry, argv, asking);
    if (found.node !== state.myself) return redirectionError(state.server, found);
    if (found.slot !== -1) state.commandSlot.set(client, found.slot);
  }
  // processCommand's read-only replica check, after the redirection (a cluster replica is a
  // replica core's replication does not know): writes by the call's flags (a script's shebang).
  if (!state.myself.isMaster && client.server.config.getBoolean('replica-read-only')) {
    const write = entry.fullName === 'exec' ? client.multi?.flags.has('write') === true : client.server.commandFlags(client, entry, argv).has('write');
    if (write) return ERR_REPLICA_READONLY;
  }
  return undefined;
}

/**
 * scriptVerifyClusterState (core's scriptCallCheck hook): a command a script calls must be
 * served by this node, with the caller's READONLY and ASKING, and (unless the script allows
 * cross-slot keys) in the slot of the caller's keys, the first such call's when it had none.
 */
export function clusterScriptCallCheck(caller: Client, entry: CommandEntry, argv: Bytes[], allowCrossSlot: boolean): string | undefined {
  const state = clusterState(caller.server);
  if (!state.enabled || state.masterClients.has(caller)) return undefined;
  // scriptVerifyWriteCommandAllow's replica check (masterhost), which comes first: core's
  // replication does not know a cluster replica as one.
  if (!state.myself.isMaster && entry.isWrite && caller.server.config.getBoolean('replica-read-only')) return ERR_REPLICA_READONLY.message;
  const found = getNodeByQuery(state, caller, entry, argv, state.commandAsking.has(caller));
  if (found.node !== state.myself) {
    if (found.code === 'down_ro_state') return ERR_SCRIPT_DOWN_RO;
    if (found.code === 'down_state') return ERR_SCRIPT_DOWN;
    return ERR_SCRIPT_NON_LOCAL;
  }
  if (found.slot !== -1 && !allowCrossSlot) {
    const slot = state.commandSlot.get(caller);
    if (slot === undefined) state.commandSlot.set(caller, found.slot);
    else if (slot !== found.slot) return ERR_SCRIPT_CROSS_SLOT;
  }
  return undefined;
}
