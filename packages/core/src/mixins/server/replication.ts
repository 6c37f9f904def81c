import type { Bytes } from '../../bytes.js';
import { isToken } from '../../bytes.js';
import { NOT_SERVED, blockForKeys, parseBlockTimeout } from '../../blocking/index.js';
import type { CommandHandler } from '../../dispatch/mixin.js';
import {
  ERR_FAILOVER_NO_REPLICAS, ERR_FAILOVER_TIMEOUT, ERR_INVALID_MASTER_PORT, ERR_NO_FAILOVER, ERR_REPLICAOF_CLUSTER,
  ERR_SYNTAX, ERR_WAITAOF_APPENDONLY, ERR_NOT_INTEGER, ERR_OUT_OF_RANGE_POSITIVE, errValueMustBetween,
} from '../../errors/index.js';
import { parseInt64, tryParseInt64 } from '../../numbers.js';
import { ErrorReply, NO_REPLY, OK, SimpleString, type Reply } from '../../reply.js';
import type { Client } from '../../client.js';
import { replicationView } from '../../replication/view.js';
import {
  abortFailover, attachReplica, countAcksByOffset, countAofAcksByOffset, findReplica, localAofFsynced, replicaAck, replicaAddress, replicaConfig, replicaName, replicationMaster, requestAcks, type WaitingAcks,
} from '../../replication/master.js';
import { replicaOf, replicationSetMaster, replicationUnsetMaster } from '../../replication/replica.js';
import { splitInlineArgs } from '../../resp/parser.js';
import { describeClient } from '../connection/client/describe.js';

/**
 * The replication commands of a primary (replication.c): SYNC and PSYNC (replicas attach,
 * see replication/master.ts), REPLCONF, ROLE, WAIT and WAITAOF; REPLICAOF / SLAVEOF (the
 * replica side is replication/replica.ts) and FAILOVER.
 */

/** ROLE: master, its replication offset, and each online replica as [ip, port, acknowledged offset]. */
export const ROLE: CommandHandler = (client) => {
  const server = client.server;
  const view = replicationView(server);
  if (view !== undefined) {
    if (view.master !== undefined) {
      // A link down is retried (state connect), with no master client to give an offset.
      const down = view.master.linkDownSince !== undefined;
      return ['slave' as Bytes, view.master.host as Bytes, view.master.port, (down ? 'connect' : 'connected') as Bytes, down ? -1 : view.offset];
    }
    return ['master' as Bytes, view.offset, view.replicas.map((r) => [r.ip as Bytes, String(r.port) as Bytes, String(r.offset) as Bytes])];
  }
  const replica = replicaOf(server);
  if (replica !== undefined) {
    // The slave form: master address, link state, and the offset run (-1 without a master client).
    const offset = replica.masterClient !== undefined ? replica.offset : -1;
    return ['slave' as Bytes, replica.host as Bytes, replica.port, replica.state as Bytes, offset];
  }
  const replicas: Reply[] = [];
  for (const link of replicationMaster(server).replicas) {
    const ip = replicaAddress(link);
    if (ip === undefined || link.state !== 'online') continue;
    replicas.push([ip as Bytes, String(link.config.listeningPort) as Bytes, String(link.ackOffset) as Bytes]);
  }
  return ['master' as Bytes, server.masterReplOffset, replicas];
};

const ERR_PENDING_OUTPUT = new ErrorReply('ERR SYNC and PSYNC are invalid with pending output');
const ERR_FILTER_NEEDS_EOF = new ErrorReply('ERR Filtered replica requires EOF capability');
const ERR_SYNC_WITHOUT_CONNECTION = new ErrorReply("ERR fakeredis: SYNC and PSYNC need a connection (the direct API's client cannot be a replica)");
const ERR_PSYNC_FAILOVER = new ErrorReply("ERR PSYNC FAILOVER can't be sent to a master.");
const ERR_PSYNC_FAILOVER_REPLID = new ErrorReply('ERR PSYNC FAILOVER replid must match my replid.');
const ERR_NOMASTERLINK = new ErrorReply("NOMASTERLINK Can't SYNC while not connected with my master");
const ERR_NOMASTERLINK_FAILOVER = new ErrorReply("NOMASTERLINK Can't SYNC while failing over");

/**
 * SYNC / PSYNC replid offset (syncCommand): ignored from a replica; refused with output
 * pending or a filter without the EOF capability; otherwise the client becomes a replica
 * (a partial resync when PSYNC can have one) and gets no reply but the replication link.
 */
function syncGeneric(client: Client, argv: Bytes[], psync: boolean): Reply | typeof NO_REPLY {
  const server = client.server;
  if (client.replica !== undefined) return NO_REPLY;
  // A replica is a connection: the direct API's client has none to carry the RDB and the stream.
  if (client.transport === undefined) return ERR_SYNC_WITHOUT_CONNECTION;
  if (psync && argv.length > 3 && isToken(argv[3], 'FAILOVER')) {
    server.log('warning', `Failover request received for replid ${argv[1]}.`);
    if (replicaOf(server) === undefined) return ERR_PSYNC_FAILOVER;
    // Our master hands over (FAILOVER TO): with the same history this server becomes the master.
    if ((argv[1] as string).toLowerCase() !== server.replicationId) return ERR_PSYNC_FAILOVER_REPLID;
    replicationUnsetMaster(server);
    server.log('notice', `MASTER MODE enabled (failover request from '${describeClient(client)}')`);
  }
  if (replicationMaster(server).failover !== undefined) return ERR_NOMASTERLINK_FAILOVER;
  const replica = replicaOf(server);
  if (replica !== undefined && replica.state !== 'connected') return ERR_NOMASTERLINK;
  if (client.hasPendingReplies) return ERR_PENDING_OUTPUT;
  const config = replicaConfig(client);
  if ((config.excludeData || config.excludeFunctions) && !config.capaEof) return ERR_FILTER_NEEDS_EOF;
  let request: { replid: string; offset: number } | undefined;
  if (psync) {
    const offset = tryParseInt64(argv[2] as Bytes);
    if (offset === undefined) {
      server.log('warning', `Replica ${replicaName(client, config)} asks for synchronization but with a wrong offset`);
      return ERR_NOT_INTEGER;
    }
    request = { replid: argv[1] as string, offset: Number(offset) };
  }
  attachReplica(server, client, request);
  return NO_REPLY;
}

export const SYNC: CommandHandler = (client, argv) => syncGeneric(client, argv, false);
export const PSYNC: CommandHandler = (client, argv) => syncGeneric(client, argv, true);

/**
 * REPLCONF option value ...: listening-port, ip-address, capa (eof, psync2; others
 * ignored), rdb-only, rdb-filter-only (set in order: one refused leaves the earlier ones
 * set), answered OK; ACK (from a replica, no reply) and GETACK (a primary ignores it)
 * end the command without a reply.
 */
export const REPLCONF: CommandHandler = (client, argv) => {
  if (argv.length % 2 === 0) return ERR_SYNTAX;
  const config = replicaConfig(client);
  for (let j = 1; j < argv.length; j += 2) {
    const option = argv[j] as Bytes;
    const value = argv[j + 1] as Bytes;
    if (isToken(option, 'LISTENING-PORT')) {
      const port = tryParseInt64(value);
      if (port === undefined) return ERR_NOT_INTEGER;
      config.listeningPort = Number(port);
    } else if (isToken(option, 'IP-ADDRESS')) {
      // NET_HOST_STR_LEN
      if (value.length >= 256) return new ErrorReply(`ERR REPLCONF ip-address provided by replica instance is too long: ${value.length} bytes`);
      config.address = value;
    } else if (isToken(option, 'CAPA')) {
      if (isToken(value, 'EOF')) config.capaEof = true;
      else if (isToken(value, 'PSYNC2')) config.capaPsync2 = true;
    } else if (isToken(option, 'ACK')) {
      const link = client.replica;
      if (link === undefined) return NO_REPLY;
      const offset = tryParseInt64(value);
      if (offset === undefined) return NO_REPLY;
      // 7.2's FACK <aofoffset> right after: one that is not a number drops the whole ACK's time.
      let aofOffset: bigint | undefined;
      if (argv.length > j + 3 && isToken(argv[j + 2], 'FACK')) {
        aofOffset = tryParseInt64(argv[j + 3] as Bytes);
        if (aofOffset === undefined) {
          if (offset > BigInt(link.ackOffset)) link.ackOffset = Number(offset);
          return NO_REPLY;
        }
      }
      replicaAck(client.server, link, Number(offset), aofOffset === undefined ? undefined : Number(aofOffset));
      return NO_REPLY;
    } else if (isToken(option, 'GETACK')) {
      // From our master: an ACK with the offset before this command (replicationSendAck).
      const replica = replicaOf(client.server);
      if (replica !== undefined && client === replica.masterClient) replica.sendAck();
      return NO_REPLY;
    } else if (isToken(option, 'RDB-ONLY')) {
      const flag = tryParseInt64(value);
      if (flag === undefined) return ERR_NOT_INTEGER;
      if (flag < 0n || flag > 1n) return new ErrorReply('ERR value is out of range, value must between 0 and 1');
      config.rdbOnly = flag === 1n;
    } else if (isToken(option, 'RDB-FILTER-ONLY')) {
      const filters = splitInlineArgs(value);
      if (filters === undefined) return new ErrorReply('ERR Missing rdb-filter-only values');
      // Everything is left out unless named; Redis sets this before checking the names.
      config.excludeData = true;
      config.excludeFunctions = true;
      for (const filter of filters) {
        if (isToken(filter, 'FUNCTIONS')) config.excludeFunctions = false;
        else return new ErrorReply(`ERR Unsupported rdb-filter-only option: ${filter}`);
      }
    } else {
      return new ErrorReply(`ERR Unrecognized REPLCONF option: ${option}`);
    }
  }
  return OK;
};

/**
 * WAIT numreplicas timeout: the number of replicas that acknowledged the client's last
 * command, at once when enough have (or inside MULTI, or where blocking is denied);
 * otherwise the client waits, the replicas are asked for an ACK, and it gets the count
 * when enough acknowledge or at its timeout (for ever with 0, until CLIENT UNBLOCK).
 */
export const WAIT: CommandHandler = (client, argv) => {
  const server = client.server;
  const numreplicas = parseInt64(argv[1] as Bytes);
  const deadline = parseBlockTimeout(client, argv[2] as Bytes, 'milliseconds');
  const offset = client.woff;
  const acked = countAcksByOffset(server, offset);
  if (BigInt(acked) >= numreplicas || client.inExec || client.denyBlocking) return acked;
  return waitForAcks(client, { offset, numreplicas: Number(numreplicas) }, deadline, () => countAcksByOffset(server, offset));
};

/**
 * WAIT's and WAITAOF's wait: the client blocks until the replicas' acknowledgements serve it
 * (the master's `waiting`), asked for at once; `ended` is its reply when the wait ends
 * without enough of them (a timeout, CLIENT UNBLOCK).
 */
function waitForAcks(client: Client, wait: WaitingAcks, deadline: number, ended: () => Reply): Reply | typeof NO_REPLY {
  const master = replicationMaster(client.server);
  master.waiting.set(client, wait);
  const reply = blockForKeys(client, {
    keys: [],
    valueTypes: [],
    deadline,
    serve: () => NOT_SERVED,
    get timeoutReply(): Reply {
      master.waiting.delete(client);
      return ended();
    },
  });
  requestAcks(client.server);
  return reply;
}

const ERR_WAITAOF_REPLICA = new ErrorReply(
  'ERR WAITAOF cannot be used with replica instances. Please also note that writes to replicas are just local and are not propagated.',
);

/**
 * WAITAOF numlocal numreplicas timeout (7.2): [local, replicas] once the AOF here (the
 * fake's is written before each reply: done at once with appendonly on) and `numreplicas`
 * replicas' AOFs (their REPLCONF ACK ... FACK) hold the client's last write; otherwise the
 * client waits as WAIT does, the replicas asked for an ACK, until they do or its timeout.
 */
export const WAITAOF: CommandHandler = (client, argv) => {
  // getRangeLongFromObjectOrReply 0..1, then getPositiveLongFromObjectOrReply (one text for both failures).
  const numlocal = parseInt64(argv[1] as Bytes);
  if (numlocal < 0n || numlocal > 1n) return errValueMustBetween(0n, 1n);
  const numreplicas = tryParseInt64(argv[2] as Bytes);
  if (numreplicas === undefined || numreplicas < 0n) return ERR_OUT_OF_RANGE_POSITIVE;
  const deadline = parseBlockTimeout(client, argv[3] as Bytes, 'milliseconds');
  if (replicaOf(client.server) !== undefined) return ERR_WAITAOF_REPLICA;
  const server = client.server;
  const local = localAofFsynced(server) ? 1 : 0;
  if (numlocal !== 0n && local === 0) return ERR_WAITAOF_APPENDONLY;
  const offset = client.woff;
  const acked = countAofAcksByOffset(server, offset);
  if ((BigInt(acked) >= numreplicas && BigInt(local) >= numlocal) || client.denyBlocking) return [local, acked];
  return waitForAcks(client, { offset, numreplicas: Number(numreplicas), aof: { numlocal: Number(numlocal) } }, deadline, () => [
    localAofFsynced(server) ? 1 : 0,
    countAofAcksByOffset(server, offset),
  ]);
};

const ALREADY_CONNECTED = new SimpleString('OK Already connected to specified master');
const ERR_REPLICAOF_FAILOVER = new ErrorReply('ERR REPLICAOF not allowed while failing over.');
const ERR_FAILOVER_CLUSTER = new ErrorReply('ERR FAILOVER not allowed in cluster mode. Use CLUSTER FAILOVER command instead.');
const ERR_FAILOVER_IN_PROGRESS = new ErrorReply('ERR FAILOVER already in progress.');
const ERR_FAILOVER_ON_REPLICA = new ErrorReply('ERR FAILOVER is not valid when server is a replica.');
const ERR_REPLICAOF_FROM_REPLICA = new ErrorReply('ERR Command is not valid when client is a replica.');

/**
 * REPLICAOF host port: the server becomes a replica of that master (replication/replica.ts:
 * a TCP connection, the full resync, then the stream); the same master again is a no-op.
 * REPLICAOF NO ONE: a replica becomes a master again, keeping its data.
 */
export const REPLICAOF: CommandHandler = (client, argv) => {
  const server = client.server;
  if (server.config.getBoolean('cluster-enabled')) return ERR_REPLICAOF_CLUSTER;
  if (replicationMaster(server).failover !== undefined) return ERR_REPLICAOF_FAILOVER;
  if (isToken(argv[1], 'NO') && isToken(argv[2], 'ONE')) {
    if (replicaOf(server) !== undefined) {
      replicationUnsetMaster(server);
      server.log('notice', `MASTER MODE enabled (user request from '${describeClient(client)}')`);
    }
    return OK;
  }
  if (client.replica !== undefined) return ERR_REPLICAOF_FROM_REPLICA;
  const port = tryParseInt64(argv[2] as Bytes);
  if (port === undefined || port < 0n || port > 65535n) return ERR_INVALID_MASTER_PORT;
  const host = argv[1] as string;
  const current = replicaOf(server);
  if (current !== undefined && current.host.toLowerCase() === host.toLowerCase() && current.port === Number(port)) {
    server.log('notice', 'REPLICAOF would result into synchronization with the master we are already connected with. No operation performed.');
    return ALREADY_CONNECTED;
  }
  replicationSetMaster(server, host, Number(port));
  server.log('notice', `REPLICAOF ${host}:${port} enabled (user request from '${describeClient(client)}')`);
  return OK;
};

export const SLAVEOF = REPLICAOF;

/**
 * FAILOVER [TO host port [FORCE]] [ABORT] [TIMEOUT ms] (failoverCommand): checked as Redis
 * does (replicas connected, FORCE's requirements, the target an online replica); writes are
 * paused until the target (or any replica) acknowledges the whole stream, then this server
 * becomes its replica asking PSYNC ... FAILOVER (replication/master.ts's updateFailoverStatus).
 */
export const FAILOVER: CommandHandler = (client, argv) => {
  const server = client.server;
  const master = replicationMaster(server);
  if (server.config.getBoolean('cluster-enabled')) return ERR_FAILOVER_CLUSTER;
  if (argv.length === 2 && isToken(argv[1], 'ABORT')) {
    if (master.failover === undefined) return ERR_NO_FAILOVER;
    abortFailover(server, 'Failover manually aborted');
    return OK;
  }
  let timeout = 0n;
  let target: { host: string; port: bigint } | undefined;
  let force = false;
  for (let j = 1; j < argv.length; j++) {
    const arg = argv[j] as Bytes;
    if (isToken(arg, 'TIMEOUT') && j + 1 < argv.length && timeout === 0n) {
      const parsed = tryParseInt64(argv[j + 1] as Bytes);
      if (parsed === undefined) return ERR_NOT_INTEGER;
      if (parsed <= 0n) return ERR_FAILOVER_TIMEOUT;
      timeout = parsed;
      j++;
    } else if (isToken(arg, 'TO') && j + 2 < argv.length && target === undefined) {
      const port = tryParseInt64(argv[j + 2] as Bytes);
      if (port === undefined) return ERR_NOT_INTEGER;
      target = { host: argv[j + 1] as string, port };
      j += 2;
    } else if (isToken(arg, 'FORCE') && !force) {
      force = true;
    } else {
      return ERR_SYNTAX;
    }
  }
  if (master.failover !== undefined) return ERR_FAILOVER_IN_PROGRESS;
  if (replicaOf(server) !== undefined) return ERR_FAILOVER_ON_REPLICA;
  if (master.replicas.length === 0) return ERR_FAILOVER_NO_REPLICAS;
  if (force && (timeout === 0n || target === undefined)) return new ErrorReply('ERR FAILOVER with force option requires both a timeout and target HOST and IP.');
  if (target !== undefined) {
    // findReplica: by its announced (or peer) address, case-insensitively, and listening port.
    const replica = findReplica(server, target.host, Number(target.port));
    if (replica === undefined) return new ErrorReply('ERR FAILOVER target HOST and PORT is not a replica.');
    if (replica.state !== 'online') return new ErrorReply('ERR FAILOVER target replica is not online.');
    server.log('notice', `FAILOVER requested to ${target.host}:${target.port}.`);
  } else {
    server.log('notice', 'FAILOVER requested to any replica.');
  }
  // Writes wait (CLIENT PAUSE WRITE) until a replica has the whole stream; then this server becomes its replica.
  master.startFailover({
    state: 'waiting-for-sync',
    host: target?.host,
    port: Number(target?.port ?? 0),
    endTime: timeout === 0n ? 0 : server.clock.now() + Number(timeout),
    force,
  });
  return OK;
};

