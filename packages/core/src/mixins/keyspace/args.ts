import type { Bytes } from '../../bytes.js';
import type { Database } from '../../database.js';
import { ERR_C_INT_RANGE, ERR_DB_INDEX, ERR_NOT_INTEGER } from '../../errors/index.js';
import { tryParseInt64 } from '../../numbers.js';
import type { ErrorReply } from '../../reply.js';
import type { FakeServer } from '../../server.js';

/**
 * A C int argument, as getIntFromObjectOrReply reads it: "not an integer" and "out of
 * range" errors, or `error` for both when the command names its own (SWAPDB).
 */
export function parseInt32(arg: Bytes, error?: ErrorReply): number {
  const value = tryParseInt64(arg);
  if (value === undefined) throw error ?? ERR_NOT_INTEGER;
  if (value < -2147483648n || value > 2147483647n) throw error ?? ERR_C_INT_RANGE;
  return Number(value);
}

/** The database with that index, or "DB index is out of range" (selectDb). */
export function databaseAt(server: FakeServer, index: number): Database {
  const db = server.databases[index];
  if (db === undefined) throw ERR_DB_INDEX;
  return db;
}

