import { type Bytes, type CommandHandler, MutableString, OK } from '@fakeredis/core';
import { ERR_HLL_CORRUPTED } from '../errors.js';
import { stringType } from '../value.js';
import { HLL_DENSE, HLL_REGISTERS, HllData } from './hll.js';
import { readHll, sparseMaxBytes, storeHll, writeHll } from './hll-value.js';

/**
 * PFMERGE destkey [sourcekey ...]: the register-wise maximum of every HLL named (destkey
 * included) written into destkey, dense if any input was dense. Emits "pfadd".
 */
export const PFMERGE: CommandHandler = (client, argv) => {
  const db = client.db;
  const max = new Uint8Array(HLL_REGISTERS);
  let useDense = false;
  for (let j = 1; j < argv.length; j++) {
    const source = readHll(client, argv[j] as Bytes);
    if (source === undefined) continue;
    if (source.encoding === HLL_DENSE) useDense = true;
    if (!source.mergeInto(max)) throw ERR_HLL_CORRUPTED;
  }
  const key = argv[1] as Bytes;
  const existing = writeHll(db, key);
  const data = existing ?? HllData.create();
  if (existing === undefined) db.add(key, new MutableString(data.view()));
  if (useDense && !data.toDense()) {
    storeHll(db, key, data);
    throw ERR_HLL_CORRUPTED;
  }
  const maxBytes = sparseMaxBytes(client);
  for (let j = 0; j < HLL_REGISTERS; j++) {
    const count = max[j] as number;
    if (count === 0) continue;
    if (data.encoding === HLL_DENSE) data.denseSetIfGreater(j, count);
    else data.sparseSet(j, count, maxBytes);
  }
  data.invalidateCache();
  storeHll(db, key, data);
  db.signalModifiedKey(key);
  stringType.notify(db, 'pfadd', key);
  client.server.addDirty(1);
  return OK;
};
