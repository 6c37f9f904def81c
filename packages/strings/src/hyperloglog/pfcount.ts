import { type Bytes, type CommandHandler, int64Reply } from '@fakeredis/core';
import { ERR_HLL_CORRUPTED } from '../errors.js';
import { estimateCardinality, HLL_REGISTERS, rawHistogram } from './hll.js';
import { readHll, storeHll } from './hll-value.js';

/**
 * PFCOUNT key [key ...]. One key: the cached cardinality, or a fresh estimate written
 * back into the header (which counts as a modification for WATCH). Several keys: the
 * estimate of their union, nothing cached.
 */
export const PFCOUNT: CommandHandler = (client, argv) => {
  const db = client.db;
  if (argv.length > 2) {
    const max = new Uint8Array(HLL_REGISTERS);
    for (let j = 1; j < argv.length; j++) {
      const data = readHll(client, argv[j] as Bytes);
      if (data !== undefined && !data.mergeInto(max)) throw ERR_HLL_CORRUPTED;
    }
    return estimateCardinality(rawHistogram(max));
  }
  const key = argv[1] as Bytes;
  const data = readHll(client, key);
  if (data === undefined) return 0;
  const cached = data.cachedCardinality();
  if (cached !== undefined) {
    storeHll(db, key, data);
    return int64Reply(cached);
  }
  const histogram = data.histogram();
  if (histogram === undefined) {
    storeHll(db, key, data);
    throw ERR_HLL_CORRUPTED;
  }
  const card = estimateCardinality(histogram);
  data.storeCardinality(card);
  storeHll(db, key, data);
  db.signalModifiedKey(key);
  return card;
};
