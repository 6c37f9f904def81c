import {
  type Bytes,
  bytesFromText,
  type CommandHandler,
  status,
  cString,
} from '@fakeredis/core';
import { ERR_HLL_CORRUPTED, ERR_PFDEBUG_NO_KEY, ERR_PFDEBUG_NOT_SPARSE, errUnknownPfdebugSubcommand } from '../errors.js';
import { HLL_REGISTERS, HLL_SPARSE, type HllData } from './hll.js';
import { storeHll, writeHll } from './hll-value.js';

/**
 * PFDEBUG GETREG|DECODE|ENCODING|TODENSE key: Redis's HLL debugging command. The key
 * is unshared (made raw) before the subcommand is even looked at, as Redis does.
 */
export const PFDEBUG: CommandHandler = (client, argv) => {
  const sub = cString(argv[1] as Bytes);
  const key = argv[2] as Bytes;
  const db = client.db;
  const data = writeHll(db, key);
  if (data === undefined) throw ERR_PFDEBUG_NO_KEY;
  try {
    switch (sub.toUpperCase()) {
      case 'GETREG': {
        convertToDense(data);
        const registers: number[] = [];
        for (let i = 0; i < HLL_REGISTERS; i++) registers.push(data.denseGet(i));
        return registers;
      }
      case 'DECODE':
        if (data.encoding !== HLL_SPARSE) throw ERR_PFDEBUG_NOT_SPARSE;
        return data.decodeSparse() as Bytes;
      case 'ENCODING':
        return status(data.encoding === HLL_SPARSE ? 'sparse' : 'dense');
      case 'TODENSE':
        return convertToDense(data) ? 1 : 0;
      default:
        throw errUnknownPfdebugSubcommand(bytesFromText(sub));
    }
  } finally {
    storeHll(db, key, data);
  }
};

/** Converts to dense if sparse; true when it converted. */
function convertToDense(data: HllData): boolean {
  if (data.encoding !== HLL_SPARSE) return false;
  if (!data.toDense()) throw ERR_HLL_CORRUPTED;
  return true;
}
