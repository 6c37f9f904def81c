import { defineMixin } from '@fakeredis/core';
import { pubsubChannels, pubsubHelp, pubsubNumpat, pubsubNumsub, pubsubShardChannels, pubsubShardNumsub } from './introspection.js';
import { publish, spublish } from './publish.js';
import { psubscribe, punsubscribe, ssubscribe, subscribe, sunsubscribe, unsubscribe } from './subscribe.js';

/**
 * Pub/sub: (P|S)SUBSCRIBE, (P|S)UNSUBSCRIBE, PUBLISH, SPUBLISH and PUBSUB. Subscriptions
 * live in the server's hub (`server.pubsub`, from @fakeredis/core), which also delivers
 * keyspace notifications and offers the test helpers.
 */
export const PubSubCommands = defineMixin({
  name: 'PubSubCommands',
  commands: {
    SUBSCRIBE: subscribe,
    UNSUBSCRIBE: unsubscribe,
    PSUBSCRIBE: psubscribe,
    PUNSUBSCRIBE: punsubscribe,
    SSUBSCRIBE: ssubscribe,
    SUNSUBSCRIBE: sunsubscribe,
    PUBLISH: publish,
    SPUBLISH: spublish,
    'PUBSUB CHANNELS': pubsubChannels,
    'PUBSUB NUMSUB': pubsubNumsub,
    'PUBSUB NUMPAT': pubsubNumpat,
    'PUBSUB SHARDCHANNELS': pubsubShardChannels,
    'PUBSUB SHARDNUMSUB': pubsubShardNumsub,
    'PUBSUB HELP': pubsubHelp,
  },
});
