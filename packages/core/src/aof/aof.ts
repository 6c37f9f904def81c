import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { open as openAsync, unlink as unlinkAsync } from 'node:fs/promises';
import { join } from 'node:path';
import type { Bytes } from '../bytes.js';
import { addPropagationListener, PROPAGATE_AOF, PropagationEncoder } from '../propagate.js';
import { rdbSaveToBuffer } from '../rdb/file.js';
import { RdbError } from '../rdb/format.js';
import { persistenceState } from '../mixins/server/persistence.js';
import { defineModuleState, type FakeServer } from '../server.js';
import { AofManifest, loadManifestFromDisk } from './manifest.js';
import { rewriteAppendOnlyFileCommands } from './rewrite.js';

/**
 * Redis 7.0's append-only file (aof.c): the propagation feed written to the last INCR file
 * of `dir`/`appenddirname`, listed with its BASE in the manifest; BGREWRITEAOF (and
 * CONFIG SET appendonly yes, and the growth rule of auto-aof-rewrite-*) writes a new BASE
 * from a snapshot and starts a new INCR file, the old ones deleted once the manifest
 * names the new ones.
 *
 * A rewrite takes its snapshot while the command runs (the fork's copy) and writes the
 * base file in the background: other clients are served meanwhile, their writes going to
 * the new INCR file.
 */

type Status = 'off' | 'on' | 'wait-rewrite';

interface Rewrite {
  readonly generation: number;
  readonly startedAt: number;
  readonly tempFile: string;
  /** The write of the base file (tests and SHUTDOWN wait for it). */
  readonly done: Promise<void>;
}

export class AofState {
  status: Status = 'off';
  manifest: AofManifest | undefined;
  /** The file commands are appended to: the last INCR, or temp-<name>.incr while waiting for the first rewrite. */
  private fd: number | undefined;
  private readonly encoder = new PropagationEncoder();
  private detach: (() => void) | undefined;
  /** aof_current_size, aof_last_incr_size, aof_rewrite_base_size. */
  currentSize = 0;
  lastIncrSize = 0;
  rewriteBaseSize = 0;
  rewrite: Rewrite | undefined;
  rewriteScheduled = false;
  /** The AOF files are being loaded (server.loading for what their commands do). */
  loading = false;
  lastRewriteTimeSec = -1;
  lastBgrewriteOk = true;
  rewrites = 0;
  consecutiveFailures = 0;
  lastWriteOk = true;
  private generation = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastFsync = 0;
  private unsynced = false;
  /** fsynced_reploff_pending: the replication offset the last fsync covered. */
  private syncedOffset = 0;
  private syncedOffsetPending = false;
  private cronRegistered = false;

  constructor(private readonly server: FakeServer) {}

  get dir(): string {
    return join(this.server.config.get('dir'), this.server.config.get('appenddirname'));
  }

  get filename(): string {
    return this.server.config.get('appendfilename');
  }

  /** server.aof_manifest, read from disk on first use (aofLoadManifestFromDisk). */
  loadedManifest(): AofManifest {
    this.manifest ??= loadManifestFromDisk(this.dir, this.filename);
    return this.manifest;
  }

  // ---- writing -------------------------------------------------------------------

  /** feedAppendOnlyFile, then flushAppendOnlyFile: each command is on disk before its reply is sent. */
  private feed(dbid: number, argv: readonly Bytes[], target: number): void {
    if ((target & PROPAGATE_AOF) === 0) return;
    // While waiting for the first rewrite, only a running rewrite's temp incr file takes writes.
    if (this.status === 'wait-rewrite' && this.rewrite === undefined) return;
    if (this.status === 'off' || this.fd === undefined) return;
    const bytes = Buffer.from(this.encoder.encode(dbid, argv), 'latin1');
    try {
      writeSync(this.fd, bytes);
      this.lastWriteOk = true;
    } catch (err) {
      this.lastWriteOk = false;
      this.server.log('warning', `Error writing to the AOF file: ${(err as Error).message}`);
      return;
    }
    this.currentSize += bytes.length;
    this.lastIncrSize += bytes.length;
    const fsync = this.server.config.get('appendfsync');
    if (fsync === 'always') {
      this.fsyncNow();
      // flushAppendOnlyFile runs in beforeSleep, once the input at hand moved the offset.
      if (!this.syncedOffsetPending) {
        this.syncedOffsetPending = true;
        setImmediate(() => {
          this.syncedOffsetPending = false;
          this.syncedOffset = this.server.masterReplOffset;
        });
      }
    } else if (fsync === 'everysec') this.unsynced = true;
  }

  /**
   * server.fsynced_reploff (7.2, what WAITAOF and a replica's FACK report): -1 with the AOF
   * off, 0 until the first rewrite is through, else the offset the last fsync covered
   * (appendfsync always: each write's; everysec: once a second; no: never moves).
   */
  get fsyncedReploff(): number {
    if (this.status === 'off') return -1;
    return this.status === 'wait-rewrite' ? 0 : this.syncedOffset;
  }

  /** The file synced now (SHUTDOWN). */
  sync(): void {
    this.fsyncNow();
  }

  private fsyncNow(): void {
    if (this.fd === undefined) return;
    try {
      fsyncSync(this.fd);
    } catch {
      // Nothing to report beyond what Redis logs for a failed fsync.
    }
    this.unsynced = false;
    this.lastFsync = this.server.clock.now();
    this.syncedOffset = this.server.masterReplOffset;
  }

  /** Starts listening to the feed (once the file to append to is open). */
  private listen(): void {
    this.detach ??= addPropagationListener(this.server, (dbid, argv, target) => this.feed(dbid, argv, target));
    this.scheduleCron();
  }

  private closeFd(): void {
    if (this.fd === undefined) return;
    try {
      fsyncSync(this.fd);
    } catch {
      // as above
    }
    closeSync(this.fd);
    this.fd = undefined;
  }

  // ---- the manifest -------------------------------------------------------------

  /** writeAofManifestFile: temp-<name>.manifest written, synced and renamed over the manifest. */
  persistManifest(manifest: AofManifest): boolean {
    const temp = join(this.dir, `temp-${this.filename}.manifest`);
    try {
      const fd = openSync(temp, 'w');
      try {
        writeSync(fd, Buffer.from(manifest.format(), 'latin1'));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, join(this.dir, `${this.filename}.manifest`));
      return true;
    } catch (err) {
      this.server.log('warning', `Can't persist the AOF manifest file ${this.filename}.manifest: ${(err as Error).message}`);
      return false;
    }
  }

  /** aofDelHistoryFiles: the history files are removed and the manifest written without them. */
  deleteHistoryFiles(): void {
    const manifest = this.manifest;
    if (manifest === undefined || manifest.history.length === 0 || this.server.config.getBoolean('aof-disable-auto-gc')) return;
    for (const info of manifest.history) {
      this.server.log('notice', `Removing the history file ${info.name} in the background`);
      try {
        unlinkSync(join(this.dir, info.name));
      } catch {
        // Already gone.
      }
    }
    manifest.history = [];
    this.persistManifest(manifest);
  }

  private ensureDir(): boolean {
    try {
      mkdirSync(this.dir, { recursive: true });
      return true;
    } catch (err) {
      this.server.log('warning', `Can't open or create append-only dir ${this.server.config.get('appenddirname')}: ${(err as Error).message}`);
      return false;
    }
  }

  // ---- start, stop ----------------------------------------------------------------

  /**
   * aofOpenIfNeededOnServerStart: a server starting with appendonly yes writes a base file
   * when the manifest names none and no incr file, then appends to the last incr file.
   */
  openOnServerStart(): void {
    const server = this.server;
    const manifest = this.loadedManifest();
    if (!this.ensureDir()) throw new RdbError(`Can't open or create append-only dir ${server.config.get('appenddirname')}`);
    const hadIncr = manifest.incr.length > 0;
    if (manifest.empty) {
      const base = manifest.newBase(this.filename, server.config.getBoolean('aof-use-rdb-preamble'));
      const data = this.snapshot();
      const temp = join(server.config.get('dir'), `temp-rewriteaof-${process.pid}.aof`);
      writeFileSynced(temp, data);
      renameSync(temp, join(this.dir, base));
      server.log('notice', `Creating AOF base file ${base} on server start`);
    }
    const incr = manifest.lastIncr(this.filename);
    const path = join(this.dir, incr);
    this.fd = openSync(path, 'a');
    if (!this.persistManifest(manifest)) throw new RdbError(`Can't persist the AOF manifest file ${this.filename}.manifest`);
    this.lastIncrSize = statSync(path).size;
    server.log('notice', `${hadIncr ? 'Opening' : 'Creating'} AOF incr file ${incr} on server start`);
    this.status = 'on';
    this.syncedOffset = 0;
    this.encoder.selectedDb = -1;
    this.listen();
  }

  /** startAppendOnly (CONFIG SET appendonly yes): waits for a rewrite, which writes the base and opens the incr file. */
  start(): boolean {
    const server = this.server;
    this.status = 'wait-rewrite';
    if (this.childActive() && this.rewrite === undefined) {
      this.rewriteScheduled = true;
      this.scheduleCron();
      server.log('warning', 'AOF was enabled but there is already another background operation. An AOF background was scheduled to start when possible.');
    } else if (server.currentClient?.inExec === true) {
      this.rewriteScheduled = true;
      this.scheduleCron();
      server.log('warning', 'AOF was enabled during a transaction. An AOF background was scheduled to start when possible.');
    } else {
      if (this.rewrite !== undefined) {
        server.log('warning', 'AOF was enabled but there is already an AOF rewriting in background. Stopping background AOF and starting a rewrite now.');
        this.killRewrite();
      }
      if (!this.startRewrite()) {
        this.status = 'off';
        server.log('warning', "Redis needs to enable the AOF but can't trigger a background AOF rewrite operation. Check the above logs for more info about the error.");
        return false;
      }
    }
    if (!this.lastWriteOk) {
      server.log('warning', 'AOF reopen, just ignore the last error.');
      this.lastWriteOk = true;
    }
    return true;
  }

  /** stopAppendOnly (CONFIG SET appendonly no): the file synced and closed, a running rewrite killed. */
  stop(): void {
    this.closeFd();
    this.encoder.selectedDb = -1;
    this.status = 'off';
    this.rewriteScheduled = false;
    this.lastIncrSize = 0;
    this.killRewrite();
    this.detach?.();
    this.detach = undefined;
  }

  /** killAppendOnlyChild: the running rewrite's result is dropped, its temp files removed. */
  killRewrite(): void {
    const rewrite = this.rewrite;
    if (rewrite === undefined) return;
    this.server.log('notice', `Killing running AOF rewrite child: ${process.pid}`);
    this.generation++;
    this.rewrite = undefined;
    removeQuietly(rewrite.tempFile);
    this.lastRewriteTimeSec = -1;
    if (this.status === 'wait-rewrite') {
      this.closeFd();
      removeQuietly(join(this.dir, `temp-${this.filename}.incr`));
    }
  }

  /** An RDB save in the background also counts as the one child process Redis allows. */
  childActive(): boolean {
    return this.rewrite !== undefined || persistenceState(this.server).bgsaveInProgress;
  }

  // ---- rewriting ------------------------------------------------------------------

  /** The base file's content: an RDB (aof-use-rdb-preamble) or the dataset as commands. */
  private snapshot(): Buffer {
    if (this.server.config.getBoolean('aof-use-rdb-preamble')) return rdbSaveToBuffer(this.server, { aofBase: true }).data;
    return rewriteAppendOnlyFileCommands(this.server);
  }

  /**
   * rewriteAppendOnlyFileBackground: a new incr file (or the temp one while waiting for
   * the first rewrite) takes the writes from now on; the snapshot is written to
   * temp-rewriteaof-bg-<pid>.aof in the background, then made the new base.
   */
  startRewrite(): boolean {
    const server = this.server;
    if (this.childActive()) return false;
    if (!this.ensureDir()) {
      this.lastBgrewriteOk = false;
      return false;
    }
    this.encoder.selectedDb = -1;
    // The first rewrite's offset becomes fsynced_reploff when it is through.
    if (this.status === 'wait-rewrite') this.syncedOffset = server.masterReplOffset;
    if (!this.openNewIncr()) {
      this.lastBgrewriteOk = false;
      return false;
    }
    this.rewrites++;
    let data: Buffer;
    try {
      data = this.snapshot();
    } catch (err) {
      if (!(err instanceof RdbError)) throw err;
      server.log('warning', `Write error writing append only file on disk: ${err.message}`);
      this.lastBgrewriteOk = false;
      this.consecutiveFailures++;
      return true;
    }
    const generation = ++this.generation;
    const tempFile = join(server.config.get('dir'), `temp-rewriteaof-bg-${process.pid}.aof`);
    const startedAt = server.clock.now();
    const delayUs = server.config.getNumber('rdb-key-save-delay');
    const keys = server.databases.reduce((n, db) => n + db.size, 0);
    const delayMs = delayUs > 0 ? (keys * delayUs) / 1000 : 0;
    server.log('notice', `Background append only file rewriting started by pid ${process.pid}`);
    this.rewriteScheduled = false;
    const done = (async () => {
      let ok = true;
      try {
        const handle = await openAsync(tempFile, 'w');
        try {
          await handle.writeFile(data);
          await handle.sync();
        } finally {
          await handle.close();
        }
        if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      } catch (err) {
        ok = false;
        server.log('warning', `Write error writing append only file on disk: ${(err as Error).message}`);
      }
      if (generation !== this.generation) {
        await unlinkAsync(tempFile).catch(() => undefined);
        return;
      }
      this.rewriteDone(ok, tempFile, startedAt);
    })();
    this.rewrite = { generation, startedAt, tempFile, done };
    this.scheduleCron();
    return true;
  }

  /** openNewIncrAofForAppend. */
  private openNewIncr(): boolean {
    if (this.status === 'off') return true;
    let name: string;
    let temp: AofManifest | undefined;
    if (this.status === 'wait-rewrite') {
      name = `temp-${this.filename}.incr`;
    } else {
      temp = this.loadedManifest().clone();
      name = temp.newIncr(this.filename);
    }
    let fd: number;
    try {
      fd = openSync(join(this.dir, name), 'w');
    } catch (err) {
      this.server.log('warning', `Can't open the append-only file ${name}: ${(err as Error).message}`);
      return false;
    }
    if (temp !== undefined && !this.persistManifest(temp)) {
      closeSync(fd);
      return false;
    }
    this.server.log('notice', `Creating AOF incr file ${name} on background rewrite`);
    this.closeFd();
    this.fd = fd;
    this.lastIncrSize = 0;
    if (temp !== undefined) this.manifest = temp;
    this.listen();
    return true;
  }

  /** backgroundRewriteDoneHandler. */
  private rewriteDone(ok: boolean, tempFile: string, startedAt: number): void {
    const server = this.server;
    this.rewrite = undefined;
    this.lastRewriteTimeSec = Math.floor((server.clock.now() - startedAt) / 1000);
    if (!ok) {
      this.lastBgrewriteOk = false;
      this.consecutiveFailures++;
      server.log('warning', 'Background AOF rewrite terminated with error');
      this.cleanupAfterRewrite(tempFile);
      return;
    }
    server.log('notice', 'Background AOF rewrite terminated with success');
    const temp = this.loadedManifest().clone();
    const base = temp.newBase(this.filename, server.config.getBoolean('aof-use-rdb-preamble'));
    const basePath = join(this.dir, base);
    const fail = (message: string): void => {
      server.log('warning', message);
      this.lastBgrewriteOk = false;
      this.consecutiveFailures++;
      this.cleanupAfterRewrite(tempFile);
    };
    try {
      renameSync(tempFile, basePath);
    } catch (err) {
      fail(`Error trying to rename the temporary AOF base file ${tempFile} into ${basePath}: ${(err as Error).message}`);
      return;
    }
    server.log('notice', `Successfully renamed the temporary AOF base file temp-rewriteaof-bg-${process.pid}.aof into ${base}`);
    if (this.status === 'wait-rewrite') {
      const tempIncr = `temp-${this.filename}.incr`;
      const incr = temp.newIncr(this.filename);
      try {
        renameSync(join(this.dir, tempIncr), join(this.dir, incr));
      } catch (err) {
        removeQuietly(basePath);
        fail(`Error trying to rename the temporary AOF incr file ${tempIncr} into ${incr}: ${(err as Error).message}`);
        return;
      }
      server.log('notice', `Successfully renamed the temporary AOF incr file ${tempIncr} into ${incr}`);
    }
    temp.markRewrittenIncrAsHistory(this.fd !== undefined);
    if (!this.persistManifest(temp)) {
      removeQuietly(basePath);
      fail("Can't persist the AOF manifest");
      return;
    }
    this.manifest = temp;
    if (this.status !== 'off') {
      this.currentSize = fileSize(basePath) + this.lastIncrSize;
      this.rewriteBaseSize = this.currentSize;
    }
    this.deleteHistoryFiles();
    this.lastBgrewriteOk = true;
    this.consecutiveFailures = 0;
    server.log('notice', 'Background AOF rewrite finished successfully');
    if (this.status === 'wait-rewrite') this.status = 'on';
  }

  private cleanupAfterRewrite(tempFile: string): void {
    removeQuietly(tempFile);
    if (this.status === 'wait-rewrite') {
      this.closeFd();
      removeQuietly(join(this.dir, `temp-${this.filename}.incr`));
    }
  }

  /** The running rewrite's end (resolved at once when none runs). */
  get pending(): Promise<void> {
    return this.rewrite?.done ?? Promise.resolve();
  }

  // ---- cron -----------------------------------------------------------------------

  /** Runs the AOF part of serverCron from now on (a timer, and every clock tick). */
  scheduleCron(): void {
    if (this.timer !== undefined || this.server.closed) return;
    if (!this.cronRegistered) {
      this.cronRegistered = true;
      this.server.clock.onTick(() => this.cron());
      this.server.onClose(() => this.shutdown());
    }
    this.timer = setInterval(() => this.cron(), 100);
    this.timer.unref?.();
  }

  /**
   * serverCron's AOF part: a scheduled rewrite starts when no child runs, the growth rule
   * (auto-aof-rewrite-percentage over auto-aof-rewrite-min-size) starts one, and with
   * appendfsync everysec the file is synced once a second.
   */
  cron(): void {
    const server = this.server;
    if (server.closed) return;
    if (this.rewriteScheduled && !this.childActive()) this.startRewrite();
    if (this.status === 'on' && !this.childActive()) {
      const percentage = server.config.getNumber('auto-aof-rewrite-percentage');
      if (percentage !== 0 && this.currentSize > server.config.getNumber('auto-aof-rewrite-min-size')) {
        const base = this.rewriteBaseSize === 0 ? 1 : this.rewriteBaseSize;
        const growth = Math.floor((this.currentSize * 100) / base) - 100;
        if (growth >= percentage) {
          server.log('notice', `Starting automatic rewriting of AOF on ${growth}% growth`);
          this.startRewrite();
        }
      }
    }
    if (this.unsynced && server.clock.now() - this.lastFsync >= 1000) this.fsyncNow();
  }

  /** The server is going away: the file synced and closed, a running rewrite dropped. */
  shutdown(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    // A rewrite still running is dropped with its temp files, as when a child is killed.
    if (this.rewrite !== undefined) {
      this.generation++;
      removeQuietly(this.rewrite.tempFile);
      this.rewrite = undefined;
      if (this.status === 'wait-rewrite') {
        this.closeFd();
        removeQuietly(join(this.dir, `temp-${this.filename}.incr`));
      }
    }
    this.closeFd();
    this.detach?.();
    this.detach = undefined;
  }
}

const aofKey = defineModuleState('core:aof', (server) => new AofState(server));

export function aofState(server: FakeServer): AofState {
  return server.moduleState(aofKey);
}

function writeFileSynced(path: string, data: Buffer): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
