import type { WireConnection } from '@fakeredis/tooling/conformance';

/** A reply as plain values: arrays of them, null for a null reply, the text or number otherwise. */
export const plain = (w: unknown): unknown => {
  const wire = w as { t: string; v?: unknown };
  if (wire.t === 'array') return (wire.v as unknown[]).map(plain);
  if (wire.t === 'nullbulk' || wire.t === 'null') return null;
  return wire.v;
};

export const send = async (conn: WireConnection, cmd: string[]): Promise<unknown> => plain(await conn.send(cmd));

/** Waits until no AOF rewrite runs (INFO aof_rewrite_in_progress:0 and nothing scheduled), at most 10 s. */
export async function rewriteDone(conn: WireConnection): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const info = String(await send(conn, ['INFO', 'persistence']));
    if (info.includes('aof_rewrite_in_progress:0') && info.includes('aof_rewrite_scheduled:0')) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('rewrite did not end');
}
