import type { Bytes } from '../../bytes.js';
import { isToken } from '../../bytes.js';
import { NOT_SERVED, blockForKeys, parseBlockTimeout } from '../../blocking/index.js';
import type { CommandHandler } from '../../dispatch/mixin.js';
import {
  ERR_FAILOVER_NO_REPLICAS, ERR_FAILOVER_TIMEOUT, ERR_INVALID_MASTER_PORT, ERR_NO_FAILOVER, ERR_REPLICATION_NOT_EMULATED,
  ERR_SYNTAX, ERR_WAITAOF_APPENDONLY, ERR_NOT_INTEGER,
} from '../../errors/index.js';
import { parseInt64, tryParseInt64 } from '../../numbers.js';
import { type NO_REPLY, OK, type Reply } from '../../reply.js';
import type { Client } from '../../client.js';

/**
 * ROLE, WAIT, WAITAOF, REPLICAOF / SLAVEOF and FAILOVER of a primary that has no replicas
 * (and never gets any: replication is not emulated).
 */

/** ROLE: a primary at replication offset 0 with no replicas. */
export const ROLE: CommandHandler = () => ['master' as Bytes, 0, []];

/**
 * Waits until `deadline` as Redis's blockForReplication does when too few replicas acked
 * (none ever will), then replies `reply`. Answers at once where blocking is denied
 * (MULTI, scripts, the direct API), as Redis does for CLIENT_DENY_BLOCKING.
 */
function waitForAcks(client: Client, deadline: number, reply: Reply): Reply | typeof NO_REPLY {
  if (client.denyBlocking) return reply;
  return blockForKeys(client, { keys: [], valueTypes: [], deadline, serve: () => NOT_SERVED, timeoutReply: reply });
}

/**
 * WAIT numreplicas timeout: 0 at once when no acks are needed (numreplicas <= 0), else the
 * client waits for its timeout (for ever with 0, until CLIENT UNBLOCK) and gets 0.
 */
export const WAIT: CommandHandler = (client, argv) => {
  const numreplicas = parseInt64(argv[1] as Bytes);
  const deadline = parseBlockTimeout(client, argv[2] as Bytes, 'milliseconds');
  if (numreplicas <= 0n) return 0;
  return waitForAcks(client, deadline, 0);
};

/**
 * WAITAOF numlocal numreplicas timeout (7.2): the fake has no AOF to fsync, so with
 * appendonly on the local fsync counts as done at once ([1, 0]); replicas never ack.
 */
export const WAITAOF: CommandHandler = (client, argv) => {
  const numlocal = parseInt64(argv[1] as Bytes);
  const numreplicas = parseInt64(argv[2] as Bytes);
  const deadline = parseBlockTimeout(client, argv[3] as Bytes, 'milliseconds');
  const aof = client.server.config.get('appendonly') === 'yes';
  if (numlocal !== 0n && !aof) return ERR_WAITAOF_APPENDONLY;
  const reply: Reply = [aof ? 1 : 0, 0];
  if (numlocal <= (aof ? 1n : 0n) && numreplicas <= 0n) return reply;
  return waitForAcks(client, deadline, reply);
};

/** REPLICAOF NO ONE: already a primary, OK. A master address: not emulated (an error). */
export const REPLICAOF: CommandHandler = (_client, argv) => {
  if (isToken(argv[1], 'NO') && isToken(argv[2], 'ONE')) return OK;
  const port = tryParseInt64(argv[2] as Bytes);
  if (port === undefined || port < 0n || port > 65535n) return ERR_INVALID_MASTER_PORT;
  return ERR_REPLICATION_NOT_EMULATED;
};

export const SLAVEOF = REPLICAOF;

/** FAILOVER [TO host port [FORCE]] [ABORT] [TIMEOUT ms]: parsed as Redis does, then "requires connected replicas". */
export const FAILOVER: CommandHandler = (_client, argv) => {
  if (argv.length === 2 && isToken(argv[1], 'ABORT')) return ERR_NO_FAILOVER;
  let timeout = 0n;
  let host = false;
  let force = false;
  for (let j = 1; j < argv.length; j++) {
    const arg = argv[j] as Bytes;
    if (isToken(arg, 'TIMEOUT') && j + 1 < argv.length && timeout === 0n) {
      const parsed = tryParseInt64(argv[j + 1] as Bytes);
      if (parsed === undefined) return ERR_NOT_INTEGER;
      if (parsed <= 0n) return ERR_FAILOVER_TIMEOUT;
      timeout = parsed;
      j++;
    } else if (isToken(arg, 'TO') && j + 2 < argv.length && !host) {
      if (tryParseInt64(argv[j + 2] as Bytes) === undefined) return ERR_NOT_INTEGER;
      host = true;
      j += 2;
    } else if (isToken(arg, 'FORCE') && !force) {
      force = true;
    } else {
      return ERR_SYNTAX;
    }
  }
  return ERR_FAILOVER_NO_REPLICAS;
};
