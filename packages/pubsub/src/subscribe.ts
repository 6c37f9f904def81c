import type { Bytes, Client, CommandHandler, PubSubHub } from '@fakeredis/core';
import { type ConfirmationKind, Confirmations, subscriptionCount } from './confirmations.js';
import { ERR_SSUBSCRIBE_DENY_BLOCKING } from './errors.js';

/** One family of subscriptions: channels, patterns or shard channels. */
interface Family {
  readonly subscribe: ConfirmationKind;
  readonly unsubscribe: ConfirmationKind;
  add(hub: PubSubHub, client: Client, name: Bytes): void;
  remove(hub: PubSubHub, client: Client, name: Bytes): void;
  /** The client's subscriptions of this family, in subscription order. */
  current(client: Client): Iterable<Bytes>;
  /** The count each confirmation carries. */
  count(client: Client): number;
}

const CHANNELS: Family = {
  subscribe: 'subscribe',
  unsubscribe: 'unsubscribe',
  add: (hub, client, name) => hub.subscribe(client, name),
  remove: (hub, client, name) => hub.unsubscribe(client, name),
  current: (client) => client.channels,
  count: subscriptionCount,
};

const PATTERNS: Family = {
  subscribe: 'psubscribe',
  unsubscribe: 'punsubscribe',
  add: (hub, client, name) => hub.psubscribe(client, name),
  remove: (hub, client, name) => hub.punsubscribe(client, name),
  current: (client) => client.patterns,
  count: subscriptionCount,
};

/** Shard channels are counted apart from channels and patterns. */
const SHARD_CHANNELS: Family = {
  subscribe: 'ssubscribe',
  unsubscribe: 'sunsubscribe',
  add: (hub, client, name) => hub.ssubscribe(client, name),
  remove: (hub, client, name) => hub.sunsubscribe(client, name),
  current: (client) => client.shardChannels,
  count: (client) => client.shardChannels.size,
};

/** (P|S)SUBSCRIBE name [name ...]: one confirmation per name, repeats included. */
function subscribeGeneric(family: Family): CommandHandler {
  return (client, argv) => {
    const hub = client.server.pubsub;
    const confirmations = new Confirmations(client, family.subscribe);
    for (let i = 1; i < argv.length; i++) {
      const name = argv[i] as Bytes;
      family.add(hub, client, name);
      confirmations.send(name, family.count(client));
    }
    return confirmations.end();
  };
}

/**
 * (P|S)UNSUBSCRIBE [name ...]: one confirmation per name given, subscribed or not; with
 * none, one per current subscription, or a single one with a null name when there is none.
 */
function unsubscribeGeneric(family: Family): CommandHandler {
  return (client, argv) => {
    const hub = client.server.pubsub;
    const confirmations = new Confirmations(client, family.unsubscribe);
    const names = argv.length > 1 ? argv.slice(1) : [...family.current(client)];
    for (const name of names) {
      family.remove(hub, client, name);
      confirmations.send(name, family.count(client));
    }
    if (names.length === 0) confirmations.send(null, family.count(client));
    return confirmations.end();
  };
}

export const SUBSCRIBE = subscribeGeneric(CHANNELS);
export const UNSUBSCRIBE = unsubscribeGeneric(CHANNELS);
export const PSUBSCRIBE = subscribeGeneric(PATTERNS);
export const PUNSUBSCRIBE = unsubscribeGeneric(PATTERNS);
export const SUNSUBSCRIBE = unsubscribeGeneric(SHARD_CHANNELS);

const ssubscribeAnywhere = subscribeGeneric(SHARD_CHANNELS);
/** SSUBSCRIBE is refused inside MULTI, where SUBSCRIBE and PSUBSCRIBE are let through. */
export const SSUBSCRIBE: CommandHandler = (client, argv) => {
  if (client.inExec) throw ERR_SSUBSCRIBE_DENY_BLOCKING;
  return ssubscribeAnywhere(client, argv);
};
