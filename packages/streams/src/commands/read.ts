import {
  blockForKeys, type Bytes, type Client, type CommandHandler, cString, ERR_SYNTAX, ErrorReply, type HandlerResult, isToken, NOT_SERVED,
  NULL_ARRAY, PairsMapReply, parseBlockTimeout, type Reply,
} from '@fakeredis/core';
import {
  ERR_BLOCKED_GROUP_DESTROYED, ERR_UNBLOCKED_KEY_DELETED, ERR_XREAD_GROUP_OPTION, ERR_XREAD_GT, ERR_XREAD_LAST_ID_ZERO, ERR_XREAD_NOACK_OPTION,
  ERR_XREAD_UNBALANCED, ERR_XREADGROUP_DOLLAR, ERR_XREADGROUP_MISSING_GROUP, ERR_XREADGROUP_PLUS, errBlockInScript, errNoGroupReadgroup,
  errUnbalancedStreams,
} from '../errors.js';
import { streamFeatures } from '../features.js';
import type { ConsumerGroup } from '../groups.js';
import { cmpId, decrId, formatId, incrId, isMaxId, MAX_ID, MIN_ID, type StreamId } from '../id.js';
import { type RedisStream, streamType } from '../stream.js';
import { longLongArg, lookupOrCreateConsumer, num, parseStrictId, readHistory, readRange } from './common.js';
import { propagateConsumerCreation } from '../propagate.js';

/** XREAD_BLOCKED_DEFAULT_COUNT: Redis 7.0 serves a blocked XREAD without COUNT at most this many. */
const BLOCKED_DEFAULT_COUNT = 1000;

/** The reply: a map of key to entries (RESP3), an array of [key, entries] pairs in RESP2. */
function streamsReply(served: Array<[Reply, Reply]>): Reply {
  return new PairsMapReply(served);
}

/** What a call that found nothing to serve waits with. */
class Wait {
  constructor(
    readonly deadline: number,
    readonly keys: Bytes[],
    /** Each key's id ("$" resolved; MAX_ID for ">"). */
    readonly ids: StreamId[],
    readonly count: number,
    readonly groupName: Bytes | undefined,
    readonly consumerName: Bytes | undefined,
    readonly noack: boolean,
    /** The arguments with "$" replaced by the id it stood for, for Redis 7.2's re-execution. */
    readonly argv: Bytes[],
  ) {}

  withDeadline(deadline: number): Wait {
    return new Wait(deadline, this.keys, this.ids, this.count, this.groupName, this.consumerName, this.noack, this.argv);
  }
}

/**
 * XREAD [COUNT count] [BLOCK ms] STREAMS key [key ...] id [id ...] and
 * XREADGROUP GROUP group consumer [COUNT count] [BLOCK ms] [NOACK] STREAMS key [key ...] id [id ...]
 * (xreadCommand): serves at once what it can; else waits (BLOCK) or answers a null array.
 */
function xreadGeneric(xreadgroup: boolean): CommandHandler {
  return (client, argv) => {
    const outcome = xreadOnce(client, argv, xreadgroup);
    if (!(outcome instanceof Wait)) return outcome;
    if (streamFeatures(client.server).reexecuteBlocked) return blockToRunAgain(client, outcome, xreadgroup);
    return blockForStreams(client, outcome);
  };
}

/** One run of xreadCommand: the reply, or how to wait when it has BLOCK and nothing to serve. */
function xreadOnce(client: Client, argv: Bytes[], xreadgroup: boolean): Reply | Wait {
  const server = client.server;
  const features = streamFeatures(server);
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
      // Redis 7.0 and 7.2 refuse BLOCK in a script outright (7.4 treats it as in MULTI).
      if (client.isScript && features.blockInScriptIsError) throw errBlockInScript(argv[0] as Bytes);
      i++;
      deadline = parseBlockTimeout(client, argv[i] as Bytes, 'milliseconds');
    } else if (isToken(o, 'COUNT') && moreargs) {
      i++;
      const value = longLongArg(argv[i] as Bytes);
      count = value < 0n ? 0 : num(value);
    } else if (isToken(o, 'STREAMS') && moreargs) {
      streamsArg = i + 1;
      streamsCount = argv.length - streamsArg;
      if (streamsCount % 2 !== 0) throw features.unbalancedNamesCommand ? errUnbalancedStreams(xreadgroup, features.groupCounters8) : ERR_XREAD_UNBALANCED;
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
  let dollarArgv: Bytes[] | undefined;
  for (let j = 0; j < streamsCount; j++) {
    const key = keys[j] as Bytes;
    const stream = streamType.read(client, key);
    if (groupName !== undefined) {
      const group = stream?.groups?.get(groupName);
      if (group === undefined) throw errNoGroupReadgroup(key, groupName);
      groups.push(group);
    }
    const idPos = streamsArg + streamsCount + j;
    const arg = cString(argv[idPos] as Bytes);
    if (arg === '$') {
      if (xreadgroup) throw ERR_XREADGROUP_DOLLAR;
      const id = stream?.lastId ?? MIN_ID;
      ids.push(id);
      dollarArgv ??= argv.slice();
      dollarArgv[idPos] = formatId(id);
    } else if (arg === '+' && features.xreadLastEntry) {
      if (xreadgroup) throw ERR_XREADGROUP_PLUS;
      if (stream === undefined) {
        ids.push(MIN_ID);
      } else {
        // Past the one before the last id: the last entry, if it is still there.
        const beforeLast = decrId(stream.lastId);
        if (beforeLast === undefined) throw ERR_XREAD_LAST_ID_ZERO;
        ids.push(beforeLast);
      }
    } else if (arg === '>') {
      if (!xreadgroup) throw ERR_XREAD_GT;
      ids.push(MAX_ID);
    } else {
      ids.push(parseStrictId(argv[idPos] as Bytes));
    }
  }

  const now = server.now();
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
    // Redis 7.2 looks up (or creates) the consumer whether or not there is anything to read.
    const created = group !== undefined && !group.consumers.has(consumerName as Bytes);
    const consumer = group !== undefined && (sync || features.consumerActiveTime)
      ? lookupOrCreateConsumer(client.db, key, group, consumerName as Bytes, now)
      : undefined;
    // streamPropagateConsumerCreation: a NOACK read's new consumer has no XCLAIM to create it.
    if (consumer !== undefined && created && noack) propagateConsumerCreation(client, key, groupName as Bytes, consumer.name);
    if (!sync) continue;
    const start = incrId(gt) ?? MIN_ID;
    let entries: Reply[];
    if (group !== undefined && consumer !== undefined) {
      // A group's read changes it (server.dirty++ per stream served).
      client.server.addDirty(1);
      entries = history
        ? readHistory(stream, start, count, consumer, now)
        : readRange(stream, start, count, { group, consumer, noack, spi: { client, key, groupName: groupName as Bytes } }, now, features.consumerActiveTime);
    } else {
      entries = readRange(stream, start, count, undefined, now, false);
    }
    served.push([key, entries]);
  }
  if (served.length !== 0) return streamsReply(served);
  if (deadline === undefined) return NULL_ARRAY;
  if (client.denyBlocking) return NULL_ARRAY;
  return new Wait(deadline, keys, ids, count, groupName, consumerName, noack, dollarArgv ?? argv);
}

/**
 * Redis 7.2: the client waits on its keys; when one of them is touched (for XREADGROUP also
 * deleted or given another type) the command runs again from its arguments, "$" fixed to
 * the ids it stood for. It answers what that run answers, or, finding nothing, blocks again
 * at the end of each key's queue (its timeout counted anew up to 7.2.4).
 */
function blockToRunAgain(client: Client, wait: Wait, xreadgroup: boolean): HandlerResult {
  const server = client.server;
  const restartsTimeout = streamFeatures(server).timeoutRestartsWhenBlockedAgain;
  return blockForKeys(client, {
    keys: wait.keys,
    valueTypes: ['stream'],
    deadline: wait.deadline,
    unblockOnNoKey: xreadgroup,
    serve() {
      let outcome: Reply | Wait;
      try {
        outcome = xreadOnce(client, wait.argv, xreadgroup);
      } catch (error) {
        if (error instanceof ErrorReply) return error;
        throw error;
      }
      if (!(outcome instanceof Wait)) return outcome;
      server.blocking.unblock(client, undefined);
      blockToRunAgain(client, restartsTimeout ? outcome : outcome.withDeadline(wait.deadline), xreadgroup);
      return NOT_SERVED;
    },
  });
}

/**
 * Redis 7.0: waits for entries past the ids (the group's last id for XREADGROUP's ">"), as
 * serveClientsBlockedOnStreamKey serves: each time a waited stream gets entries, its clients
 * are answered in blocking order with what lies beyond their id, from that stream alone.
 */
function blockForStreams(client: Client, wait: Wait): HandlerResult {
  const { keys, ids, groupName, consumerName, noack } = wait;
  const count = wait.count === 0 ? BLOCKED_DEFAULT_COUNT : wait.count;
  const after = new Map<Bytes, StreamId>();
  keys.forEach((key, j) => {
    if (!after.has(key)) after.set(key, ids[j] as StreamId);
  });
  const server = client.server;
  return blockForKeys(client, {
    keys,
    valueTypes: ['stream'],
    deadline: wait.deadline,
    ...(groupName === undefined ? {} : { deletedReply: ERR_UNBLOCKED_KEY_DELETED }),
    serve(db, key) {
      const stream = db.lookupWrite(key) as RedisStream;
      let gt = after.get(key) as StreamId;
      let group: ConsumerGroup | undefined;
      if (groupName !== undefined) {
        group = stream.groups?.get(groupName);
        if (group === undefined) return ERR_BLOCKED_GROUP_DESTROYED;
        gt = group.lastId;
        after.set(key, gt);
      }
      if (cmpId(stream.lastId, gt) <= 0) return NOT_SERVED;
      const start = incrId(gt) ?? MIN_ID;
      const now = server.now();
      let entries: Reply[];
      if (group !== undefined) {
        const created = !group.consumers.has(consumerName as Bytes);
        const consumer = lookupOrCreateConsumer(db, key, group, consumerName as Bytes, now);
        if (created && noack) propagateConsumerCreation(client, key, groupName as Bytes, consumer.name);
        entries = readRange(stream, start, count, { group, consumer, noack, spi: { client, key, groupName: groupName as Bytes } }, now, false);
      } else {
        entries = readRange(stream, start, count, undefined, now, false);
      }
      return streamsReply([[key, entries]]);
    },
  });
}

export const XREAD = xreadGeneric(false);
export const XREADGROUP = xreadGeneric(true);
