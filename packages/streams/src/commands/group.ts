import {
  type Bytes, type Client, type CommandHandler, cString, ERR_NO_SUCH_KEY, ERR_SYNTAX, errSubcommandSyntax, helpReply, isToken, OK,
} from '@fakeredis/core';
import {
  ERR_BUSYGROUP, ERR_ENTRIES_ADDED_NEGATIVE, ERR_ENTRIESREAD, ERR_XGROUP_NO_KEY, ERR_XSETID_BELOW_MAX_DELETED, ERR_XSETID_BELOW_TOP,
  ERR_XSETID_BELOW_CURRENT_MAX_DELETED, ERR_XSETID_ENTRIES_ADDED, errNoGroupForKey,
} from '../errors.js';
import { streamFeatures } from '../features.js';
import { ConsumerGroup, INVALID_ENTRIES_READ } from '../groups.js';
import { cmpId, isZeroId, MIN_ID, type StreamId, type U64, u64 } from '../id.js';
import { type RedisStream, streamType } from '../stream.js';
import { createConsumer, longLongArg, parseId, parseStrictId } from './common.js';
import { newStream } from './write.js';

interface XgroupContext {
  stream: RedisStream | undefined;
  group: ConsumerGroup | undefined;
  mkstream: boolean;
  entriesRead: U64;
}

/** The part of xgroupCommand every subcommand but HELP shares: options, key and group checks. */
function xgroupPrelude(client: Client, argv: Bytes[], sub: 'CREATE' | 'SETID' | 'DESTROY' | 'CREATECONSUMER' | 'DELCONSUMER'): XgroupContext {
  let mkstream = false;
  let entriesRead: U64 = INVALID_ENTRIES_READ;
  for (let i = 5; i < argv.length; ) {
    if (sub === 'CREATE' && isToken(argv[i], 'MKSTREAM')) {
      mkstream = true;
      i++;
    } else if ((sub === 'CREATE' || sub === 'SETID') && isToken(argv[i], 'ENTRIESREAD') && i + 1 < argv.length) {
      const value = longLongArg(argv[i + 1] as Bytes);
      if (value < 0n && value !== -1n) throw ERR_ENTRIESREAD;
      entriesRead = value < 0n ? INVALID_ENTRIES_READ : u64(value);
      i += 2;
    } else {
      throw errSubcommandSyntax(argv[1] as Bytes, 'XGROUP');
    }
  }
  const key = argv[2] as Bytes;
  const stream = streamType.write(client.db, key, client);
  const name = argv[3] as Bytes;
  const group = stream?.groups?.get(name);
  if (!mkstream) {
    if (stream === undefined) throw ERR_XGROUP_NO_KEY;
    if (group === undefined && sub !== 'CREATE' && sub !== 'DESTROY') throw errNoGroupForKey(name, key);
  }
  return { stream, group, mkstream, entriesRead };
}

/** XGROUP CREATE key group id|$ [MKSTREAM] [ENTRIESREAD n] */
export const XGROUP_CREATE: CommandHandler = (client, argv) => {
  const ctx = xgroupPrelude(client, argv, 'CREATE');
  if (argv.length > 8) throw errSubcommandSyntax(argv[1] as Bytes, 'XGROUP');
  const db = client.db;
  const key = argv[2] as Bytes;
  let stream = ctx.stream;
  const groupId: StreamId = cString(argv[4] as Bytes) === '$' ? (stream?.lastId ?? MIN_ID) : parseStrictId(argv[4] as Bytes);
  if (stream === undefined) {
    stream = streamType.add(db, key, newStream(client.server));
    db.signalModifiedKey(key);
  }
  stream.groups ??= new Map();
  const name = argv[3] as Bytes;
  if (stream.groups.has(name)) throw ERR_BUSYGROUP;
  stream.groups.set(name, new ConsumerGroup(name, groupId, ctx.entriesRead));
  stream.groupLeftovers.added(name);
  streamType.notify(db, 'xgroup-create', key);
  // One change, MKSTREAM's new stream included (server.dirty++).
  client.server.addDirty(1);
  return OK;
};

/** XGROUP SETID key group id|$ [ENTRIESREAD n] */
export const XGROUP_SETID: CommandHandler = (client, argv) => {
  const ctx = xgroupPrelude(client, argv, 'SETID');
  if (argv.length !== 5 && argv.length !== 7) throw errSubcommandSyntax(argv[1] as Bytes, 'XGROUP');
  const stream = ctx.stream as RedisStream;
  const group = ctx.group as ConsumerGroup;
  group.lastId = cString(argv[4] as Bytes) === '$' ? stream.lastId : parseId(argv[4] as Bytes);
  group.entriesRead = ctx.entriesRead;
  streamType.notify(client.db, 'xgroup-setid', argv[2] as Bytes);
  client.server.addDirty(1);
  return OK;
};

/** XGROUP DESTROY key group: 1 when it existed. Blocked XREADGROUP clients learn of it. */
export const XGROUP_DESTROY: CommandHandler = (client, argv) => {
  const ctx = xgroupPrelude(client, argv, 'DESTROY');
  const group = ctx.group;
  if (group === undefined) return 0;
  const key = argv[2] as Bytes;
  ctx.stream?.groups?.delete(group.name);
  if (ctx.stream !== undefined) {
    ctx.stream.lastGroupRemoved = group.name;
    ctx.stream.groupLeftovers.removed(ctx.stream.groups?.keys() ?? [], group.name);
  }
  streamType.notify(client.db, 'xgroup-destroy', key);
  client.db.signalKeyAsReady(key);
  client.server.addDirty(1);
  return 1;
};

/** XGROUP CREATECONSUMER key group consumer: 1 when created. */
export const XGROUP_CREATECONSUMER: CommandHandler = (client, argv) => {
  const ctx = xgroupPrelude(client, argv, 'CREATECONSUMER');
  const created = createConsumer(client.db, argv[2] as Bytes, ctx.group as ConsumerGroup, argv[4] as Bytes, client.server.now());
  return created === undefined ? 0 : 1;
};

/** XGROUP DELCONSUMER key group consumer: how many entries it still had pending. */
export const XGROUP_DELCONSUMER: CommandHandler = (client, argv) => {
  const ctx = xgroupPrelude(client, argv, 'DELCONSUMER');
  const group = ctx.group as ConsumerGroup;
  const consumer = group.consumers.get(argv[4] as Bytes);
  if (consumer === undefined) return 0;
  const pending = consumer.pel.size;
  group.deleteConsumer(consumer);
  streamType.notify(client.db, 'xgroup-delconsumer', argv[2] as Bytes);
  client.server.addDirty(1);
  return pending;
};

/** XGROUP HELP */
export const XGROUP_HELP: CommandHandler = (client) =>
  helpReply(client.server, 'XGROUP', [
    'CREATE <key> <groupname> <id|$> [option]',
    '    Create a new consumer group. Options are:',
    '    * MKSTREAM',
    '      Create the empty stream if it does not exist.',
    '    * ENTRIESREAD entries_read',
    "      Set the group's entries_read counter (internal use).",
    'CREATECONSUMER <key> <groupname> <consumer>',
    '    Create a new consumer in the specified group.',
    'DELCONSUMER <key> <groupname> <consumer>',
    '    Remove the specified consumer.',
    'DESTROY <key> <groupname>',
    '    Remove the specified group.',
    'SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]',
    '    Set the current group ID and entries_read counter.',
  ]);

/** XSETID key last-id [ENTRIESADDED n] [MAXDELETEDID id] */
export const XSETID: CommandHandler = (client, argv) => {
  const lastId = parseStrictId(argv[2] as Bytes);
  let entriesAdded: U64 = -1;
  let maxDeleted: StreamId = MIN_ID;
  for (let i = 3; i < argv.length; ) {
    const moreargs = argv.length - 1 - i;
    if (isToken(argv[i], 'ENTRIESADDED') && moreargs) {
      const value = longLongArg(argv[i + 1] as Bytes);
      if (value < 0n) throw ERR_ENTRIES_ADDED_NEGATIVE;
      entriesAdded = u64(value);
      i += 2;
    } else if (isToken(argv[i], 'MAXDELETEDID') && moreargs) {
      maxDeleted = parseStrictId(argv[i + 1] as Bytes);
      if (cmpId(lastId, maxDeleted) < 0) throw ERR_XSETID_BELOW_MAX_DELETED;
      i += 2;
    } else {
      throw ERR_SYNTAX;
    }
  }
  const key = argv[1] as Bytes;
  const stream = streamType.write(client.db, key, client);
  if (stream === undefined) throw ERR_NO_SUCH_KEY;
  if (streamFeatures(client.server).xsetidChecksMaxDeleted && cmpId(lastId, stream.maxDeletedId) < 0) throw ERR_XSETID_BELOW_CURRENT_MAX_DELETED;
  if (stream.length > 0) {
    if (cmpId(lastId, stream.lastValidId()) < 0) throw ERR_XSETID_BELOW_TOP;
    if (entriesAdded !== -1 && stream.length > entriesAdded) throw ERR_XSETID_ENTRIES_ADDED;
  }
  stream.lastId = lastId;
  if (entriesAdded !== -1) stream.entriesAdded = entriesAdded;
  if (!isZeroId(maxDeleted)) stream.maxDeletedId = maxDeleted;
  streamType.notify(client.db, 'xsetid', key);
  client.server.addDirty(1);
  return OK;
};
