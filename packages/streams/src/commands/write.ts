import {
  type Bytes, type Client, type CommandHandler, cString, ERR_SYNTAX, type FakeServer, errWrongArity, hasHistoryEntry, isToken, NULL_ARRAY,
  type Reply, replicaOf,
} from '@fakeredis/core';
import {
  ERR_ELEMENTS_TOO_LARGE, ERR_INVALID_END, ERR_INVALID_ID, ERR_INVALID_START, ERR_LIMIT_NEGATIVE, ERR_LIMIT_WITHOUT_APPROX,
  ERR_LIMIT_WITHOUT_STRATEGY, ERR_MAXLEN_MINID, ERR_MAXLEN_NEGATIVE, ERR_XADD_EXHAUSTED, ERR_XADD_ID_TOO_SMALL, ERR_XADD_ZERO_ID,
  ERR_IDS_REQUIRED, ERR_NUMIDS_MISMATCH, ERR_NUMIDS_POSITIVE, ERR_XTRIM_WITHOUT_STRATEGY, ERR_IDMP_TWICE, ERR_IDMPAUTO_EMPTY_PID,
  ERR_IDMP_EMPTY_PID, ERR_IDMP_EMPTY_IID, ERR_IDMP_AUTO_ID_ONLY,
} from '../errors.js';
import { idempotencyHash, type IdmpEntry, IdmpState, trackIdmp } from '../idmp.js';
import { dirtyWithoutSignal } from '../propagate.js';
import { idmpOf } from './idmp.js';
import { cmpId, decrId, formatId, incrId, isMaxId, isZeroId, MIN_ID, parseIdArg, type StreamId, U64_MAX } from '../id.js';
import { streamFeatures } from '../features.js';
import { nodeLimits, RedisStream, type RefStrategy, streamType, type TrimArgs } from '../stream.js';
import { entryReply, longLongArg, num, parseIntervalId, parseStrictId, readStream } from './common.js';

interface AddTrimArgs {
  trim: TrimArgs | undefined;
  /** XADD: position of the id argument. */
  idPos: number;
  id: StreamId | undefined;
  seqGiven: boolean;
  noMkstream: boolean;
  /** Redis 8.6: IDMP pid iid / IDMPAUTO pid (iid undefined). */
  idmpPid?: Bytes;
  idmpIid?: Bytes;
}

/** KEEPREF / DELREF / ACKED (Redis 8.2), once each: undefined for any other argument. */
function refStrategy(arg: Bytes): RefStrategy | undefined {
  if (isToken(arg, 'KEEPREF')) return 'keepref';
  if (isToken(arg, 'DELREF')) return 'delref';
  if (isToken(arg, 'ACKED')) return 'acked';
  return undefined;
}

/**
 * streamParseAddOrTrimArgsOrReply. `autoSeq`: XADD takes `<ms>-*` (Redis 7.0, as XADD's
 * history records; KeyDB 6.3's XADD refuses it as an invalid id).
 */
function parseAddOrTrim(
  argv: Bytes[], xadd: boolean, maxEntries: number, autoSeq: boolean, refOptions: boolean, idmp = false, mustObey = false,
): AddTrimArgs {
  let refs: RefStrategy | undefined;
  let strategy: TrimArgs['strategy'] | undefined;
  let approx = false;
  let maxlen = 0;
  let minid = MIN_ID;
  let limit = 0;
  let limitGiven = false;
  let noMkstream = false;
  let id: StreamId | undefined;
  let seqGiven = true;
  let idmpPid: Bytes | undefined;
  let idmpIid: Bytes | undefined;
  let i = 2;
  for (; i < argv.length; i++) {
    const moreargs = argv.length - 1 - i;
    const opt = argv[i] as Bytes;
    if (xadd && cString(opt) === '*') break;
    if ((isToken(opt, 'MAXLEN') || isToken(opt, 'MINID')) && moreargs) {
      if (strategy !== undefined) throw ERR_MAXLEN_MINID;
      approx = false;
      const next = cString(argv[i + 1] as Bytes);
      if (moreargs >= 2 && next === '~') {
        approx = true;
        i++;
      } else if (moreargs >= 2 && next === '=') {
        i++;
      }
      if (isToken(opt, 'MAXLEN')) {
        const value = longLongArg(argv[i + 1] as Bytes);
        if (value < 0n) throw ERR_MAXLEN_NEGATIVE;
        maxlen = num(value);
        strategy = 'maxlen';
      } else {
        minid = parseStrictId(argv[i + 1] as Bytes);
        strategy = 'minid';
      }
      i++;
    } else if (isToken(opt, 'LIMIT') && moreargs) {
      const value = longLongArg(argv[i + 1] as Bytes);
      if (value < 0n) throw ERR_LIMIT_NEGATIVE;
      limit = num(value);
      limitGiven = true;
      i++;
    } else if (refOptions && refs === undefined && refStrategy(opt) !== undefined) {
      refs = refStrategy(opt);
    } else if (xadd && isToken(opt, 'NOMKSTREAM')) {
      noMkstream = true;
    } else if (xadd && idmp && isToken(opt, 'IDMPAUTO') && moreargs) {
      if (idmpPid !== undefined) throw ERR_IDMP_TWICE;
      if ((argv[i + 1] as Bytes).length === 0) throw ERR_IDMPAUTO_EMPTY_PID;
      idmpPid = argv[++i] as Bytes;
    } else if (xadd && idmp && isToken(opt, 'IDMP') && moreargs >= 2) {
      if (idmpPid !== undefined) throw ERR_IDMP_TWICE;
      if ((argv[i + 1] as Bytes).length === 0) throw ERR_IDMP_EMPTY_PID;
      if ((argv[i + 2] as Bytes).length === 0) throw ERR_IDMP_EMPTY_IID;
      idmpPid = argv[i + 1] as Bytes;
      idmpIid = argv[i + 2] as Bytes;
      i += 2;
    } else if (xadd) {
      const parsed = parseIdArg(opt, 0, true, autoSeq);
      if (parsed === undefined) throw ERR_INVALID_ID;
      // A master's or the AOF's XADD carries the id its IDMP XADD generated.
      if (idmpPid !== undefined && opt[0] !== '*' && !mustObey) throw ERR_IDMP_AUTO_ID_ONLY;
      id = parsed.id;
      seqGiven = parsed.seqGiven;
      break;
    } else {
      throw ERR_SYNTAX;
    }
  }
  if (limit !== 0 && strategy === undefined) throw ERR_LIMIT_WITHOUT_STRATEGY;
  if (!xadd && strategy === undefined) throw ERR_XTRIM_WITHOUT_STRATEGY;
  if (limitGiven) {
    if (!approx) throw ERR_LIMIT_WITHOUT_APPROX;
  } else if (approx) {
    limit = 100 * maxEntries;
    if (limit <= 0) limit = 10000;
    if (limit > 1000000) limit = 1000000;
  } else {
    limit = 0;
  }
  return {
    trim: strategy === undefined ? undefined : { strategy, maxlen, minid, approx, limit, refs },
    idPos: i,
    id,
    seqGiven,
    noMkstream,
    idmpPid,
    idmpIid,
  };
}

/** XADD key [NOMKSTREAM] [MAXLEN|MINID [=|~] threshold [LIMIT count]] *|id field value [field value ...] */
export const XADD: CommandHandler = (client, argv) => {
  const server = client.server;
  const limits = nodeLimits(server);
  const features = streamFeatures(server);
  dirtyWithoutSignal.delete(client);
  const args = parseAddOrTrim(argv, true, limits.maxEntries, hasHistoryEntry(server.profile, 'XADD', '7.0.0'), features.xaddRefOptions, features.idmp, features.idmp && mustObeyClient(client));
  const fieldPos = args.idPos + 1;
  if (argv.length - fieldPos < 2 || (argv.length - fieldPos) % 2 === 1) throw errWrongArity('xadd');
  const given = args.id;
  if (given !== undefined && args.seqGiven && isZeroId(given)) throw ERR_XADD_ZERO_ID;
  const db = client.db;
  const key = argv[1] as Bytes;
  let stream = streamType.write(db, key, client);
  if (stream === undefined) {
    if (args.noMkstream) return null;
    stream = streamType.add(db, key, newStream(server));
  }
  // Redis 8.6: a recorded iid answers the id it added, counted as a change but not an event.
  let producer: Map<Bytes, IdmpEntry> | undefined;
  let iid: Bytes | undefined;
  if (args.idmpPid !== undefined) {
    const idmp = idmpOf(server, stream);
    producer = idmp.producer(args.idmpPid);
    iid = args.idmpIid ?? (idempotencyHash(argv.slice(fieldPos)) as Bytes);
    const recorded = producer.get(iid);
    if (recorded !== undefined) {
      // keyModified without signal: WATCH and tracking see no change; it propagates as sent.
      idmp.iidsDuplicates++;
      dirtyWithoutSignal.add(client);
      server.addDirty(1);
      return formatId(recorded.id);
    }
  }
  const last = stream.lastId;
  if (isMaxId(last)) throw ERR_XADD_EXHAUSTED;
  let entryId: StreamId | undefined;
  if (given !== undefined) {
    if (args.seqGiven) entryId = given;
    else if (last.ms === given.ms) {
      // 7.0's streamAppendItem fails without setting errno: the reply is the "too large" one.
      if (last.seq === U64_MAX) throw streamFeatures(server).exhaustedSeqIsTooSmall ? ERR_XADD_ID_TOO_SMALL : ERR_ELEMENTS_TOO_LARGE;
      entryId = incrId(last);
    } else entryId = given;
  } else {
    const now = server.now();
    entryId = now > last.ms ? { ms: now, seq: 0 } : incrId(last);
  }
  if (entryId === undefined || cmpId(entryId, last) <= 0) throw ERR_XADD_ID_TOO_SMALL;
  stream.append(entryId, argv.slice(fieldPos), limits);
  if (producer !== undefined) {
    const idmp = idmpOf(server, stream);
    idmp.insert(producer, iid as Bytes, { id: entryId });
    trackIdmp(server, idmp);
  }
  db.signalModifiedKey(key);
  streamType.notify(db, 'xadd', key);
  // One change, a created stream or a trim too (server.dirty++).
  server.addDirty(1);
  if (args.trim !== undefined && stream.trim(args.trim) !== 0) streamType.notify(db, 'xtrim', key);
  db.signalKeyAsReady(key);
  return formatId(entryId);
};

/**
 * mustObeyClient: the master's link, or the AOF being loaded at start-up (whose handlers
 * run outside the dispatcher), where an IDMP XADD comes with the id it generated.
 */
function mustObeyClient(client: Client): boolean {
  return replicaOf(client.server)?.masterClient === client || !client.server.inCommand;
}

/** A new empty stream, its consumers sized for the server's version. */
export function newStream(server: FakeServer): RedisStream {
  const stream = new RedisStream();
  const features = streamFeatures(server);
  if (features.consumerActiveTime) stream.consumerStruct = 32;
  stream.counters8 = features.groupCounters8;
  stream.allocSize8 = features.allocSize;
  if (features.idmp) stream.idmp = new IdmpState(server.config.getNumber('stream-idmp-duration'), server.config.getNumber('stream-idmp-maxsize'));
  return stream;
}

/** XTRIM key MAXLEN|MINID [=|~] threshold [LIMIT count] */
export const XTRIM: CommandHandler = (client, argv) => {
  const args = parseAddOrTrim(argv, false, nodeLimits(client.server).maxEntries, false, streamFeatures(client.server).xtrimRefOptions);
  const db = client.db;
  const key = argv[1] as Bytes;
  const stream = streamType.write(db, key, client);
  if (stream === undefined) return 0;
  const deleted = stream.trim(args.trim as TrimArgs);
  if (deleted !== 0) {
    streamType.notify(db, 'xtrim', key);
    db.signalModifiedKey(key);
    client.server.addDirty(deleted);
  }
  return deleted;
};

/** XRANGE / XREVRANGE: inclusive or "(" exclusive bounds, COUNT. */
function rangeCommand(rev: boolean): CommandHandler {
  return (client, argv) => {
    const start = parseIntervalId(argv[rev ? 3 : 2] as Bytes, 0);
    let startId: StreamId | undefined = start.id;
    if (start.exclusive && (startId = incrId(startId)) === undefined) throw ERR_INVALID_START;
    const end = parseIntervalId(argv[rev ? 2 : 3] as Bytes, U64_MAX);
    let endId: StreamId | undefined = end.id;
    if (end.exclusive && (endId = decrId(endId)) === undefined) throw ERR_INVALID_END;
    let count = -1;
    for (let j = 4; j < argv.length; j++) {
      if (isToken(argv[j], 'COUNT') && argv.length - j - 1 >= 1) {
        const value = longLongArg(argv[j + 1] as Bytes);
        count = value < 0n ? 0 : num(value);
        j++;
      } else {
        throw ERR_SYNTAX;
      }
    }
    const stream = readStream(client, argv[1] as Bytes);
    if (stream === undefined) return [];
    if (count === 0) return NULL_ARRAY;
    const out: Reply[] = [];
    for (const entry of stream.range(startId, endId, rev)) {
      out.push(entryReply(entry));
      if (out.length === count) break;
    }
    return out;
  };
}

export const XRANGE = rangeCommand(false);
export const XREVRANGE = rangeCommand(true);

/** XLEN key */
export const XLEN: CommandHandler = (client, argv) => readStream(client, argv[1] as Bytes)?.length ?? 0;

/** XDEL key id [id ...]: the number of entries deleted (the key is looked up first). */
export const XDEL: CommandHandler = (client, argv) => {
  const db = client.db;
  const key = argv[1] as Bytes;
  const stream = streamType.write(db, key, client);
  if (stream === undefined) return 0;
  const ids = argv.slice(2).map((arg) => parseStrictId(arg));
  let deleted = 0;
  let firstEntry = false;
  for (const target of ids) {
    if (!stream.deleteEntry(target)) continue;
    if (cmpId(target, stream.firstId) === 0) firstEntry = true;
    if (cmpId(target, stream.maxDeletedId) > 0) stream.maxDeletedId = target;
    deleted++;
  }
  if (deleted !== 0) {
    if (stream.length === 0) stream.firstId = MIN_ID;
    else if (firstEntry) stream.firstId = stream.edgeId(true, true);
    db.signalModifiedKey(key);
    streamType.notify(db, 'xdel', key);
    client.server.addDirty(deleted);
  }
  return deleted;
};

/** XDELEX / XACKDEL's options (streamParseAckDelArgsOrReply): the strategy and the ids' place; the last IDS wins. */
export interface AckDelArgs {
  refs: RefStrategy;
  start: number;
  numids: number;
}

export function parseAckDelArgs(argv: Bytes[], first: number): AckDelArgs {
  let refs: RefStrategy | undefined;
  let start = -1;
  let numids = 0;
  for (let j = first; j < argv.length;) {
    const opt = argv[j] as Bytes;
    const strategy = refs === undefined ? refStrategy(opt) : undefined;
    if (strategy !== undefined) {
      refs = strategy;
      j++;
    } else if (isToken(opt, 'IDS') && j + 1 < argv.length) {
      const value = longLongArg(argv[j + 1] as Bytes, ERR_NUMIDS_POSITIVE);
      if (value < 1n) throw ERR_NUMIDS_POSITIVE;
      if (value > BigInt(argv.length - j - 2)) throw ERR_NUMIDS_MISMATCH;
      numids = num(value);
      start = j + 2;
      j = start + numids;
    } else {
      throw ERR_SYNTAX;
    }
  }
  if (start === -1) throw ERR_IDS_REQUIRED;
  return { refs: refs ?? 'keepref', start, numids };
}

/** A reply of -1 for each id: a missing key (or, for XACKDEL, group). */
export function noIds(count: number): number[] {
  return new Array<number>(count).fill(-1);
}

/**
 * XDELEX key [KEEPREF|DELREF|ACKED] IDS numids id [id ...] (Redis 8.2): per id 1 deleted,
 * -1 not in the stream, 2 kept because a group still references it (ACKED). DELREF drops
 * the id from every PEL even when the entry is gone. The ids are parsed once the key is
 * found: a missing key answers -1s whatever they are.
 */
export const XDELEX: CommandHandler = (client, argv) => {
  const db = client.db;
  const key = argv[1] as Bytes;
  const stream = streamType.write(db, key, client);
  const args = parseAckDelArgs(argv, 2);
  if (stream === undefined) return noIds(args.numids);
  const ids = argv.slice(args.start, args.start + args.numids).map((arg) => parseStrictId(arg));
  const out: number[] = [];
  let deleted = 0;
  let firstEntry = false;
  for (const target of ids) {
    if (args.refs === 'acked' && stream.entryIsReferenced(target)) {
      out.push(2);
      continue;
    }
    if (args.refs === 'delref') stream.dropEntryRefs(target);
    if (!deleteOne(stream, target)) {
      out.push(-1);
      continue;
    }
    if (cmpId(target, stream.firstId) === 0) firstEntry = true;
    deleted++;
    out.push(1);
  }
  if (deleted !== 0) {
    fixFirstId(stream, firstEntry);
    db.signalModifiedKey(key);
    streamType.notify(db, 'xdel', key);
    client.server.addDirty(deleted);
  }
  return out;
};

/** streamDeleteItem and the max deleted id it moves. */
export function deleteOne(stream: RedisStream, target: StreamId): boolean {
  if (!stream.deleteEntry(target)) return false;
  if (cmpId(target, stream.maxDeletedId) > 0) stream.maxDeletedId = target;
  return true;
}

/** After deletions: the first id is 0-0 for an empty stream, else found again if the first entry went. */
export function fixFirstId(stream: RedisStream, firstEntry: boolean): void {
  if (stream.length === 0) stream.firstId = MIN_ID;
  else if (firstEntry) stream.firstId = stream.edgeId(true, true);
}
