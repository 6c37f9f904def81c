import { type Bytes, type CommandHandler, MutableString } from '@fakeredis/core';
import { ERR_HLL_CORRUPTED } from '../errors.js';
import { stringType } from '../value.js';
import { HllData } from './hll.js';
import { sparseMaxBytes, storeHll, writeHll } from './hll-value.js';

/** PFADD key [element ...]: 1 when the HLL was created or a register changed. */
export const PFADD: CommandHandler = (client, argv) => {
  const key = argv[1] as Bytes;
  const db = client.db;
  const maxBytes = sparseMaxBytes(client);
  const existing = writeHll(db, key);
  const created = existing === undefined;
  const data = existing ?? HllData.create();
  let updated = created ? 1 : 0;
  for (let j = 2; j < argv.length; j++) {
    const result = data.add(argv[j] as Bytes, maxBytes);
    if (result === 1) updated++;
    else if (result === -1) {
      // Registers already raised stay raised, as in Redis; nothing is signalled.
      storeHll(db, key, data);
      throw ERR_HLL_CORRUPTED;
    }
  }
  if (updated) data.invalidateCache();
  if (created) db.add(key, new MutableString(data.view()));
  else storeHll(db, key, data);
  if (updated) {
    db.signalModifiedKey(key);
    stringType.notify(db, 'pfadd', key);
  }
  // server.dirty += updated: each element that raised a register, and the creation.
  client.server.addDirty(updated);
  return updated ? 1 : 0;
};
