import type { Bytes, CommandHandler } from '@fakeredis/core';

/** PUBLISH channel message: the number of deliveries (channel and pattern subscribers) on this node. */
export const PUBLISH: CommandHandler = (client, argv) => client.server.pubsub.publishCommand(argv[1] as Bytes, argv[2] as Bytes, false);

/** SPUBLISH shardchannel message: the number of shard channel subscribers reached on this node. */
export const SPUBLISH: CommandHandler = (client, argv) => client.server.pubsub.publishCommand(argv[1] as Bytes, argv[2] as Bytes, true);
