import { NOT_SERVED, blockForKeys } from '../../blocking/index.js';
import type { Client } from '../../client.js';
import type { CommandHandler } from '../../dispatch/mixin.js';
import { NO_REPLY, OK } from '../../reply.js';
import { ERR_NO_SHUTDOWN_IN_PROGRESS, ERR_SYNTAX } from '../../errors/index.js';
import { ErrorReply } from '../../reply.js';
import { replicasInSync, replicationMaster, sendGetackToReplicas } from '../../replication/master.js';
import { defineModuleState, type FakeServer } from '../../server.js';
import { announceShutdown, saveOnShutdown } from './persistence.js';

const ERR_SHUTDOWN_FAILED = new ErrorReply('ERR Errors trying to SHUTDOWN. Check logs.');
const ERR_SHUTDOWN_DENY_BLOCKING = new ErrorReply("ERR SHUTDOWN without NOW or ABORT isn't allowed for DENY BLOCKING client");

export interface ShutdownFlags {
  save: boolean;
  nosave: boolean;
  force: boolean;
  /** Do not wait for lagging replicas. */
  now: boolean;
}

/** A SHUTDOWN waiting for its replicas to catch up (server.shutdown_mstime and the clients blocked on it). */
interface ShutdownWait {
  readonly deadline: number;
  readonly flags: ShutdownFlags;
  readonly clients: Set<Client>;
  readonly timer: ReturnType<typeof setInterval>;
}

const shutdownKey = defineModuleState('core:shutdown', () => ({ wait: undefined as ShutdownWait | undefined }));

/**
 * SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT]. With replicas behind the stream (and
 * neither NOW nor `shutdown-timeout 0`), it first waits for them as Redis 7.0 does: writes
 * are paused, the replicas are asked for an ACK, the client blocks, and the shutdown goes on
 * when they have all acknowledged or `shutdown-timeout` seconds have passed (SHUTDOWN ABORT
 * cancels it: the waiting clients get an error). Then it saves the RDB file with SAVE, or by
 * default when persistence is enabled with save points (persistence.ts), and stops the
 * server at once: server.close() disconnects every client (the sender gets no reply, as from
 * Redis) and runs the onClose listeners (the CLI exits on them).
 */
export const SHUTDOWN: CommandHandler = (client, argv) => {
  const options = new Set<string>();
  let abort = false;
  for (const arg of argv.slice(1)) {
    const option = arg.toLowerCase();
    if (option === 'abort') abort = true;
    else if (option === 'nosave' || option === 'save' || option === 'now' || option === 'force') options.add(option);
    else return ERR_SYNTAX;
  }
  if ((abort && options.size > 0) || (options.has('save') && options.has('nosave'))) return ERR_SYNTAX;
  const server = client.server;
  if (abort) return abortShutdown(server) ? OK : ERR_NO_SHUTDOWN_IN_PROGRESS;
  const flags: ShutdownFlags = { save: options.has('save'), nosave: options.has('nosave'), force: options.has('force'), now: options.has('now') };
  // The client blocks until a shutdown that waits for replicas ends (a client that may not
  // block is refused, as in Redis).
  if (client.denyBlocking && (shutdownInitiated(server) || mustWaitForReplicas(server, flags))) return ERR_SHUTDOWN_DENY_BLOCKING;
  const outcome = prepareForShutdown(server, flags);
  if (outcome === 'failed') return ERR_SHUTDOWN_FAILED;
  if (outcome === 'waiting') return blockOnShutdown(client, server.moduleState(shutdownKey).wait as ShutdownWait);
  client.closing = true;
  server.close();
  return NO_REPLY;
};

/** A shutdown is waiting for its replicas (isShutdownInitiated). */
function shutdownInitiated(server: FakeServer): boolean {
  return server.moduleState(shutdownKey).wait !== undefined;
}

function mustWaitForReplicas(server: FakeServer, flags: ShutdownFlags): boolean {
  return !flags.now && server.config.getNumber('shutdown-timeout') !== 0 && !replicasInSync(server);
}

/**
 * prepareForShutdown, for SHUTDOWN and the signals: 'exit' when the server may stop now
 * (after its save), 'waiting' when it waits for lagging replicas (it stops by itself when
 * they catch up or the time is up: server.close()), 'failed' when the save failed (unless
 * FORCE) or a shutdown already waits.
 */
export function prepareForShutdown(server: FakeServer, flags: ShutdownFlags): 'exit' | 'waiting' | 'failed' {
  if (shutdownInitiated(server)) return 'waiting';
  if (mustWaitForReplicas(server, flags)) {
    startWaiting(server, flags);
    return 'waiting';
  }
  return saveOnShutdown(server, flags) || flags.force ? 'exit' : 'failed';
}

/**
 * The flags of `shutdown-on-sigterm` / `shutdown-on-sigint` ("default", or any of save,
 * nosave, now, force) for a shutdown a signal asks for.
 */
export function signalShutdownFlags(server: FakeServer, signal: 'SIGTERM' | 'SIGINT'): ShutdownFlags {
  const words = server.config.get(signal === 'SIGTERM' ? 'shutdown-on-sigterm' : 'shutdown-on-sigint').split(' ');
  return { save: words.includes('save'), nosave: words.includes('nosave'), force: words.includes('force'), now: words.includes('now') };
}

/**
 * prepareForShutdown with lagging replicas: "User requested shutdown...", GETACK to the
 * replicas (unless clients are paused), writes paused, "Waiting for replicas before
 * shutting down."; each ACK and a timer at the server's hz look again (serverCron).
 */
function startWaiting(server: FakeServer, flags: ShutdownFlags): void {
  const state = server.moduleState(shutdownKey);
  announceShutdown(server);
  const paused = server.clientsPaused();
  const hz = Math.max(1, server.config.getNumber('hz'));
  const timer = setInterval(() => checkShutdown(server), Math.floor(1000 / hz));
  timer.unref?.();
  state.wait = { deadline: server.clock.now() + server.config.getNumber('shutdown-timeout') * 1000, flags, clients: new Set(), timer };
  if (!paused) sendGetackToReplicas(server);
  server.pauseClients(Number.MAX_SAFE_INTEGER, 'write', 'shutdown');
  server.log('notice', 'Waiting for replicas before shutting down.');
  replicationMaster(server).onAck = () => checkShutdown(server);
}

function blockOnShutdown(client: Client, wait: ShutdownWait): typeof NO_REPLY {
  wait.clients.add(client);
  return blockForKeys(client, { keys: [], valueTypes: [], deadline: 0, serve: () => NOT_SERVED });
}

/** serverCron's check: once the replicas are in sync or the time is up, finishShutdown. */
function checkShutdown(server: FakeServer): void {
  const wait = server.moduleState(shutdownKey).wait;
  if (wait === undefined || server.closed) return;
  if (server.clock.now() < wait.deadline && !replicasInSync(server)) return;
  if (saveOnShutdown(server, { ...wait.flags, announced: true }) || wait.flags.force) {
    stopWaiting(server);
    server.close();
    return;
  }
  server.log('warning', 'Errors trying to shut down the server. Check the logs for more information.');
  cancelShutdown(server);
}

function stopWaiting(server: FakeServer): ShutdownWait | undefined {
  const state = server.moduleState(shutdownKey);
  const wait = state.wait;
  if (wait === undefined) return undefined;
  clearInterval(wait.timer);
  state.wait = undefined;
  replicationMaster(server).onAck = undefined;
  return wait;
}

/** cancelShutdown: the waiting clients get Redis's error, and writes go on. */
function cancelShutdown(server: FakeServer): void {
  const wait = stopWaiting(server);
  if (wait === undefined) return;
  for (const client of wait.clients) server.blocking.unblock(client, ERR_SHUTDOWN_FAILED);
  server.unpauseClients('shutdown');
  server.flushIfIdle();
}

/** abortShutdown: true when a waiting shutdown was cancelled ("Shutdown manually aborted."). */
export function abortShutdown(server: FakeServer): boolean {
  if (server.moduleState(shutdownKey).wait === undefined) return false;
  cancelShutdown(server);
  server.log('notice', 'Shutdown manually aborted.');
  return true;
}
