import { type Bytes, bytesFromBuffer, isToken } from '../../bytes.js';
import type { CommandHandler } from '../../dispatch/mixin.js';
import { notifyGeneric } from '../../database.js';
import {
  ERR_BAD_DATA_FORMAT, ERR_BUSYKEY, ERR_DUMP_PAYLOAD, ERR_RESTORE_FREQ, ERR_RESTORE_IDLETIME, ERR_RESTORE_TTL, ERR_SYNTAX,
} from '../../errors/index.js';
import { INT64_MAX, INT64_MIN, parseInt64 } from '../../numbers.js';
import { OK } from '../../reply.js';
import { RdbError } from '../../rdb/format.js';
import { withPayloadSanitization } from '../../rdb/listpack.js';
import { createDumpPayload, loadDumpPayload, verifyDumpPayload } from '../../rdb/payload.js';
import { aofState } from '../../aof/aof.js';
import { clientUser } from '../../acl/state.js';
import { skipChecksumValidation } from '../server/debug.js';
import { USER_SKIP_SANITIZE } from '../../acl/rules.js';
import { replicaOf } from '../../replication/replica.js';
import type { Client } from '../../client.js';
import type { RedisValue } from '../../values/object.js';

/** DUMP key: the value in RDB format with its version and CRC-64 (createDumpPayload), or null. */
export const DUMP: CommandHandler = (client, argv) => {
  const value = client.db.lookupRead(argv[1] as Bytes, client);
  if (value === undefined) return null;
  return bytesFromBuffer(createDumpPayload(client.server, value));
};

/** Two's-complement int64 addition, as C's long long overflows on ttl + mstime(). */
function wrappingAdd(a: bigint, b: bigint): bigint {
  const sum = a + b;
  return sum > INT64_MAX ? sum - 2n ** 64n : sum < INT64_MIN ? sum + 2n ** 64n : sum;
}

/**
 * Whether sanitize-dump-payload has this RESTORE's payload validated deeply (which INFO's
 * dump_payload_sanitizations counts): yes always; clients unless the AOF is loading, the
 * command comes from the master, or the user has skip-sanitize-payload; no never. (The
 * fake validates every payload in full whatever the setting.)
 */
function sanitizesDeeply(client: Client): boolean {
  const mode = client.server.config.get('sanitize-dump-payload');
  if (mode !== 'clients') return mode === 'yes';
  if (aofState(client.server).loading || replicaOf(client.server)?.masterClient === client) return false;
  return (clientUser(client).flags & USER_SKIP_SANITIZE) === 0;
}

/**
 * RESTORE key ttl serialized-value [REPLACE] [ABSTTL] [IDLETIME seconds] [FREQ frequency]
 * (restoreCommand): options, then BUSYKEY, the TTL, the payload's version and checksum,
 * and the value itself are checked in that order. A TTL already past restores nothing
 * (with REPLACE the old key is deleted). Payloads are always checked deeply, whatever
 * sanitize-dump-payload says: a payload that does not hold a well-formed value is
 * "Bad data format", never a corrupt key.
 */
export const RESTORE: CommandHandler = (client, argv) => {
  let replace = false;
  let absttl = false;
  let lfuFreq = -1n;
  let lruIdle = -1n;
  for (let j = 4; j < argv.length; j++) {
    const arg = argv[j] as Bytes;
    const additional = argv.length - j - 1;
    if (isToken(arg, 'REPLACE')) replace = true;
    else if (isToken(arg, 'ABSTTL')) absttl = true;
    else if (isToken(arg, 'IDLETIME') && additional >= 1 && lfuFreq === -1n) {
      lruIdle = parseInt64(argv[++j] as Bytes);
      if (lruIdle < 0n) return ERR_RESTORE_IDLETIME;
    } else if (isToken(arg, 'FREQ') && additional >= 1 && lruIdle === -1n) {
      lfuFreq = parseInt64(argv[++j] as Bytes);
      if (lfuFreq < 0n || lfuFreq > 255n) return ERR_RESTORE_FREQ;
    } else return ERR_SYNTAX;
  }
  const db = client.db;
  const key = argv[1] as Bytes;
  if (!replace && db.lookupWrite(key, client) !== undefined) return ERR_BUSYKEY;
  let ttl = parseInt64(argv[2] as Bytes);
  if (ttl < 0n) return ERR_RESTORE_TTL;

  const server = client.server;
  const payload = Buffer.from(argv[3] as Bytes, 'latin1');
  if (!verifyDumpPayload(server, payload, skipChecksumValidation(server))) return ERR_DUMP_PAYLOAD;
  let value: RedisValue;
  try {
    value = withPayloadSanitization(server, sanitizesDeeply(client), () => loadDumpPayload(server, payload));
  } catch (err) {
    if (err instanceof RdbError) return ERR_BAD_DATA_FORMAT;
    throw err;
  }

  let deleted = false;
  if (replace) deleted = db.delete(key);
  const now = BigInt(server.now());
  if (ttl !== 0n && !absttl) ttl = wrappingAdd(ttl, now);
  if (ttl !== 0n && ttl <= now) {
    if (deleted) notifyGeneric(db, 'del', key);
    return OK;
  }
  db.add(key, value);
  const entry = db.peek(key);
  if (ttl !== 0n) db.setExpire(key, ttl, entry);
  if (entry !== undefined) {
    // objectSetLRUOrLFU: only the figure the maxmemory-policy tracks is taken.
    if (server.lfuEnabled) {
      if (lfuFreq >= 0n) {
        entry.lfu = Number(lfuFreq);
        entry.accessedAt = server.now();
      }
    } else if (lruIdle >= 0n) {
      entry.accessedAt = server.now() - Number(lruIdle) * 1000;
    }
  }
  notifyGeneric(db, 'restore', key);
  // One change, a replaced key included (server.dirty++).
  server.addDirty(1);
  return OK;
};

/**
 * RESTORE-ASKING: restoreCommand under the ASKING flag, which only a cluster node reads
 * (it lets the command reach an importing slot); elsewhere it is RESTORE itself.
 */
export const RESTORE_ASKING: CommandHandler = RESTORE;
