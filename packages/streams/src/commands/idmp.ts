import { type Bytes, type CommandHandler, ERR_NO_SUCH_KEY, ERR_SYNTAX, type FakeServer, isToken, OK } from '@fakeredis/core';
import {
  ERR_IDMP_DURATION_RANGE, ERR_IDMP_DURATION_TWICE, ERR_IDMP_MAXSIZE_RANGE, ERR_IDMP_MAXSIZE_TWICE, ERR_IDMP_RECORD_EMPTY_IID,
  ERR_IDMP_RECORD_EMPTY_PID, ERR_IID_OTHER_ID, ERR_NO_SUCH_MESSAGE, ERR_XCFGSET_NOTHING,
} from '../errors.js';
import { IDMP_MAX_DURATION, IDMP_MAX_MAXSIZE, IDMP_MIN_DURATION, IDMP_MIN_MAXSIZE, IdmpState, lookupIid, trackIdmp } from '../idmp.js';
import { dirtyWithoutSignal } from '../propagate.js';
import { type RedisStream, streamType } from '../stream.js';
import { longLongArg, num, parseStrictId } from './common.js';

/** A stream's idempotent-producer state, made with the server's defaults if the stream has none yet (Redis 8.6). */
export function idmpOf(server: FakeServer, stream: RedisStream): IdmpState {
  stream.idmp ??= new IdmpState(server.config.getNumber('stream-idmp-duration'), server.config.getNumber('stream-idmp-maxsize'));
  return stream.idmp;
}

/**
 * XCFGSET key [IDMP-DURATION duration] [IDMP-MAXSIZE maxsize] (Redis 8.6): the key is
 * looked up first; a limit set to another value forgets every recorded iid. OK whether or
 * not anything changed; a change counts and propagates but signals nothing (no keyspace
 * event, WATCH untouched).
 */
export const XCFGSET: CommandHandler = (client, argv) => {
  dirtyWithoutSignal.delete(client);
  const db = client.db;
  const key = argv[1] as Bytes;
  const stream = streamType.write(db, key, client);
  if (stream === undefined) throw ERR_NO_SUCH_KEY;
  let duration = -1;
  let maxsize = -1;
  for (let i = 2; i < argv.length; i++) {
    const moreargs = argv.length - i - 1;
    const param = argv[i] as Bytes;
    if (isToken(param, 'IDMP-DURATION') && moreargs) {
      if (duration !== -1) throw ERR_IDMP_DURATION_TWICE;
      const value = longLongArg(argv[++i] as Bytes);
      if (value < BigInt(IDMP_MIN_DURATION) || value > BigInt(IDMP_MAX_DURATION)) throw ERR_IDMP_DURATION_RANGE;
      duration = num(value);
    } else if (isToken(param, 'IDMP-MAXSIZE') && moreargs) {
      if (maxsize !== -1) throw ERR_IDMP_MAXSIZE_TWICE;
      const value = longLongArg(argv[++i] as Bytes);
      if (value < BigInt(IDMP_MIN_MAXSIZE) || value > BigInt(IDMP_MAX_MAXSIZE)) throw ERR_IDMP_MAXSIZE_RANGE;
      maxsize = num(value);
    } else {
      throw ERR_SYNTAX;
    }
  }
  if (duration === -1 && maxsize === -1) throw ERR_XCFGSET_NOTHING;
  const idmp = idmpOf(client.server, stream);
  let changed = false;
  if (duration !== -1 && idmp.duration !== duration) {
    idmp.duration = duration;
    idmp.clear();
    changed = true;
  }
  if (maxsize !== -1 && idmp.maxEntries !== maxsize) {
    idmp.maxEntries = maxsize;
    idmp.clear();
    changed = true;
  }
  // keyModified without signal: WATCH and tracking see no change.
  client.server.addDirty(changed ? 1 : 0);
  if (changed) dirtyWithoutSignal.add(client);
  return OK;
};

/**
 * XIDMPRECORD key pid iid id (Redis 8.6.2; how the AOF rewrite restores an iid): records
 * the iid for an entry the stream holds. OK also when the producer already has it for
 * that id (no change); an error when for another id.
 */
export const XIDMPRECORD: CommandHandler = (client, argv) => {
  dirtyWithoutSignal.delete(client);
  const id = parseStrictId(argv[4] as Bytes);
  const pid = argv[2] as Bytes;
  const iid = argv[3] as Bytes;
  if (pid.length === 0) throw ERR_IDMP_RECORD_EMPTY_PID;
  if (iid.length === 0) throw ERR_IDMP_RECORD_EMPTY_IID;
  const db = client.db;
  const key = argv[1] as Bytes;
  const stream = streamType.write(db, key, client);
  if (stream === undefined) throw ERR_NO_SUCH_KEY;
  if (stream.entry(id) === undefined) throw ERR_NO_SUCH_MESSAGE;
  const idmp = idmpOf(client.server, stream);
  const producer = idmp.producer(pid);
  const found = lookupIid(producer, iid, id);
  if (found !== 0) {
    client.server.addDirty(0);
    if (found === 1) return OK;
    throw ERR_IID_OTHER_ID;
  }
  idmp.insert(producer, iid, { id });
  trackIdmp(client.server, idmp);
  client.server.addDirty(1);
  dirtyWithoutSignal.add(client);
  return OK;
};
