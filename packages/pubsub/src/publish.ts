import type { Bytes, CommandHandler } from '@fakeredis/core';

/** PUBLISH channel message: the number of deliveries (channel and pattern subscribers). */
export const PUBLISH: CommandHandler = (client, argv) => client.server.pubsub.publish(argv[1] as Bytes, argv[2] as Bytes);

/** SPUBLISH shardchannel message: the number of shard channel subscribers reached. */
export const SPUBLISH: CommandHandler = (client, argv) => client.server.pubsub.spublish(argv[1] as Bytes, argv[2] as Bytes);
