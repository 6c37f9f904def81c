import { type Bytes, type CommandHandler, errSubcommandSyntax, helpReply, type Reply } from '@fakeredis/core';

const HELP_LINES = [
  'CHANNELS [<pattern>]',
  "    Return the currently active channels matching a <pattern> (default: '*').",
  'NUMPAT',
  '    Return number of subscriptions to patterns.',
  'NUMSUB [<channel> ...]',
  '    Return the number of subscribers for the specified channels, excluding',
  '    pattern subscriptions(default: no channels).',
  'SHARDCHANNELS [<pattern>]',
  "    Return the currently active shard level channels matching a <pattern> (default: '*').",
  'SHARDNUMSUB [<shardchannel> ...]',
  '    Return the number of subscribers for the specified shard level channel(s)',
];

/** PUBSUB HELP. */
export const PUBSUB_HELP: CommandHandler = (client) => helpReply(client.server, 'PUBSUB', HELP_LINES);

/**
 * PUBSUB CHANNELS [pattern]: active channels, in no defined order. The metadata lets any
 * number of arguments through; Redis refuses more than one pattern with its syntax error.
 */
export const PUBSUB_CHANNELS: CommandHandler = (client, argv) => {
  if (argv.length > 3) throw errSubcommandSyntax(argv[1] as Bytes, 'PUBSUB');
  return client.server.pubsub.activeChannels(argv[2]);
};

/** PUBSUB SHARDCHANNELS [pattern]. */
export const PUBSUB_SHARDCHANNELS: CommandHandler = (client, argv) => {
  if (argv.length > 3) throw errSubcommandSyntax(argv[1] as Bytes, 'PUBSUB');
  return client.server.pubsub.activeShardChannels(argv[2]);
};

/** PUBSUB NUMPAT: distinct patterns with subscribers. */
export const PUBSUB_NUMPAT: CommandHandler = (client) => client.server.pubsub.patternCount;

/** PUBSUB NUMSUB [channel ...]: a flat channel, count list (an array in RESP3 too). */
export const PUBSUB_NUMSUB: CommandHandler = (client, argv) => {
  const hub = client.server.pubsub;
  return counts(argv, (channel) => hub.numsub(channel));
};

/** PUBSUB SHARDNUMSUB [shardchannel ...]. */
export const PUBSUB_SHARDNUMSUB: CommandHandler = (client, argv) => {
  const hub = client.server.pubsub;
  return counts(argv, (channel) => hub.shardNumsub(channel));
};

function counts(argv: Bytes[], count: (channel: Bytes) => number): Reply[] {
  const out: Reply[] = [];
  for (let i = 2; i < argv.length; i++) {
    const channel = argv[i] as Bytes;
    out.push(channel, count(channel));
  }
  return out;
}
