import { type Bytes, isToken } from '../../bytes.js';
import { NOT_SERVED, blockForKeys } from '../../blocking/index.js';
import type { Client } from '../../client.js';
import type { CommandHandler } from '../../dispatch/mixin.js';
import { notifyGeneric } from '../../database.js';
import {
  ERR_MIGRATE_CONNECT, ERR_MIGRATE_KEYS, ERR_MIGRATE_READ, ERR_MIGRATE_WRITE, ERR_SYNTAX, errMigrateTarget,
} from '../../errors/index.js';
import { parseInt64 } from '../../numbers.js';
import type { PropagationRule } from '../../propagate.js';
import { createDumpPayload } from '../../rdb/payload.js';
import { ErrorReply, NO_REPLY, OK, type Reply, status } from '../../reply.js';
import type { RedisValue } from '../../values/object.js';
import { type CachedSocket, type ExchangeResult, migrateCloseSocket, migrateGetSocket } from './migrate-socket.js';

/** rioWriteBulkString / rioWriteBulkCount: one command in RESP, as MIGRATE writes it. */
function encodeCommand(args: ReadonlyArray<string | Buffer>): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`, 'latin1')];
  for (const arg of args) {
    const bytes = typeof arg === 'string' ? Buffer.from(arg, 'latin1') : arg;
    parts.push(Buffer.from(`$${bytes.length}\r\n`, 'latin1'), bytes, Buffer.from('\r\n', 'latin1'));
  }
  return Buffer.concat(parts);
}

interface Migration {
  readonly client: Client;
  readonly host: Bytes;
  readonly port: Bytes;
  readonly dbid: bigint;
  readonly timeout: number;
  readonly copy: boolean;
  readonly replace: boolean;
  readonly username: Bytes | undefined;
  readonly password: Bytes | undefined;
  /** Keys found by the first lookup, with their values (Redis's kv / ov). */
  readonly keys: Bytes[];
  readonly values: RedisValue[];
  /** Where the command cannot wait (MULTI, scripts, the direct API): the process waits. */
  readonly sync: boolean;
  /** The command's time (7.2 computes TTLs from it; 7.0 from the time of each try). */
  readonly commandTime: number;
  /** Keys deleted because the target took them: MIGRATE propagates as DEL of these. */
  readonly deleted: Bytes[];
  /** The reply, once known. */
  reply?: Reply;
}

/** Keys the last MIGRATE a client ran to completion deleted, for its propagation rule. */
const deletedByCall = new WeakMap<Client, Bytes[]>();

/**
 * MIGRATE propagates as DEL of the keys the target acknowledged (replaceClientCommandVector),
 * or not at all (COPY, errors before any key was taken).
 */
export const migratePropagation: PropagationRule = (call) => {
  const keys = deletedByCall.get(call.client);
  deletedByCall.delete(call.client);
  return keys === undefined || keys.length === 0 ? null : [['DEL' as Bytes, ...keys]];
};

/**
 * MIGRATE host port key|"" destination-db timeout [COPY] [REPLACE] [AUTH password]
 * [AUTH2 username password] [KEYS key ...] (migrateCommand): sends AUTH, SELECT (when
 * the cached connection has another database selected) and a RESTORE of each key with
 * its remaining TTL and DUMP payload (RESTORE-ASKING on a cluster node), then deletes
 * every key the target took unless COPY. The first error the target answers is the
 * reply; a connection that fails is retried once unless it timed out.
 *
 * A target in this process is reached in memory, at once. Over TCP a client that can
 * wait is parked while every other client is paused (CLIENT PAUSE ALL), so nothing runs
 * before MIGRATE ends, as nothing runs in redis-server meanwhile; MULTI, scripts and the
 * direct API wait synchronously.
 */
export const MIGRATE: CommandHandler = (client, argv) => {
  deletedByCall.delete(client);
  let copy = false;
  let replace = false;
  let username: Bytes | undefined;
  let password: Bytes | undefined;
  let firstKey = 3;
  let numKeys = 1;
  for (let j = 6; j < argv.length; j++) {
    const moreargs = argv.length - 1 - j;
    const arg = argv[j] as Bytes;
    if (isToken(arg, 'COPY')) copy = true;
    else if (isToken(arg, 'REPLACE')) replace = true;
    else if (isToken(arg, 'AUTH')) {
      if (moreargs === 0) return ERR_SYNTAX;
      password = argv[++j] as Bytes;
      client.redactArgument(argv, j);
    } else if (isToken(arg, 'AUTH2')) {
      if (moreargs < 2) return ERR_SYNTAX;
      username = argv[++j] as Bytes;
      client.redactArgument(argv, j);
      password = argv[++j] as Bytes;
      client.redactArgument(argv, j);
    } else if (isToken(arg, 'KEYS')) {
      if ((argv[3] as Bytes).length !== 0) return ERR_MIGRATE_KEYS;
      firstKey = j + 1;
      numKeys = argv.length - j - 1;
      break; // All the remaining arguments are keys.
    } else return ERR_SYNTAX;
  }
  // The timeout is read before the database, as Redis reads them.
  let timeout = parseInt64(argv[5] as Bytes);
  const dbid = parseInt64(argv[4] as Bytes);
  if (timeout <= 0n) timeout = 1000n;

  // Missing keys are no error: NOKEY when none is left to move (often one just expired).
  const db = client.db;
  const keys: Bytes[] = [];
  const values: RedisValue[] = [];
  for (let j = 0; j < numKeys; j++) {
    const key = argv[firstKey + j] as Bytes;
    const value = db.lookupRead(key, client);
    if (value === undefined) continue;
    keys.push(key);
    values.push(value);
  }
  if (keys.length === 0) return status('NOKEY');

  const migration: Migration = {
    client, host: argv[1] as Bytes, port: argv[2] as Bytes, dbid,
    timeout: Number(timeout > 2n ** 31n - 1n ? 2n ** 31n - 1n : timeout),
    copy, replace, username, password, keys, values, sync: client.denyBlocking, deleted: [], commandTime: client.server.now(),
  };
  attempt(migration, true);
  if (migration.reply !== undefined) return migration.reply;
  // Still waiting for a TCP target: the client is parked and every other one paused.
  holdServer(migration);
  return NO_REPLY;
};

/** One try (Redis's try_again): connect, send, read the replies; `done` when the reply is known. */
function attempt(m: Migration, mayRetry: boolean): void {
  const server = m.client.server;
  const cs = migrateGetSocket(server, m.host, m.port);
  if (cs === undefined) {
    finish(m, ERR_MIGRATE_CONNECT);
    return;
  }
  const parts: Buffer[] = [];
  if (m.password !== undefined) {
    parts.push(encodeCommand(m.username !== undefined ? ['AUTH', m.username, m.password] : ['AUTH', m.password]));
  }
  const select = BigInt(cs.lastDbid) !== m.dbid;
  if (select) parts.push(encodeCommand(['SELECT', String(m.dbid)]));

  // Keys that expired since the lookup are left out; the others go with their TTL.
  const db = m.client.db;
  const restore = server.config.getBoolean('cluster-enabled') ? 'RESTORE-ASKING' : 'RESTORE';
  const now = BigInt(server.versionAtLeast('7.2.0') ? m.commandTime : server.clock.now());
  const keys: Bytes[] = [];
  for (let j = 0; j < m.keys.length; j++) {
    const key = m.keys[j] as Bytes;
    let ttl = 0n;
    const entry = db.peek(key);
    if (entry !== undefined && entry.expiresAt !== 0) {
      ttl = entry.expireTime - now;
      if (ttl < 0n) continue;
      if (ttl < 1n) ttl = 1n;
    }
    keys.push(key);
    const payload = createDumpPayload(server, m.values[j] as RedisValue);
    const args: Array<string | Buffer> = [restore, key, String(ttl), payload];
    if (m.replace) args.push('REPLACE');
    parts.push(encodeCommand(args));
  }
  const lines = (m.password !== undefined ? 1 : 0) + (select ? 1 : 0) + keys.length;
  cs.busy = true;
  cs.channel.exchange(Buffer.concat(parts), lines, m.timeout, m.sync, (result) => {
    cs.busy = false;
    if (server.closed) return;
    readReplies(m, cs, result, select, keys, mayRetry);
    if (!cs.cached) migrateCloseSocket(server, cs);
  });
}

/** What migrateCommand does with the target's reply lines. */
function readReplies(m: Migration, cs: CachedSocket, result: ExchangeResult, select: boolean, keys: Bytes[], mayRetry: boolean): void {
  const server = m.client.server;
  if (result.lookupFailed) {
    migrateCloseSocket(server, cs);
    finish(m, ERR_MIGRATE_CONNECT);
    return;
  }
  if (result.writeFailed) {
    socketError(m, cs, true, result.timedOut === true, mayRetry);
    return;
  }
  const lines = result.lines;
  let next = 0;
  let authReply = '';
  let selectReply = '';
  if (m.password !== undefined) {
    if (next >= lines.length) return socketError(m, cs, false, result.timedOut === true, mayRetry);
    authReply = lines[next++] as string;
  }
  if (select) {
    if (next >= lines.length) return socketError(m, cs, false, result.timedOut === true, mayRetry);
    selectReply = lines[next++] as string;
  }
  const db = m.client.db;
  let errorFromTarget: ErrorReply | undefined;
  let socketFailed = false;
  let j = 0;
  for (; j < keys.length; j++) {
    if (next >= lines.length) {
      socketFailed = true;
      break;
    }
    const restoreReply = lines[next++] as string;
    if ((m.password !== undefined && authReply[0] === '-') || (select && selectReply[0] === '-') || restoreReply[0] === '-') {
      // On error the target's selected database is no longer known.
      if (errorFromTarget === undefined) {
        cs.lastDbid = -1;
        const line = m.password !== undefined && authReply[0] === '-' ? authReply : select && selectReply[0] === '-' ? selectReply : restoreReply;
        errorFromTarget = errMigrateTarget(line.slice(1));
      }
    } else if (!m.copy) {
      // dbDelete without a lookup (a key named twice is deleted once, notified twice).
      const key = keys[j] as Bytes;
      db.deleteStored(key);
      notifyGeneric(db, 'del', key);
      m.deleted.push(key);
    }
  }
  // Nothing was taken and the connection failed: retry once on a new one.
  if (errorFromTarget === undefined && socketFailed && j === 0 && mayRetry && result.timedOut !== true) {
    socketError(m, cs, false, false, true);
    return;
  }
  if (socketFailed) migrateCloseSocket(server, cs);
  if (errorFromTarget === undefined && socketFailed) {
    socketError(m, cs, false, true, false);
    return;
  }
  if (errorFromTarget === undefined) {
    cs.lastDbid = Number(m.dbid);
    finish(m, OK);
  } else finish(m, errorFromTarget);
}

/** socket_err: the connection is dropped, then one retry unless it timed out or one was made. */
function socketError(m: Migration, cs: CachedSocket, writing: boolean, timedOut: boolean, mayRetry: boolean): void {
  migrateCloseSocket(m.client.server, cs);
  if (!timedOut && mayRetry) {
    attempt(m, false);
    return;
  }
  finish(m, writing ? ERR_MIGRATE_WRITE : ERR_MIGRATE_READ);
}

/** The reply is known: returned by the handler, or sent to the parked client. */
function finish(m: Migration, reply: Reply): void {
  m.reply = reply;
  const hold = holds.get(m);
  if (hold !== undefined) release(m, hold, reply);
  else deletedByCall.set(m.client, m.deleted);
}

interface Hold {
  readonly request: object;
}

const holds = new WeakMap<Migration, Hold>();

/** The parked client's wait: no keys, no deadline; the target's reply ends it. */
function holdServer(m: Migration): void {
  const client = m.client;
  const server = client.server;
  const request = { keys: [], valueTypes: [], deadline: 0, serve: () => NOT_SERVED };
  blockForKeys(client, request);
  holds.set(m, { request });
  server.pauseClients(Number.MAX_SAFE_INTEGER, 'all', 'migrate');
}

/** The migrating client gets its reply, then the other clients run on (a CLIENT PAUSE in force stays). */
function release(m: Migration, hold: Hold, reply: Reply): void {
  holds.delete(m);
  const client = m.client;
  const server = client.server;
  if (client.blocked?.request === hold.request) server.blocking.unblock(client, reply);
  // The command ends here, after its call: its DEL goes out now.
  if (m.deleted.length > 0) server.propagator?.alsoPropagate(client.db.index, ['DEL' as Bytes, ...m.deleted]);
  server.unpauseClients('migrate');
  server.beforeSleep();
}
