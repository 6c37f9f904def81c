import { aofState } from '../../aof/aof.js';
import { loadAppendOnlyFiles } from '../../aof/load.js';
import { AofManifestError } from '../../aof/manifest.js';
import { ConfigError } from '../../config/store.js';
import type { CommandHandler } from '../../dispatch/mixin.js';
import { RdbError } from '../../rdb/format.js';
import { ErrorReply, OK, SimpleString } from '../../reply.js';
import type { FakeServer } from '../../server.js';
import { loadRdbFile, persistenceState } from './persistence.js';

/**
 * The AOF's commands and settings (aof.c, config.c's updateAppendonly, server.c's
 * loadDataFromDisk): BGREWRITEAOF, CONFIG SET appendonly, DEBUG LOADAOF, INFO
 * persistence's aof_* fields, and enablePersistence for a server process.
 */

const ERR_REWRITE_IN_PROGRESS = new ErrorReply('ERR Background append only file rewriting already in progress');
const ERR_REWRITE_FAILED = new ErrorReply("ERR Can't execute an AOF background rewriting. Please check the server logs for more information.");

/**
 * BGREWRITEAOF: a new base file from a snapshot, written in the background (with AOF off
 * too, as Redis does: the directory gets a base file and a manifest). Scheduled while a
 * BGSAVE runs or inside a transaction.
 */
export const BGREWRITEAOF: CommandHandler = (client) => {
  const aof = aofState(client.server);
  if (aof.rewrite !== undefined) return ERR_REWRITE_IN_PROGRESS;
  if (aof.childActive() || client.inExec) {
    aof.rewriteScheduled = true;
    aof.consecutiveFailures = 0;
    aof.scheduleCron();
    return new SimpleString('Background append only file rewriting scheduled');
  }
  aof.loadedManifest();
  return aof.startRewrite() ? new SimpleString('Background append only file rewriting started') : ERR_REWRITE_FAILED;
};

/**
 * updateAppendonly (CONFIG SET appendonly): yes starts the AOF with a rewrite, no stops
 * it. Values given at start-up are for enablePersistence, which opens the files.
 */
export function appendonlyChanged(server: FakeServer, value: string): void {
  if (server.databases.length === 0) return;
  const aof = aofState(server);
  if (value !== 'yes' && aof.status !== 'off') {
    aof.stop();
  } else if (value === 'yes' && aof.status === 'off') {
    aof.loadedManifest();
    if (!aof.start()) throw new ConfigError('Unable to turn on AOF. Check server logs.');
  }
}

/** INFO persistence's AOF fields, in Redis 7.0's order; the last six only with appendonly yes. */
export function aofInfoFields(server: FakeServer): Array<[string, string | number]> {
  const aof = aofState(server);
  const rewrite = aof.rewrite;
  const fields: Array<[string, string | number]> = [
    ['aof_enabled', aof.status !== 'off' ? 1 : 0],
    ['aof_rewrite_in_progress', rewrite !== undefined ? 1 : 0],
    ['aof_rewrite_scheduled', aof.rewriteScheduled ? 1 : 0],
    ['aof_last_rewrite_time_sec', aof.lastRewriteTimeSec],
    ['aof_current_rewrite_time_sec', rewrite === undefined ? -1 : Math.floor((server.clock.now() - rewrite.startedAt) / 1000)],
    ['aof_last_bgrewrite_status', aof.lastBgrewriteOk ? 'ok' : 'err'],
    ['aof_rewrites', aof.rewrites],
    ['aof_rewrites_consecutive_failures', aof.consecutiveFailures],
    ['aof_last_write_status', aof.lastWriteOk ? 'ok' : 'err'],
    ['aof_last_cow_size', 0],
  ];
  return fields;
}

/** The fields INFO persistence ends with when appendonly is yes. */
export function aofEnabledInfoFields(server: FakeServer): Array<[string, string | number]> {
  if (!server.config.getBoolean('appendonly')) return [];
  const aof = aofState(server);
  return [
    ['aof_current_size', aof.currentSize],
    ['aof_base_size', aof.rewriteBaseSize],
    ['aof_pending_rewrite', aof.rewriteScheduled ? 1 : 0],
    ['aof_buffer_length', 0],
    ['aof_pending_bio_fsync', 0],
    ['aof_delayed_fsync', 0],
  ];
}

/**
 * DEBUG LOADAOF: the dataset emptied and loaded again from the AOF files the manifest on
 * disk names. Where Redis exits on a file it cannot load, the fake answers an error and
 * keeps the emptied dataset.
 */
export function debugLoadAof(server: FakeServer): ErrorReply | typeof OK {
  const aof = aofState(server);
  for (const db of server.databases) db.flush(false);
  try {
    aof.manifest = undefined;
    aof.loadedManifest();
  } catch (err) {
    if (!(err instanceof AofManifestError)) throw err;
    server.log('warning', err.message);
    return new ErrorReply('ERR Error loading the AOF manifest, see the server log');
  }
  aof.deleteHistoryFiles();
  const loaded = loadAppendOnlyFiles(server, aof.dir, aof.loadedManifest());
  if (loaded.status !== 'ok' && loaded.status !== 'empty' && loaded.status !== 'truncated') {
    return new ErrorReply('ERR Error loading the AOF, see the server log');
  }
  server.dirty = 0;
  server.log('warning', 'Append Only File loaded by DEBUG LOADAOF');
  return OK;
}

/**
 * What redis-server does with its files at start (main: aofLoadManifestFromDisk,
 * loadDataFromDisk, aofOpenIfNeededOnServerStart, aofDelHistoryFiles), for a server
 * process: with appendonly yes the AOF of `dir`/`appenddirname` is loaded (dump.rdb is not
 * read) and opened for appending, a base file written first when there is none;
 * otherwise `dir`/`dbfilename` is loaded when it exists. Save points are honoured from
 * then on. Throws RdbError with Redis's reason when a file cannot be loaded.
 */
export function enablePersistence(server: FakeServer, options: { load?: boolean } = {}): void {
  const aof = aofState(server);
  let manifest;
  try {
    manifest = aof.loadedManifest();
  } catch (err) {
    if (!(err instanceof AofManifestError)) throw err;
    server.log('warning', '\n*** FATAL AOF MANIFEST FILE ERROR ***\n');
    server.log('warning', err.message);
    throw new RdbError(err.message);
  }
  const appendonly = server.config.getBoolean('appendonly');
  if (options.load !== false) {
    if (appendonly) {
      const started = performance.now();
      const loaded = loadAppendOnlyFiles(server, aof.dir, manifest);
      if (loaded.status === 'failed' || loaded.status === 'open-err') throw new RdbError('Fatal error loading the AOF: see the server log');
      aof.currentSize = loaded.total;
      aof.rewriteBaseSize = loaded.base;
      server.dirty = 0;
      if (loaded.status !== 'not-exist') server.log('notice', `DB loaded from append only file: ${((performance.now() - started) / 1000).toFixed(3)} seconds`);
    } else {
      const failure = loadRdbFile(server, true);
      if (failure !== undefined) throw new RdbError(failure);
    }
  }
  if (appendonly) aof.openOnServerStart();
  aof.deleteHistoryFiles();
  const state = persistenceState(server);
  state.enabled = true;
  state.startCron();
}

/**
 * prepareForShutdown's AOF part: a running rewrite is killed, unless it writes the first
 * AOF (then the shutdown is refused unless forced); the file is synced. False to refuse.
 */
export function aofPrepareForShutdown(server: FakeServer, force: boolean): boolean {
  const aof = aofState(server);
  if (aof.rewrite !== undefined) {
    if (aof.status === 'wait-rewrite') {
      if (!force) {
        server.log('warning', "Writing initial AOF, can't exit.");
        return false;
      }
      server.log('warning', 'Writing initial AOF. Exit anyway.');
    }
    server.log('warning', 'There is a child rewriting the AOF. Killing it!');
    aof.killRewrite();
  }
  if (aof.status !== 'off') {
    server.log('notice', 'Calling fsync() on the AOF file.');
    aof.sync();
  }
  return true;
}
