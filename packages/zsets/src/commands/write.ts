import {
  type Bytes,
  type Client,
  type CommandHandler,
  DoubleReply,
  ERR_SYNTAX,
  type Reply,
  isToken,
  parseDouble,
} from '@fakeredis/core';
import { type ZaddFlags, zsetAdd } from '../add.js';
import { ERR_SCORE_NAN, ERR_ZADD_GT_LT_NX, ERR_ZADD_INCR_PAIR, ERR_ZADD_XX_NX } from '../errors.js';
import { SortedSet, zsetLimits, zsetType } from '../value.js';

type ZaddOptions = { -readonly [K in keyof ZaddFlags]: ZaddFlags[K] } & { ch?: boolean };

/**
 * ZADD key [NX|XX] [GT|LT] [CH] [INCR] score member [score member ...] and ZINCRBY
 * (zaddGenericCommand): options, then every score, then the key; a missing key is
 * created (unless XX) before the first element goes in.
 */
function zaddGeneric(client: Client, argv: Bytes[], scoreIndex: number, options: ZaddOptions): Reply {
  const { nx = false, xx = false, gt = false, lt = false, incr = false, ch = false } = options;
  const elements = argv.length - scoreIndex;
  if (elements % 2 !== 0 || elements === 0) throw ERR_SYNTAX;
  const pairs = elements / 2;
  if (nx && xx) throw ERR_ZADD_XX_NX;
  if ((gt && nx) || (lt && nx) || (gt && lt)) throw ERR_ZADD_GT_LT_NX;
  if (incr && pairs > 1) throw ERR_ZADD_INCR_PAIR;
  const scores = new Array<number>(pairs);
  for (let j = 0; j < pairs; j++) scores[j] = parseDouble(argv[scoreIndex + j * 2] as Bytes);

  const db = client.db;
  const key = argv[1] as Bytes;
  const limits = zsetLimits(client.server);
  let zset = zsetType.write(db, key, client);
  if (zset === undefined) {
    if (xx) return incr ? null : 0;
    const firstMember = argv[scoreIndex + 1] as Bytes;
    const created = client.server.versionAtLeast('7.2.0')
      ? SortedSet.createForHint(limits, pairs, firstMember.length)
      : SortedSet.create(limits, firstMember.length);
    zset = zsetType.add(db, key, created);
  } else if (client.server.versionAtLeast('7.2.0') && zset.encoding() === 'listpack' && pairs > limits.entries) {
    // 7.2's zsetTypeMaybeConvert: a write bringing more members than a listpack holds.
    zset.convert('skiplist');
  }

  let added = 0;
  let updated = 0;
  let processed = 0;
  let score = 0;
  let failed = false;
  for (let j = 0; j < pairs; j++) {
    const outcome = zsetAdd(zset, argv[scoreIndex + 1 + j * 2] as Bytes, scores[j] as number, { nx, xx, gt, lt, incr }, limits);
    if (outcome.result === 'nan') {
      failed = true;
      break;
    }
    if (outcome.result === 'added') added++;
    else if (outcome.result === 'updated') updated++;
    if (outcome.result !== 'skipped') processed++;
    score = outcome.score;
  }
  if (added > 0 || updated > 0) {
    db.signalModifiedKey(key);
    zsetType.notify(db, incr ? 'zincr' : 'zadd', key);
    client.server.addDirty(added + updated);
  }
  if (failed) throw ERR_SCORE_NAN;
  if (incr) return processed > 0 ? new DoubleReply(score) : null;
  return ch ? added + updated : added;
}

/** ZADD key [NX|XX] [GT|LT] [CH] [INCR] score member [score member ...] */
export const ZADD: CommandHandler = (client, argv) => {
  const options: ZaddOptions = {};
  let index = 2;
  for (; index < argv.length; index++) {
    const arg = argv[index] as Bytes;
    if (isToken(arg, 'NX')) options.nx = true;
    else if (isToken(arg, 'XX')) options.xx = true;
    else if (isToken(arg, 'GT')) options.gt = true;
    else if (isToken(arg, 'LT')) options.lt = true;
    else if (isToken(arg, 'CH')) options.ch = true;
    else if (isToken(arg, 'INCR')) options.incr = true;
    else break;
  }
  return zaddGeneric(client, argv, index, options);
};

/** ZINCRBY key increment member: ZADD INCR. */
export const ZINCRBY: CommandHandler = (client, argv) => zaddGeneric(client, argv, 2, { incr: true });

/** ZREM key member [member ...]: the number removed; an emptied zset is deleted. */
export const ZREM: CommandHandler = (client, argv) => {
  const db = client.db;
  const key = argv[1] as Bytes;
  const zset = zsetType.write(db, key, client);
  if (zset === undefined) return 0;
  let deleted = 0;
  for (let j = 2; j < argv.length && zset.size > 0; j++) if (zset.delete(argv[j] as Bytes)) deleted++;
  if (deleted > 0) {
    // As zremCommand: `zrem`, then `del` when the zset emptied.
    zsetType.notify(db, 'zrem', key);
    zsetType.deleteIfEmpty(db, key, zset);
    db.signalModifiedKey(key);
    client.server.addDirty(deleted);
  }
  return deleted;
};
