import { type Bytes, type Client, type CommandEntry, ErrorReply, getKeysFromCommand, getKeysUsingKeySpecs, type KeyReference } from '@fakeredis/core';
import { keyHashSlot } from './crc16.js';
import {
  ERR_CLUSTERDOWN_HASH_SLOT_NOT_SERVED,
  ERR_CLUSTERDOWN_RO,
  ERR_CLUSTERDOWN_STATE,
  ERR_CROSSSLOT,
  ERR_TRYAGAIN,
} from './errors.js';
import { type ClusterNode, type ClusterState, clusterState } from './state.js';

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
    if (client.multi === undefined) return { node: myself, code: 'none', slot: 0 };
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
  if (node === undefined) return { node: myself, code: 'none', slot };
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
export function redirectionError(found: NodeByQuery): ErrorReply {
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
      return new ErrorReply(`${found.code === 'ask' ? 'ASK' : 'MOVED'} ${found.slot} ${node.ip}:${node.port}`);
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
  if (state.masterClients.has(client)) return undefined;
  // Redis refuses a no-multi command inside MULTI (WATCH) before the cluster check.
  if (client.multi !== undefined && entry.flags.has('no_multi')) return undefined;
  const spec = entry.spec;
  if (spec.get_keys_function === undefined && (spec.key_specs === undefined || spec.key_specs.length === 0) && entry.fullName !== 'exec') {
    return undefined;
  }
  const found = getNodeByQuery(state, client, entry, argv, asking);
  if (found.node === state.myself) return undefined;
  return redirectionError(found);
}
