import {
  blockForKeys, type Bytes, type Client, type CommandHandler, cString, ERR_SYNTAX, isToken, NOT_SERVED, NULL_ARRAY, PairsMapReply,
  parseBlockTimeout, type Reply,
} from '@fakeredis/core';
import {
  ERR_BLOCKED_GROUP_DESTROYED, ERR_UNBLOCKED_KEY_DELETED, ERR_XREAD_GROUP_OPTION, ERR_XREAD_GT, ERR_XREAD_NOACK_OPTION,
  ERR_XREAD_UNBALANCED, ERR_XREADGROUP_DOLLAR, ERR_XREADGROUP_MISSING_GROUP, errNoGroupReadgroup,
} from '../errors.js';
import type { ConsumerGroup } from '../groups.js';
import { cmpId, incrId, isMaxId, MAX_ID, MIN_ID, type StreamId } from '../id.js';
import { type RedisStream, streamType } from '../stream.js';
import { longLongArg, lookupOrCreateConsumer, num, parseStrictId, readHistory, readRange } from './common.js';

/** XREAD_BLOCKED_DEFAULT_COUNT: a blocked XREAD without COUNT is served at most this many. */
const BLOCKED_DEFAULT_COUNT = 1000;

/** The reply: a map of key to entries (RESP3), an array of [key, entries] pairs in RESP2. */
function streamsReply(served: Array<[Reply, Reply]>): Reply {
  return new PairsMapReply(served);
}

/**
 * XREAD [COUNT count] [BLOCK ms] STREAMS key [key ...] id [id ...] and
 * XREADGROUP GROUP group consumer [COUNT count] [BLOCK ms] [NOACK] STREAMS key [key ...] id [id ...]
 * (xreadCommand): serves at once what it can; else waits (BLOCK) or answers a null array.
 */
function xreadGeneric(xreadgroup: boolean): CommandHandler {
  return (client, argv) => {
    let deadline: number | undefined;
    let count = 0;
    let streamsArg = 0;
    let streamsCount = 0;
    let noack = false;
    let groupName: Bytes | undefined;
    let consumerName: Bytes | undefined;
    for (let i = 1; i < argv.length; i++) {
      const moreargs = argv.length - i - 1;
      const o = argv[i] as Bytes;
      if (isToken(o, 'BLOCK') && moreargs) {
        i++;
        deadline = parseBlockTimeout(client, argv[i] as Bytes, 'milliseconds');
      } else if (isToken(o, 'COUNT') && moreargs) {
        i++;
        const value = longLongArg(argv[i] as Bytes);
        count = value < 0n ? 0 : num(value);
      } else if (isToken(o, 'STREAMS') && moreargs) {
        streamsArg = i + 1;
        streamsCount = argv.length - streamsArg;
        if (streamsCount % 2 !== 0) throw ERR_XREAD_UNBALANCED;
        streamsCount /= 2;
        break;
      } else if (isToken(o, 'GROUP') && moreargs >= 2) {
        if (!xreadgroup) throw ERR_XREAD_GROUP_OPTION;
        groupName = argv[i + 1] as Bytes;
        consumerName = argv[i + 2] as Bytes;
        i += 2;
      } else if (isToken(o, 'NOACK')) {
        if (!xreadgroup) throw ERR_XREAD_NOACK_OPTION;
        noack = true;
      } else {
        throw ERR_SYNTAX;
      }
    }
    if (streamsArg === 0) throw ERR_SYNTAX;
    if (xreadgroup && groupName === undefined) throw ERR_XREADGROUP_MISSING_GROUP;

    const keys = argv.slice(streamsArg, streamsArg + streamsCount);
    const ids: StreamId[] = [];
    const groups: ConsumerGroup[] = [];
    for (let j = 0; j < streamsCount; j++) {
      const key = keys[j] as Bytes;
      const stream = streamType.read(client, key);
      if (groupName !== undefined) {
        const group = stream?.groups?.get(groupName);
        if (group === undefined) throw errNoGroupReadgroup(key, groupName);
        groups.push(group);
      }
      const arg = cString(argv[streamsArg + streamsCount + j] as Bytes);
      if (arg === '$') {
        if (xreadgroup) throw ERR_XREADGROUP_DOLLAR;
        ids.push(stream?.lastId ?? MIN_ID);
      } else if (arg === '>') {
        if (!xreadgroup) throw ERR_XREAD_GT;
        ids.push(MAX_ID);
      } else {
        ids.push(parseStrictId(argv[streamsArg + streamsCount + j] as Bytes));
      }
    }

    const server = client.server;
    const now = server.now();
    const v72 = server.versionAtLeast('7.2.0');
    const served: Array<[Reply, Reply]> = [];
    for (let j = 0; j < streamsCount; j++) {
      const key = keys[j] as Bytes;
      const stream = streamType.read(client, key);
      if (stream === undefined) continue;
      let gt = ids[j] as StreamId;
      const group = groups[j];
      // The group's PEL and consumers change on a stream looked up for reading (used_memory).
      if (group !== undefined) client.db.memoryChanged(key);
      let sync = false;
      let history = false;
      if (group !== undefined) {
        if (!isMaxId(gt)) {
          sync = true;
          history = true;
        } else if (stream.length !== 0 && cmpId(stream.lastValidId(), group.lastId) > 0) {
          sync = true;
          gt = group.lastId;
        }
      } else if (stream.length !== 0 && cmpId(stream.lastValidId(), gt) > 0) {
        sync = true;
      }
      if (!sync) continue;
      const start = incrId(gt) ?? MIN_ID;
      let entries: Reply[];
      if (group !== undefined) {
        const consumer = lookupOrCreateConsumer(client.db, key, group, consumerName as Bytes, now);
        if (v72) consumer.seenTime = now;
        entries = history
          ? readHistory(stream, start, count, consumer, now)
          : readRange(stream, start, count, { group, consumer, noack }, now, v72);
      } else {
        entries = readRange(stream, start, count, undefined, now, v72);
      }
      served.push([key, entries]);
    }
    if (served.length !== 0) return streamsReply(served);
    if (deadline === undefined) return NULL_ARRAY;
    if (client.denyBlocking) return NULL_ARRAY;
    return blockForStreams(client, keys, ids, deadline, count === 0 ? BLOCKED_DEFAULT_COUNT : count, groupName, consumerName, noack);
  };
}

/**
 * Waits for entries past `ids` (the group's last id for XREADGROUP's ">"), as Redis's
 * serveClientsBlockedOnStreamKey serves: each time a waited stream gets entries, its
 * clients are answered in blocking order with what lies beyond their id.
 */
function blockForStreams(
  client: Client,
  keys: Bytes[],
  ids: StreamId[],
  deadline: number,
  count: number,
  groupName: Bytes | undefined,
  consumerName: Bytes | undefined,
  noack: boolean,
) {
  const after = new Map<Bytes, StreamId>();
  keys.forEach((key, j) => {
    if (!after.has(key)) after.set(key, ids[j] as StreamId);
  });
  const server = client.server;
  const v72 = server.versionAtLeast('7.2.0');
  return blockForKeys(client, {
    keys,
    valueTypes: ['stream'],
    deadline,
    ...(groupName === undefined ? {} : { deletedReply: ERR_UNBLOCKED_KEY_DELETED }),
    serve(db, key) {
      const stream = db.lookupWrite(key) as RedisStream;
      let gt = after.get(key) as StreamId;
      let group: ConsumerGroup | undefined;
      if (groupName !== undefined) {
        group = stream.groups?.get(groupName);
        if (group === undefined) return v72 ? errNoGroupReadgroup(key, groupName) : ERR_BLOCKED_GROUP_DESTROYED;
        gt = group.lastId;
        after.set(key, gt);
      }
      if (cmpId(stream.lastId, gt) <= 0) return NOT_SERVED;
      const start = incrId(gt) ?? MIN_ID;
      const now = server.now();
      let entries: Reply[];
      if (group !== undefined) {
        const consumer = lookupOrCreateConsumer(db, key, group, consumerName as Bytes, now);
        if (v72) consumer.seenTime = now;
        entries = readRange(stream, start, count, { group, consumer, noack }, now, v72);
      } else {
        entries = readRange(stream, start, count, undefined, now, v72);
      }
      return streamsReply([[key, entries]]);
    },
  });
}

export const XREAD = xreadGeneric(false);
export const XREADGROUP = xreadGeneric(true);
