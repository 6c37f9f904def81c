/**
 * client-output-buffer-limit as Redis 7.0 applies it (networking.c's
 * checkClientOutputBufferLimits), and the output-buffer figures CLIENT LIST prints.
 */

/** Redis's PROTO_REPLY_CHUNK_BYTES: the static reply buffer (obl); the rest is the reply list. */
export const REPLY_BUFFER_BYTES = 16 * 1024;
/** sizeof(listNode) + sizeof(clientReplyBlock): the overhead of each reply-list node in omem. */
const REPLY_NODE_OVERHEAD = 24 + 16;

/** One class's limits: bytes (0 = none) and the seconds the soft limit may be exceeded. */
export interface OutputBufferLimit {
  readonly hard: number;
  readonly soft: number;
  readonly softSeconds: number;
}

/** Limits per class, in config order: normal, replica (slave), pubsub; undefined = none. */
export type OutputBufferLimits = readonly [OutputBufferLimit | undefined, OutputBufferLimit | undefined, OutputBufferLimit | undefined];

/** Reads the canonical config value ("normal 0 0 0 slave ... pubsub ..."). */
export function parseOutputBufferLimits(value: string): OutputBufferLimits {
  const words = value.split(' ');
  const limit = (i: number): OutputBufferLimit | undefined => {
    const hard = Number(words[i * 4 + 1] ?? 0);
    const soft = Number(words[i * 4 + 2] ?? 0);
    return hard === 0 && soft === 0 ? undefined : { hard, soft, softSeconds: Number(words[i * 4 + 3] ?? 0) };
  };
  return [limit(0), limit(1), limit(2)];
}

/**
 * CLIENT LIST's obl, oll and omem for `pending` bytes not yet sent (Redis-like estimates),
 * with a static reply buffer of `replyBufferSize` (rbs, resized by the clients cron).
 */
export interface OutputBufferFigures {
  /** Bytes in the static reply buffer. */
  readonly obl: number;
  /** Reply-list nodes (of REPLY_BUFFER_BYTES each, as pub/sub messages fill them). */
  readonly oll: number;
  /** Memory of the reply list: what client-output-buffer-limit measures. */
  readonly omem: number;
}

export function outputBufferFigures(pending: number, replyBufferSize = REPLY_BUFFER_BYTES): OutputBufferFigures {
  const obl = Math.min(replyBufferSize, pending);
  const listBytes = pending - obl;
  const oll = Math.ceil(listBytes / REPLY_BUFFER_BYTES);
  return { obl, oll, omem: oll * (REPLY_BUFFER_BYTES + REPLY_NODE_OVERHEAD) };
}
