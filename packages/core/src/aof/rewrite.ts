import type { Bytes } from '../bytes.js';
import { encodeCommand } from '../propagate.js';
import { createDumpPayload } from '../rdb/payload.js';
import type { FakeServer } from '../server.js';
import { MutableString } from '../values/string.js';

/** AOF_REWRITE_ITEMS_PER_CMD: a collection is rewritten 64 elements a command. */
const ITEMS_PER_CMD = 64;

/**
 * rewriteAppendOnlyFileRio (aof-use-rdb-preamble no): the dataset as commands, each
 * database after its SELECT, each key followed by PEXPIREAT when it has a TTL. Strings
 * are SET, lists RPUSH and sets SADD (64 elements a command), a value whose type gives
 * `aofRewrite` its own commands; any other value RESTORE with its DUMP payload, which
 * Redis loads as well.
 */
export function rewriteAppendOnlyFileCommands(server: FakeServer): Buffer {
  const chunks: string[] = [];
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
        for (const argv of value.aofRewrite(key)) chunks.push(encodeCommand(argv));
      } else if ((value.type === 'list' || value.type === 'set') && value.elements !== undefined) {
        const name = (value.type === 'list' ? 'RPUSH' : 'SADD') as Bytes;
        let batch: Bytes[] = [];
        for (const element of value.elements()) {
          batch.push(element);
          if (batch.length === ITEMS_PER_CMD) {
            chunks.push(encodeCommand([name, key, ...batch]));
            batch = [];
          }
        }
        if (batch.length > 0) chunks.push(encodeCommand([name, key, ...batch]));
      } else {
        chunks.push(encodeCommand(['RESTORE' as Bytes, key, '0' as Bytes, createDumpPayload(server, value).toString('latin1') as Bytes]));
      }
      if (entry.expiresAt !== 0) chunks.push(encodeCommand(['PEXPIREAT' as Bytes, key, String(entry.expireTime) as Bytes]));
    }
  }
  return Buffer.from(chunks.join(''), 'latin1');
}
