import { type Bytes, type CommandHandler, ERR_SSUBSCRIBE_DENY_BLOCKING } from '@fakeredis/core';
import { Confirmations, subscriptionCount } from './confirmations.js';

/** SUBSCRIBE channel [channel ...]: one confirmation per channel, repeats included. */
export const subscribe: CommandHandler = (client, argv) => {
  const hub = client.server.pubsub;
  const confirmations = new Confirmations(client, 'subscribe');
  for (let i = 1; i < argv.length; i++) {
    const channel = argv[i] as Bytes;
    hub.subscribe(client, channel);
    confirmations.send(channel, subscriptionCount(client));
  }
  return confirmations.end();
};

/**
 * UNSUBSCRIBE [channel ...]: one confirmation per channel named, subscribed or not; with
 * none, one per channel subscribed, or a single one with a null name when there is none.
 */
export const unsubscribe: CommandHandler = (client, argv) => {
  const hub = client.server.pubsub;
  const confirmations = new Confirmations(client, 'unsubscribe');
  const channels = argv.length > 1 ? argv.slice(1) : [...client.channels];
  for (const channel of channels) {
    hub.unsubscribe(client, channel);
    confirmations.send(channel, subscriptionCount(client));
  }
  if (channels.length === 0) confirmations.send(null, subscriptionCount(client));
  return confirmations.end();
};

/** PSUBSCRIBE pattern [pattern ...]. */
export const psubscribe: CommandHandler = (client, argv) => {
  const hub = client.server.pubsub;
  const confirmations = new Confirmations(client, 'psubscribe');
  for (let i = 1; i < argv.length; i++) {
    const pattern = argv[i] as Bytes;
    hub.psubscribe(client, pattern);
    confirmations.send(pattern, subscriptionCount(client));
  }
  return confirmations.end();
};

/** PUNSUBSCRIBE [pattern ...]: as UNSUBSCRIBE, for patterns (in subscription order). */
export const punsubscribe: CommandHandler = (client, argv) => {
  const hub = client.server.pubsub;
  const confirmations = new Confirmations(client, 'punsubscribe');
  const patterns = argv.length > 1 ? argv.slice(1) : [...client.patterns];
  for (const pattern of patterns) {
    hub.punsubscribe(client, pattern);
    confirmations.send(pattern, subscriptionCount(client));
  }
  if (patterns.length === 0) confirmations.send(null, subscriptionCount(client));
  return confirmations.end();
};

/**
 * SSUBSCRIBE shardchannel [shardchannel ...]: counted apart from channels and patterns.
 * Refused inside MULTI, where SUBSCRIBE and PSUBSCRIBE are let through.
 */
export const ssubscribe: CommandHandler = (client, argv) => {
  if (client.inExec) throw ERR_SSUBSCRIBE_DENY_BLOCKING;
  const hub = client.server.pubsub;
  const confirmations = new Confirmations(client, 'ssubscribe');
  for (let i = 1; i < argv.length; i++) {
    const channel = argv[i] as Bytes;
    hub.ssubscribe(client, channel);
    confirmations.send(channel, client.shardChannels.size);
  }
  return confirmations.end();
};

/** SUNSUBSCRIBE [shardchannel ...]. */
export const sunsubscribe: CommandHandler = (client, argv) => {
  const hub = client.server.pubsub;
  const confirmations = new Confirmations(client, 'sunsubscribe');
  const channels = argv.length > 1 ? argv.slice(1) : [...client.shardChannels];
  for (const channel of channels) {
    hub.sunsubscribe(client, channel);
    confirmations.send(channel, client.shardChannels.size);
  }
  if (channels.length === 0) confirmations.send(null, client.shardChannels.size);
  return confirmations.end();
};
