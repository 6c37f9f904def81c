import { type Bytes, type CommandHandler, ERR_NO_SUCH_KEY, errSubcommandSyntax, helpReply, isToken, MapReply, type Reply } from '@fakeredis/core';
import { errNoGroupForKey } from '../errors.js';
import { streamFeatures } from '../features.js';
import { type ConsumerGroup, INVALID_ENTRIES_READ } from '../groups.js';
import { formatId, MAX_ID, MIN_ID } from '../id.js';
import type { RedisStream } from '../stream.js';
import { entryReply, longLongArg, num, readStream } from './common.js';
import { idmpOf } from './idmp.js';

function infoStream(client: Parameters<CommandHandler>[0], key: Bytes): RedisStream {
  const stream = readStream(client, key);
  if (stream === undefined) throw ERR_NO_SUCH_KEY;
  return stream;
}

function sortedGroups(stream: RedisStream): ConsumerGroup[] {
  if (stream.groups === undefined) return [];
  return [...stream.groups.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

const entriesRead = (group: ConsumerGroup): Reply => (group.entriesRead === INVALID_ENTRIES_READ ? null : group.entriesRead);

/** XINFO STREAM key [FULL [COUNT count]] */
export const XINFO_STREAM: CommandHandler = (client, argv) => {
  const options = argv.slice(3);
  let full = false;
  let count = 10;
  if (options.length !== 0) {
    if ((options.length !== 1 && options.length !== 3) || !isToken(options[0], 'FULL')) throw errSubcommandSyntax(argv[1] as Bytes, 'XINFO');
    if (options.length === 3) {
      if (!isToken(options[1], 'COUNT')) throw errSubcommandSyntax(argv[1] as Bytes, 'XINFO');
      const value = longLongArg(options[2] as Bytes);
      count = value < 0n ? 10 : num(value);
    }
    full = true;
  }
  const stream = infoStream(client, argv[2] as Bytes);
  const fields: Array<[Reply, Reply]> = [
    ['length' as Bytes, stream.length],
    ['radix-tree-keys' as Bytes, stream.nodeCount],
    ['radix-tree-nodes' as Bytes, stream.raxNodes()],
    ['last-generated-id' as Bytes, formatId(stream.lastId)],
    ['max-deleted-entry-id' as Bytes, formatId(stream.maxDeletedId)],
    ['entries-added' as Bytes, stream.entriesAdded],
    ['recorded-first-entry-id' as Bytes, formatId(stream.firstId)],
  ];
  if (streamFeatures(client.server).idmp) {
    const idmp = idmpOf(client.server, stream);
    fields.push(
      ['idmp-duration' as Bytes, idmp.duration],
      ['idmp-maxsize' as Bytes, idmp.maxEntries],
      ['pids-tracked' as Bytes, idmp.producers.size],
      ['iids-tracked' as Bytes, idmp.iidsTracked()],
      ['iids-added' as Bytes, idmp.iidsAdded],
      ['iids-duplicates' as Bytes, idmp.iidsDuplicates],
    );
  }
  if (!full) {
    const first = stream.range(MIN_ID, MAX_ID).next();
    const last = stream.range(MIN_ID, MAX_ID, true).next();
    fields.push(
      ['groups' as Bytes, stream.groups?.size ?? 0],
      ['first-entry' as Bytes, first.done ? null : entryReply(first.value)],
      ['last-entry' as Bytes, last.done ? null : entryReply(last.value)],
    );
    return new MapReply(fields);
  }
  const entries: Reply[] = [];
  for (const entry of stream.range(MIN_ID, MAX_ID)) {
    if (count !== 0 && entries.length >= count) break;
    entries.push(entryReply(entry));
  }
  fields.push(['entries' as Bytes, entries]);
  const activeTime = streamFeatures(client.server).consumerActiveTime;
  const groups = sortedGroups(stream).map((group) => {
    const pending: Reply[] = [];
    for (const [id, nack] of group.pel.entriesFrom()) {
      if (count !== 0 && pending.length >= count) break;
      pending.push([formatId(id), nack.consumer?.name ?? ('' as Bytes), nack.deliveryTime, nack.deliveryCount]);
    }
    const consumers = group.sortedConsumers().map((consumer) => {
      const own: Reply[] = [];
      for (const [id, nack] of consumer.pel.entriesFrom()) {
        if (count !== 0 && own.length >= count) break;
        own.push([formatId(id), nack.deliveryTime, nack.deliveryCount]);
      }
      const f: Array<[Reply, Reply]> = [
        ['name' as Bytes, consumer.name],
        ['seen-time' as Bytes, consumer.seenTime],
      ];
      if (activeTime) f.push(['active-time' as Bytes, consumer.activeTime]);
      f.push(['pel-count' as Bytes, consumer.pel.size], ['pending' as Bytes, own]);
      return new MapReply(f);
    });
    return new MapReply([
      ['name' as Bytes, group.name],
      ['last-delivered-id' as Bytes, formatId(group.lastId)],
      ['entries-read' as Bytes, entriesRead(group)],
      ['lag' as Bytes, stream.lag(group)],
      ['pel-count' as Bytes, group.pel.size],
      ['pending' as Bytes, pending],
      ['consumers' as Bytes, consumers],
    ]);
  });
  fields.push(['groups' as Bytes, groups]);
  return new MapReply(fields);
};

/** XINFO GROUPS key */
export const XINFO_GROUPS: CommandHandler = (client, argv) => {
  const stream = infoStream(client, argv[2] as Bytes);
  return sortedGroups(stream).map(
    (group) =>
      new MapReply([
        ['name' as Bytes, group.name],
        ['consumers' as Bytes, group.consumers.size],
        ['pending' as Bytes, group.pel.size],
        ['last-delivered-id' as Bytes, formatId(group.lastId)],
        ['entries-read' as Bytes, entriesRead(group)],
        ['lag' as Bytes, stream.lag(group)],
      ]),
  );
};

/** XINFO CONSUMERS key group */
export const XINFO_CONSUMERS: CommandHandler = (client, argv) => {
  const key = argv[2] as Bytes;
  const stream = infoStream(client, key);
  const group = stream.groups?.get(argv[3] as Bytes);
  if (group === undefined) throw errNoGroupForKey(argv[3] as Bytes, key);
  const now = client.server.now();
  const activeTime = streamFeatures(client.server).consumerActiveTime;
  return group.sortedConsumers().map((consumer) => {
    const f: Array<[Reply, Reply]> = [
      ['name' as Bytes, consumer.name],
      ['pending' as Bytes, consumer.pel.size],
      ['idle' as Bytes, Math.max(0, now - consumer.seenTime)],
    ];
    if (activeTime) f.push(['inactive' as Bytes, consumer.activeTime !== -1 ? now - consumer.activeTime : -1]);
    return new MapReply(f);
  });
};

/** XINFO HELP */
export const XINFO_HELP: CommandHandler = (client) =>
  helpReply(client.server, 'XINFO', [
    'CONSUMERS <key> <groupname>',
    '    Show consumers of <groupname>.',
    'GROUPS <key>',
    '    Show the stream consumer groups.',
    'STREAM <key> [FULL [COUNT <count>]',
    '    Show information about the stream.',
  ]);
