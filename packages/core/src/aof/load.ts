import { existsSync, readFileSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import type { Bytes } from '../bytes.js';
import type { Client } from '../client.js';
import { LookupFailure } from '../dispatch/table.js';
import { RdbError } from '../rdb/format.js';
import { rdbApply, rdbParse } from '../rdb/file.js';
import { ErrorReply } from '../reply.js';
import type { FakeServer } from '../server.js';
import type { AofManifest } from './manifest.js';
import { aofState } from './aof.js';

/** loadSingleAppendOnlyFile's outcomes (AOF_OK, AOF_NOT_EXIST, AOF_EMPTY, AOF_OPEN_ERR, AOF_FAILED, AOF_TRUNCATED). */
export type AofLoadStatus = 'ok' | 'not-exist' | 'empty' | 'open-err' | 'failed' | 'truncated';

/** fgets with Redis's 1024-byte buffer: a line with its newline, at most 1023 bytes; undefined at EOF. */
function fgets(data: Buffer, pos: number): { line: string; next: number } | undefined {
  if (pos >= data.length) return undefined;
  const limit = Math.min(data.length, pos + 1023);
  const nl = data.indexOf(10, pos);
  const end = nl >= 0 && nl < limit ? nl + 1 : limit;
  return { line: data.toString('latin1', pos, end), next: end };
}

/** C's strtol on a length line, base 10, stopping at the first non-digit. */
function strtol(text: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(text);
  return m === null ? 0 : Number(m[1]);
}

/**
 * Runs one file of the AOF as Redis's loadSingleAppendOnlyFile: an RDB base (or an old
 * RDB preamble) is loaded, then the commands in RESP form are run by a client of their
 * own, transactions queued until EXEC. A short read (a file cut in the middle of a
 * command, or a MULTI without its EXEC) is truncated away with `aof-load-truncated`
 * when this is the last file, as Redis truncates it on disk.
 */
export function loadSingleAppendOnlyFile(server: FakeServer, dir: string, filename: string, client: Client): AofLoadStatus {
  const path = join(dir, filename);
  let data: Buffer;
  try {
    if (!existsSync(path)) {
      server.log('warning', `The append log file ${filename} doesn't exist: No such file or directory`);
      return 'not-exist';
    }
    data = readFileSync(path);
  } catch (err) {
    server.log('warning', `Fatal error: can't open the append log file ${filename} for reading: ${(err as Error).message}`);
    return 'open-err';
  }
  if (data.length === 0) return 'empty';
  let pos = 0;
  if (data.length >= 5 && data.toString('latin1', 0, 5) === 'REDIS') {
    server.log('notice', 'Reading RDB base file on AOF loading...');
    try {
      rdbApply(server, rdbParse(server, data), false);
    } catch (err) {
      if (!(err instanceof RdbError) && !(err instanceof ErrorReply)) throw err;
      server.log('warning', err.message);
      server.log('warning', `Error reading the RDB base file ${filename}, AOF loading aborted`);
      return 'failed';
    }
    return 'ok';
  }
  let validUpTo = 0;
  let validBeforeMulti = 0;
  const truncatedOk = server.config.getBoolean('aof-load-truncated');
  const shortRead = (): AofLoadStatus => {
    if (truncatedOk) {
      server.log('warning', `!!! Warning: short read while loading the AOF file ${filename}!!!`);
      server.log('warning', `!!! Truncating the AOF ${filename} at offset ${validUpTo} !!!`);
      try {
        truncateSync(path, validUpTo);
        server.log('warning', `AOF ${filename} loaded anyway because aof-load-truncated is enabled`);
        return 'truncated';
      } catch (err) {
        server.log('warning', `Error truncating the AOF file ${filename}: ${(err as Error).message}`);
      }
    }
    server.log('warning', `Unexpected end of file reading the append only file ${filename}. You can: 1) Make a backup of your AOF file, then use ./redis-check-aof --fix <filename.manifest>. 2) Alternatively you can set the 'aof-load-truncated' configuration option to yes and restart the server.`);
    return 'failed';
  };
  const formatError = (): AofLoadStatus => {
    server.log('warning', `Bad file format reading the append only file ${filename}: make a backup of your AOF file, then use ./redis-check-aof --fix <filename.manifest>`);
    return 'failed';
  };
  for (;;) {
    const header = fgets(data, pos);
    if (header === undefined) break;
    pos = header.next;
    const line = header.line;
    if (line[0] === '#') continue;
    if (line[0] !== '*') return formatError();
    if (line.length === 1) return shortRead();
    const argc = strtol(line.slice(1));
    if (argc < 1) return formatError();
    const argv: Bytes[] = [];
    for (let j = 0; j < argc; j++) {
      const lenLine = fgets(data, pos);
      if (lenLine === undefined) return shortRead();
      if (lenLine.line[0] !== '$') return formatError();
      pos = lenLine.next;
      const len = strtol(lenLine.line.slice(1));
      if (len > 0 && pos + len > data.length) return shortRead();
      argv.push(data.toString('latin1', pos, pos + Math.max(0, len)) as Bytes);
      pos += Math.max(0, len);
      // The CRLF after the argument is skipped unread.
      if (pos + 2 > data.length) return shortRead();
      pos += 2;
    }
    const found = server.commands.lookup(argv);
    const entry = found instanceof LookupFailure ? found.entry : found;
    if (entry === undefined || entry.handler === undefined) {
      server.log('warning', `Unknown command '${argv[0]}' reading the append only file ${filename}`);
      return 'failed';
    }
    const name = (entry.parent ?? entry).fullName;
    if (name === 'multi') validBeforeMulti = validUpTo;
    if (client.multi !== undefined && name !== 'exec') {
      client.multi.queue.push({ entry, argv });
    } else {
      try {
        entry.handler(client, argv);
      } catch (err) {
        // Redis asserts the loading client gets no reply; an error here is the fake's to log.
        if (!(err instanceof ErrorReply)) throw err;
      }
    }
    validUpTo = pos;
  }
  if (client.multi !== undefined) {
    server.log('warning', `Revert incomplete MULTI/EXEC transaction in AOF file ${filename}`);
    client.discardTransaction();
    validUpTo = validBeforeMulti;
    return shortRead();
  }
  return 'ok';
}

/** The sizes of the base and incr files (getBaseAndIncrAppendOnlyFilesSize); undefined when one is missing. */
export function aofFilesSize(dir: string, manifest: AofManifest): { total: number; base: number } | undefined {
  let total = 0;
  let base = 0;
  for (const info of [...(manifest.base === undefined ? [] : [manifest.base]), ...manifest.incr]) {
    const path = join(dir, info.name);
    if (!existsSync(path)) return undefined;
    const size = statSync(path).size;
    total += size;
    if (info === manifest.base) base = size;
  }
  return { total, base };
}

/**
 * loadAppendOnlyFiles: the base, then each incr file, into the dataset (which the caller
 * emptied). 'not-exist' when the manifest names no file; a file named but missing fails.
 * A truncated file is only acceptable as the last one. Nothing is propagated meanwhile.
 */
export function loadAppendOnlyFiles(server: FakeServer, dir: string, manifest: AofManifest): { status: AofLoadStatus; total: number; base: number } {
  if (manifest.empty) return { status: 'not-exist', total: 0, base: 0 };
  const sizes = aofFilesSize(dir, manifest);
  if (sizes === undefined) {
    for (const info of [...(manifest.base === undefined ? [] : [manifest.base]), ...manifest.incr]) {
      if (!existsSync(join(dir, info.name))) server.log('warning', `The append log file ${info.name} doesn't exist: No such file or directory`);
    }
    return { status: 'failed', total: 0, base: 0 };
  }
  if (sizes.total === 0) return { status: 'empty', total: 0, base: 0 };
  const files = [...(manifest.base === undefined ? [] : [{ info: manifest.base, kind: 'base' }]), ...manifest.incr.map((info) => ({ info, kind: 'incr' }))];
  const propagator = server.propagator;
  server.propagator = undefined;
  const client = server.createClient();
  server.stats.totalConnections--;
  client.authenticated = true;
  client.blockingDenied = true;
  let status: AofLoadStatus = 'ok';
  const state = aofState(server);
  state.loading = true;
  try {
    for (let i = 0; i < files.length; i++) {
      const { info, kind } = files[i] as { info: { name: string }; kind: string };
      const last = i === files.length - 1;
      const started = performance.now();
      let ret = loadSingleAppendOnlyFile(server, dir, info.name, client);
      if (ret === 'ok' || (ret === 'truncated' && last)) {
        server.log('notice', `DB loaded from ${kind} file ${info.name}: ${((performance.now() - started) / 1000).toFixed(3)} seconds`);
      }
      if (ret === 'empty') ret = 'ok';
      if (ret === 'truncated' && !last) {
        server.log('warning', 'Fatal error: the truncated file is not the last file');
        ret = 'failed';
      }
      status = ret;
      if (ret === 'open-err' || ret === 'failed' || ret === 'not-exist') {
        status = ret === 'not-exist' ? 'failed' : ret;
        break;
      }
    }
  } finally {
    state.loading = false;
    client.close();
    server.propagator = propagator;
  }
  return { status, total: sizes.total, base: sizes.base };
}
