import { closeSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { open as openAsync, rename as renameAsync, unlink as unlinkAsync } from 'node:fs/promises';
import { join } from 'node:path';
import { isToken } from '../../bytes.js';
import type { CommandHandler } from '../../dispatch/mixin.js';
import { ERR_SYNTAX } from '../../errors/index.js';
import { ErrorReply, OK, SimpleString } from '../../reply.js';
import { RdbError } from '../../rdb/format.js';
import { rdbApply, rdbParse, rdbSaveToBuffer, type RdbSaveOptions } from '../../rdb/file.js';
import { addHook, defineModuleState, type FakeServer } from '../../server.js';
import { hasArgumentToken, identityOf } from '../../profile.js';
import { logReplicasAtShutdown } from '../../replication/master.js';
import { replicaOf } from '../../replication/replica.js';
import { aofState } from '../../aof/aof.js';
import { aofPrepareForShutdown } from './aof.js';

/**
 * RDB persistence (rdb.c, server.c's save points): SAVE, BGSAVE [SCHEDULE], the save
 * points of `save` checked on the server's clock, loading at start, DEBUG RELOAD and
 * SHUTDOWN's save. Files are written as Redis writes them: to temp-<pid>.rdb in `dir`,
 * synced, then renamed over `dbfilename`, so a reader never sees half a file.
 *
 * A FakeServer writes files only when asked to (SAVE, BGSAVE, SHUTDOWN SAVE, DEBUG
 * RELOAD); the automatic saves (save points, SHUTDOWN's default save) and loading at
 * start are for servers that enableRdbPersistence, as fakeredis-server does.
 *
 * BGSAVE takes its snapshot at once (the serialization is the fork's copy, made while
 * the command runs) and writes the file in the background: other clients are served
 * while it is written.
 */

/** What INFO persistence reports and BGSAVE keeps. */
export class PersistenceState {
  /** Save points and SHUTDOWN's default save are honoured (enableRdbPersistence). */
  enabled = false;
  bgsaveInProgress = false;
  bgsaveStartedAt = 0;
  bgsaveScheduled = false;
  lastBgsaveStatusOk = true;
  lastBgsaveTry = 0;
  lastBgsaveTimeSec = -1;
  saves = 0;
  /** Background saves that failed since the last one that succeeded (8.6's rdb_saves_consecutive_failures). */
  consecutiveFailures = 0;
  lastLoadKeysLoaded = 0;
  lastLoadKeysExpired = 0;
  /** The write that finishes the running BGSAVE (tests and SHUTDOWN wait for it). */
  pending: Promise<void> | undefined;
  /** Which BGSAVE is current: a foreground save kills the running one (killRDBChild) by moving it on. */
  bgsaveGeneration = 0;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly server: FakeServer) {}

  /** Runs serverCron's save-point check on the server's clock (a timer while enabled, and every clock tick). */
  startCron(): void {
    if (this.timer !== undefined) return;
    this.server.clock.onTick(() => this.cron());
    this.timer = setInterval(() => this.cron(), 1000);
    this.timer.unref?.();
  }

  stopCron(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * serverCron: a scheduled BGSAVE starts; else a save point whose changes and seconds
   * have passed starts one, unless the last one failed less than 5 seconds ago.
   */
  cron(): void {
    const server = this.server;
    if (server.closed || this.bgsaveInProgress) return;
    if (this.bgsaveScheduled && aofState(server).rewrite === undefined) {
      this.bgsaveScheduled = false;
      startBgsave(server);
      return;
    }
    if (!this.enabled) return;
    const now = Math.floor(server.clock.now() / 1000);
    for (const [seconds, changes] of savePoints(server)) {
      if (server.dirty >= changes && now - server.lastSave > seconds && (now - this.lastBgsaveTry > 5 || this.lastBgsaveStatusOk)) {
        server.log('notice', `${changes} changes in ${seconds} seconds. Saving...`);
        startBgsave(server);
        return;
      }
    }
  }
}

const persistenceKey = defineModuleState('core:persistence', (server) => new PersistenceState(server));

export function persistenceState(server: FakeServer): PersistenceState {
  return server.moduleState(persistenceKey);
}

/** The `save` config as [seconds, changes] pairs. */
function savePoints(server: FakeServer): Array<[number, number]> {
  const parts = server.config.get('save').split(' ').filter((p) => p !== '');
  const points: Array<[number, number]> = [];
  for (let i = 0; i + 1 < parts.length; i += 2) points.push([Number(parts[i]), Number(parts[i + 1])]);
  return points;
}

/** Path of the RDB file: `dir` / `dbfilename`. */
export function rdbFilePath(server: FakeServer): string {
  return join(server.config.get('dir'), server.config.get('dbfilename'));
}

/** temp-<pid>.rdb; a background save's has its own name, as Redis's child has its own pid. */
function tempPath(server: FakeServer, background = false): string {
  return join(server.config.get('dir'), background ? `temp-${process.pid}-bgsave.rdb` : `temp-${process.pid}.rdb`);
}

/** rdbSave: the whole dataset written and renamed into place; false (logged) on an I/O error. */
export function saveRdb(server: FakeServer): boolean {
  const state = persistenceState(server);
  // A foreground save (SHUTDOWN, FLUSHALL, DEBUG RELOAD) kills a running BGSAVE first.
  if (state.bgsaveInProgress) {
    server.log('warning', 'There is a child saving an .rdb. Killing it!');
    state.bgsaveGeneration++;
    state.bgsaveInProgress = false;
    state.pending = undefined;
  }
  const temp = tempPath(server);
  let data: Buffer;
  try {
    data = rdbSaveToBuffer(server).data;
  } catch (err) {
    // A value of a type without RDB hooks cannot be written (Redis has no such value).
    if (!(err instanceof RdbError)) throw err;
    server.log('warning', `Write error saving DB on disk: ${err.message}`);
    return false;
  }
  try {
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, rdbFilePath(server));
  } catch (err) {
    try {
      unlinkSync(temp);
    } catch {
      // nothing to remove
    }
    server.log('warning', `Failed opening the temp RDB file ${temp} (in server root dir ${server.config.get('dir')}) for saving: ${(err as Error).message}`);
    return false;
  }
  server.log('notice', 'DB saved on disk');
  server.dirty = 0;
  server.lastSave = Math.floor(server.clock.now() / 1000);
  state.lastBgsaveStatusOk = true;
  return true;
}

/**
 * rdbSaveBackground: the snapshot now, the file written without blocking; on success
 * the changes made before the snapshot stop counting (dirty - dirty_before_bgsave).
 */
export function startBgsave(server: FakeServer, forReplication?: BgsaveForReplication): boolean {
  const state = persistenceState(server);
  const startedAt = server.clock.now();
  // stat_rdb_saves counts BGSAVEs as they start, whatever their end.
  state.saves++;
  state.lastBgsaveTry = Math.floor(startedAt / 1000);
  const dirtyBefore = server.dirty;
  let snapshot: { data: Buffer; keys: number };
  try {
    snapshot = rdbSaveToBuffer(server, forReplication?.options);
  } catch (err) {
    // The snapshot cannot be written (a type without RDB hooks): the save fails at once.
    if (!(err instanceof RdbError)) throw err;
    server.log('warning', `Background saving error: ${err.message}`);
    state.lastBgsaveStatusOk = false;
    return false;
  }
  const { data, keys } = snapshot;
  state.bgsaveInProgress = true;
  state.bgsaveStartedAt = startedAt;
  // rdb-key-save-delay (µs per key, a testing knob): the background save takes that long.
  const delayUs = server.config.getNumber('rdb-key-save-delay');
  const delayMs = delayUs > 0 ? (keys * delayUs) / 1000 : 0;
  const temp = tempPath(server, true);
  const target = rdbFilePath(server);
  const generation = ++state.bgsaveGeneration;
  const killed = (): boolean => state.bgsaveGeneration !== generation;
  server.log('notice', `Background saving started by pid ${process.pid}`);
  state.pending = (async () => {
    let ok = true;
    try {
      const handle = await openAsync(temp, 'w');
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      // A killed save leaves its file unused: the foreground save that killed it stands.
      if (killed()) {
        await unlinkAsync(temp).catch(() => undefined);
        forReplication?.done(false, data);
        return;
      }
      await renameAsync(temp, target);
    } catch (err) {
      ok = false;
      await unlinkAsync(temp).catch(() => undefined);
      if (killed()) {
        forReplication?.done(false, data);
        return;
      }
      server.log('warning', `Write error saving DB on disk: ${(err as Error).message}`);
    }
    if (killed()) {
      forReplication?.done(false, data);
      return;
    }
    state.bgsaveInProgress = false;
    state.pending = undefined;
    state.lastBgsaveTimeSec = Math.floor((server.clock.now() - startedAt) / 1000);
    state.lastBgsaveStatusOk = ok;
    state.consecutiveFailures = ok ? 0 : state.consecutiveFailures + 1;
    if (ok) {
      server.log('notice', 'Background saving terminated with success');
      server.dirty = Math.max(0, server.dirty - dirtyBefore);
      server.lastSave = Math.floor(server.clock.now() / 1000);
    } else {
      server.log('warning', 'Background saving error');
    }
    // updateSlavesWaitingBgsave: the replicas waiting for this file get it now.
    forReplication?.done(ok, data);
  })();
  return true;
}

/** A BGSAVE started for replicas (disk target): its save info and filters, and who gets the file. */
export interface BgsaveForReplication {
  readonly options: RdbSaveOptions;
  done(ok: boolean, data: Buffer): void;
}

const ERR_BGSAVE_IN_PROGRESS = new ErrorReply('ERR Background save already in progress');
const ERR_ANOTHER_CHILD = new ErrorReply("ERR Another child process is active (AOF?): can't BGSAVE right now. Use BGSAVE SCHEDULE in order to schedule a BGSAVE whenever possible.");
const misconfErrors = new Map<string, ErrorReply>();

/** shared.bgsaveerr, naming the server as its profile does ("Valkey is configured ..."). */
function errMisconf(title: string): ErrorReply {
  let error = misconfErrors.get(title);
  if (error === undefined) {
    error = new ErrorReply(
      `MISCONF ${title} is configured to save RDB snapshots, but it's currently unable to persist to disk. Commands that may modify the data set are disabled, because this instance is configured to report errors during writes if RDB snapshotting fails (stop-writes-on-bgsave-error option). Please check the ${title} logs for details about the RDB error.`,
    );
    misconfErrors.set(title, error);
  }
  return error;
}

/**
 * writeCommandsDeniedByDiskError: MISCONF while the last background save failed, with
 * stop-writes-on-bgsave-error and save points set (scripts check it for their writes too).
 */
export function diskWriteError(server: FakeServer): ErrorReply | undefined {
  if (persistenceState(server).lastBgsaveStatusOk) return undefined;
  if (!server.config.getBoolean('stop-writes-on-bgsave-error') || savePoints(server).length === 0) return undefined;
  return errMisconf(identityOf(server).title);
}

/** Registers the MISCONF refusal with the dispatcher (ServerCommands' install). */
export function installPersistence(server: FakeServer): void {
  let loggedAt = 0;
  addHook(server, 'writeDenied', () => {
    const error = diskWriteError(server);
    // mustObeyClient: a replica applies its master's stream all the same. Redis logs it with
    // repl-ignore-disk-write-error yes and panics without it; the fake applies it and logs.
    if (error === undefined || server.currentClient === undefined || replicaOf(server)?.masterClient !== server.currentClient) return error;
    const now = server.clock.now();
    if (now - loggedAt > 60_000) {
      loggedAt = now;
      server.log('warning', 'Replica is applying a command even though it is unable to write to disk.');
    }
    return undefined;
  });
}

/** SAVE: a foreground save; refused while a BGSAVE runs; a failed save answers a bare ERR. */
export const SAVE: CommandHandler = (client) => {
  const state = persistenceState(client.server);
  if (state.bgsaveInProgress) return ERR_BGSAVE_IN_PROGRESS;
  // stat_rdb_saves counts SAVE commands, failed ones too (not DEBUG RELOAD's or SHUTDOWN's saves).
  state.saves++;
  return saveRdb(client.server) ? OK : new ErrorReply('ERR');
};

/**
 * BGSAVE [SCHEDULE]: "Background saving started", or an error while one runs. Inside a
 * transaction or a script it is scheduled for the next cron run, as Redis does while
 * another child process runs or in EXEC.
 */
export const BGSAVE: CommandHandler = (client, argv) => {
  const server = client.server;
  const state = persistenceState(server);
  // Valkey 8.1's BGSAVE CANCEL (where the command's metadata has the token).
  if (argv.length === 2 && isToken(argv[1], 'CANCEL') && hasArgumentToken(server.profile, 'BGSAVE', 'CANCEL')) return cancelBgsave(server);
  if (argv.length > 1 && !(argv.length === 2 && isToken(argv[1], 'SCHEDULE'))) return ERR_SYNTAX;
  if (state.bgsaveInProgress) return ERR_BGSAVE_IN_PROGRESS;
  // An AOF rewrite is the one other child process Redis may have running.
  const aofChild = aofState(server).rewrite !== undefined;
  if (aofChild && !client.inExec && !client.isScript && argv.length === 1) return ERR_ANOTHER_CHILD;
  if (aofChild || client.inExec || client.isScript) {
    state.bgsaveScheduled = true;
    state.startCron();
    return new SimpleString('Background saving scheduled');
  }
  startBgsave(server);
  return new SimpleString('Background saving started');
};

const ERR_NO_BGSAVE_TO_CANCEL = new ErrorReply('ERR Background saving is currently not in progress or scheduled');

/**
 * BGSAVE CANCEL (Valkey 8.1): the running save is killed (killRDBChild: its temporary file
 * is dropped, the last save's status stays), or the scheduled one forgotten.
 */
function cancelBgsave(server: FakeServer): SimpleString | ErrorReply {
  const state = persistenceState(server);
  if (state.bgsaveInProgress) {
    server.log('notice', 'Background saving will be aborted due to user request');
    state.bgsaveGeneration++;
    state.bgsaveInProgress = false;
    state.pending = undefined;
    state.lastBgsaveTimeSec = Math.floor((server.clock.now() - state.bgsaveStartedAt) / 1000);
    return new SimpleString('Background saving cancelled');
  }
  if (state.bgsaveScheduled) {
    server.log('notice', 'Scheduled background saving will be cancelled due to user request');
    state.bgsaveScheduled = false;
    return new SimpleString('Scheduled background saving cancelled');
  }
  return ERR_NO_BGSAVE_TO_CANCEL;
}

/** The INFO persistence figures of RDB saving and loading. */
export function rdbInfoFields(server: FakeServer): Array<[string, string | number]> {
  const state = persistenceState(server);
  return [
    ['rdb_changes_since_last_save', server.dirty],
    ['rdb_bgsave_in_progress', state.bgsaveInProgress ? 1 : 0],
    ['rdb_last_save_time', server.lastSave],
    ['rdb_last_bgsave_status', state.lastBgsaveStatusOk ? 'ok' : 'err'],
    ['rdb_last_bgsave_time_sec', state.lastBgsaveTimeSec],
    ['rdb_current_bgsave_time_sec', state.bgsaveInProgress ? Math.floor((server.clock.now() - state.bgsaveStartedAt) / 1000) : -1],
    ['rdb_saves', state.saves],
    ['rdb_saves_consecutive_failures', state.consecutiveFailures],
    ['rdb_last_cow_size', 0],
    ['rdb_last_load_keys_expired', state.lastLoadKeysExpired],
    ['rdb_last_load_keys_loaded', state.lastLoadKeysLoaded],
  ];
}

/**
 * rdbLoad of `dir`/`dbfilename` in place of the dataset: undefined when done (or when
 * there is no file and `missingOk`), else the reason Redis logs. A file that fails to
 * load changes nothing.
 */
export function loadRdbFile(server: FakeServer, missingOk: boolean): string | undefined {
  let data: Buffer;
  try {
    data = readFileSync(rdbFilePath(server));
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT' && missingOk) return undefined;
    return `Fatal error loading the DB: ${(err as Error).message}. Exiting.`;
  }
  try {
    const loaded = rdbParse(server, data);
    rdbApply(server, loaded);
    const state = persistenceState(server);
    state.lastLoadKeysLoaded = loaded.keysLoaded;
    state.lastLoadKeysExpired = loaded.keysExpired;
    server.lastSave = Math.floor(server.clock.now() / 1000);
    server.dirty = 0;
    server.log('notice', `Done loading RDB, keys loaded: ${loaded.keysLoaded}, keys expired: ${loaded.keysExpired}.`);
    return undefined;
  } catch (err) {
    if (err instanceof RdbError || err instanceof ErrorReply) {
      const reason = err instanceof RdbError && /^Unexpected EOF/.test(err.message)
        ? 'Short read or OOM loading DB. Unrecoverable error, aborting now.'
        : err.message;
      server.log('warning', reason);
      return reason;
    }
    throw err;
  }
}

/**
 * Turns on the automatic side of persistence on a server: the file of `dir`/`dbfilename`
 * loaded now when it exists (throws with Redis's reason when it cannot be loaded), save
 * points honoured, and SHUTDOWN saving when save points are set.
 */
export function enableRdbPersistence(server: FakeServer, options: { load?: boolean } = {}): void {
  const state = persistenceState(server);
  if (options.load !== false) {
    const failure = loadRdbFile(server, true);
    if (failure !== undefined) throw new RdbError(failure);
  }
  state.enabled = true;
  state.startCron();
}

/**
 * prepareForShutdown, for SHUTDOWN and the signals: logs "User requested shutdown...",
 * then saves: with SAVE, or without NOSAVE when persistence is
 * enabled and save points are set, a foreground save after any running BGSAVE is dropped.
 * False when that save failed (SHUTDOWN then answers an error, unless FORCE).
 */
export function saveOnShutdown(server: FakeServer, flags: { save: boolean; nosave: boolean; force?: boolean; announced?: boolean }): boolean {
  // prepareForShutdown's first line, before any save (Redis 7.2 lowered it to notice);
  // `announced` when a SHUTDOWN that waited for its replicas logged it already.
  if (flags.announced !== true) announceShutdown(server);
  // finishShutdown: the replicas that are behind, and how many are in sync.
  logReplicasAtShutdown(server);
  // The AOF is synced (a rewrite writing the first AOF refuses the shutdown unless forced).
  if (!aofPrepareForShutdown(server, flags.force === true)) return false;
  const state = persistenceState(server);
  const wanted = flags.save || (!flags.nosave && state.enabled && savePoints(server).length > 0);
  if (!wanted) return true;
  server.log('notice', 'Saving the final RDB snapshot before exiting.');
  if (saveRdb(server)) return true;
  server.log('warning', "Error trying to save the DB, can't exit.");
  return false;
}

/** prepareForShutdown's first line (Redis 7.2 lowered it to notice). */
export function announceShutdown(server: FakeServer): void {
  server.log(server.versionAtLeast('7.2.0') ? 'notice' : 'warning', 'User requested shutdown...');
}

const ERR_RELOAD_LOAD = new ErrorReply('ERR Error trying to load the RDB dump');

/**
 * flushAllDataAndResetRDB's save: FLUSHALL writes the emptied dataset when save points are
 * set (on a server with persistence enabled), so a restart does not bring the keys back.
 */
export function saveAfterFlushAll(server: FakeServer): void {
  if (persistenceState(server).enabled && savePoints(server).length > 0) saveRdb(server);
}

/**
 * DEBUG RELOAD [MERGE] [NOFLUSH] [NOSAVE]: saves (unless NOSAVE), then loads the file
 * again in place of the dataset (MERGE with NOFLUSH: into it, the file's keys winning).
 * A file that cannot be loaded leaves the dataset as it was (Redis would have emptied it).
 */
export function debugReload(server: FakeServer, options: string[]): ErrorReply | typeof OK {
  let flush = true;
  let save = true;
  for (const option of options) {
    const o = option.toLowerCase();
    if (o === 'merge') continue;
    else if (o === 'noflush') flush = false;
    else if (o === 'nosave') save = false;
    else return new ErrorReply('ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.');
  }
  if (save && !saveRdb(server)) return new ErrorReply('ERR');
  let data: Buffer;
  try {
    data = readFileSync(rdbFilePath(server));
  } catch {
    return ERR_RELOAD_LOAD;
  }
  try {
    const loaded = rdbParse(server, data);
    rdbApply(server, loaded, flush);
    const state = persistenceState(server);
    state.lastLoadKeysLoaded = loaded.keysLoaded;
    state.lastLoadKeysExpired = loaded.keysExpired;
  } catch (err) {
    if (!(err instanceof RdbError) && !(err instanceof ErrorReply)) throw err;
    server.log('warning', err.message);
    return ERR_RELOAD_LOAD;
  }
  server.log('notice', 'DB reloaded by DEBUG RELOAD');
  return OK;
}
