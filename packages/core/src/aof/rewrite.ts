import type { Bytes } from '../bytes.js';
import { encodeCommand } from '../propagate.js';
import { rdbSections } from '../rdb/file.js';
import { createDumpPayload } from '../rdb/payload.js';
import type { FakeServer } from '../server.js';
import { MutableString } from '../values/string.js';

/** AOF_REWRITE_ITEMS_PER_CMD: a collection is rewritten 64 elements a command. */
export const AOF_REWRITE_ITEMS_PER_CMD = 64;

/**
 * rewriteAppendOnlyFileRio (aof-use-rdb-preamble no): the dataset as commands. First the
 * modules' sections (rewriteFunctions: FUNCTION LOAD per library), then each database
 * after its SELECT, each key followed by PEXPIREAT when it has a TTL. Strings are SET,
 * lists RPUSH and sets SADD (64 elements a command), a value whose type gives
 * `aofRewrite` its own commands (ZADD, HMSET, XADD ...); any other value RESTORE with its
 * DUMP payload, which Redis loads as well.
 */
export function rewriteAppendOnlyFileCommands(server: FakeServer): Buffer {
  const chunks: string[] = [];
  for (const section of rdbSections(server)) {
    if (section.aofRewrite !== undefined) for (const argv of section.aofRewrite(server)) chunks.push(encodeCommand(argv));
  }
  for (const db of server.databases) {
    if (db.size === 0) continue;
    chunks.push(encodeCommand(['SELECT' as Bytes, String(db.index) as Bytes]));
    for (const key of db.keys()) {
      const entry = db.peek(key);
      if (entry === undefined) continue;
      const value = entry.value;
      if (typeof value === 'string' || value instanceof MutableString) {
        chunks.push(encodeCommand(['SET' as Bytes, key, typeof value === 'string' ? value : value.toBytes()]));
      } else if (value.aofRewrite !== undefined) {
        for (const argv of value.aofRewrite(key, server)) chunks.push(encodeCommand(argv));
      } else if ((value.type === 'list' || value.type === 'set') && value.elements !== undefined) {
        const name = (value.type === 'list' ? 'RPUSH' : 'SADD') as Bytes;
        for (const batch of aofRewriteBatches(value.elements(), 1)) chunks.push(encodeCommand([name, key, ...batch]));
      } else {
        chunks.push(encodeCommand(['RESTORE' as Bytes, key, '0' as Bytes, createDumpPayload(server, value).toString('latin1') as Bytes]));
      }
      if (entry.expiresAt !== 0) chunks.push(encodeCommand(['PEXPIREAT' as Bytes, key, String(entry.expireTime) as Bytes]));
    }
  }
  return Buffer.from(chunks.join(''), 'latin1');
}

/**
 * The arguments of a collection's rewrite commands: `items` (each `width` arguments: a
 * member, a score and member, a field and value) in batches of AOF_REWRITE_ITEMS_PER_CMD.
 */
export function* aofRewriteBatches(items: Iterable<Bytes>, width: number): IterableIterator<Bytes[]> {
  let batch: Bytes[] = [];
  const full = AOF_REWRITE_ITEMS_PER_CMD * width;
  for (const item of items) {
    batch.push(item);
    if (batch.length === full) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
