import { defineMixin } from '@fakeredis/core';
import {
  PUBSUB_CHANNELS, PUBSUB_HELP, PUBSUB_NUMPAT, PUBSUB_NUMSUB, PUBSUB_SHARDCHANNELS, PUBSUB_SHARDNUMSUB,
} from './introspection.js';
import { PUBLISH, SPUBLISH } from './publish.js';
import { PSUBSCRIBE, PUNSUBSCRIBE, SSUBSCRIBE, SUBSCRIBE, SUNSUBSCRIBE, UNSUBSCRIBE } from './subscribe.js';
import { pubsubPropagation } from './propagate.js';

/**
 * Pub/sub: (P|S)SUBSCRIBE, (P|S)UNSUBSCRIBE, PUBLISH, SPUBLISH and PUBSUB. Subscriptions
 * live in the server's hub (`server.pubsub`, from @fakeredis/core), which also delivers
 * keyspace notifications and offers the test helpers.
 */
export const PubSubCommands = defineMixin({
  name: 'PubSubCommands',
  commands: {
    SUBSCRIBE, UNSUBSCRIBE, PSUBSCRIBE, PUNSUBSCRIBE, SSUBSCRIBE, SUNSUBSCRIBE, PUBLISH, SPUBLISH,
    PUBSUB_CHANNELS, PUBSUB_NUMSUB, PUBSUB_NUMPAT, PUBSUB_SHARDCHANNELS, PUBSUB_SHARDNUMSUB, PUBSUB_HELP,
  },
  propagation: pubsubPropagation,
});
