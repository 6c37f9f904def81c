import type { Bytes } from '../bytes.js';
import type { Client } from '../client.js';
import type { NO_REPLY } from '../reply.js';
import type { Database } from '../database.js';
import { ErrorReply, NULL_ARRAY, type Reply } from '../reply.js';
import type { RedisType } from '../values/object.js';
import { type BlockRequest, KEY_DRAINED } from './blocking.js';

export { BlockingManager, KEY_DRAINED, NOT_SERVED, type BlockRequest, type BlockedState, type ServeOutcome } from './blocking.js';
export { parseBlockTimeout } from './timeout.js';

/**
 * Blocks the client on keys until one of them can serve it (see BlockRequest), its
 * deadline passes, CLIENT UNBLOCK or a disconnect. The handler returns what this returns.
 */
export function blockForKeys(client: Client, request: BlockRequest): typeof NO_REPLY {
  return client.server.blocking.block(client, request);
}

/** A blocking pop (BLPOP, BLMPOP, BZPOPMIN, BZMPOP ...), for popOrBlock. */
export interface BlockingPop<V> {
  readonly keys: readonly Bytes[];
  readonly valueTypes: readonly RedisType[];
  /** From parseBlockTimeout. */
  readonly deadline: number;
  /** The first key that can serve now and its value, by the command's own lookups (WRONGTYPE ...). */
  ready(): { key: Bytes; value: V } | undefined;
  /** The value at a ready key while it can still serve someone, else undefined. */
  serving(db: Database, key: Bytes): V | undefined;
  /** The pop itself (with its events and writes): the client's reply. */
  pop(db: Database, key: Bytes, value: V): Reply;
  /** BlockRequest.servedUncountedBefore72. */
  readonly servedUncountedBefore72?: boolean;
}

/**
 * What every blocking pop does: pop at once from the first key that can serve; else,
 * where blocking is denied (MULTI, the direct API), answer as a timeout with a null
 * array; else wait on all the keys.
 */
export function popOrBlock<V>(client: Client, op: BlockingPop<V>): Reply | typeof NO_REPLY {
  const found = op.ready();
  if (found !== undefined) return op.pop(client.db, found.key, found.value);
  if (client.denyBlocking) return NULL_ARRAY;
  return blockForKeys(client, {
    keys: op.keys,
    valueTypes: op.valueTypes,
    deadline: op.deadline,
    servedUncountedBefore72: op.servedUncountedBefore72,
    serve(db, key) {
      const value = op.serving(db, key);
      if (value === undefined) return KEY_DRAINED;
      if (!client.server.profile.servedBlockedCommandsRerun) return op.pop(db, key, value);
      // From 7.2 the command runs again: it pops from the first key that can serve in
      // argument order (not always the one that woke it), or fails as it would (WRONGTYPE).
      try {
        const found = op.ready() ?? { key, value };
        return op.pop(db, found.key, found.value);
      } catch (error) {
        if (error instanceof ErrorReply) return error;
        throw error;
      }
    },
  });
}
