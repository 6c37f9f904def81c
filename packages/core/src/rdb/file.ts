import type { Bytes } from '../bytes.js';
import type { FakeServer } from '../server.js';
import { defineModuleState } from '../server.js';
import type { RedisValue } from '../values/object.js';
import { estimateMemory } from '../mixins/server/memory-estimate.js';
import { Crc64 } from './crc64.js';
import {
  RDB_OPCODE_AUX, RDB_OPCODE_EOF, RDB_OPCODE_EXPIRETIME, RDB_OPCODE_EXPIRETIME_MS, RDB_OPCODE_FREQ, RDB_OPCODE_IDLE,
  RDB_OPCODE_MODULE_AUX, RDB_OPCODE_RESIZEDB, RDB_OPCODE_SELECTDB, RdbError,
} from './format.js';
import { withPayloadSanitization } from './listpack.js';
import { RdbEmptyKeyError, rdbLoadValue, rdbSaveValueBody, rdbValueType } from './objects.js';
import { serverRdbVersion } from './payload.js';
import { RdbReader } from './reader.js';
import { replicaOf } from '../replication/replica.js';
import { RdbWriter } from './writer.js';

/** RDB_OPCODE_SLOT_INFO (7.4, cluster mode): slot id, slot size, expires slot size. */
const RDB_OPCODE_SLOT_INFO = 244;

/**
 * A part of the RDB file a module owns besides the keys (the function libraries): it
 * writes its opcodes before the databases and reads them back. Loading is staged: `read`
 * gathers, `commit` (which may still refuse with an RdbError) puts them in place before
 * the keys are, so a file that fails leaves the server as it was.
 */
export interface RdbSection {
  readonly opcodes: readonly number[];
  save(server: FakeServer, w: RdbWriter): void;
  begin(server: FakeServer): { read(opcode: number, r: RdbReader): void; commit(): void };
  /** The section as commands, for an AOF base without RDB preamble (rewriteFunctions: FUNCTION LOAD per library). */
  aofRewrite?(server: FakeServer): Iterable<readonly Bytes[]>;
}

const sections = defineModuleState('core:rdb-sections', () => [] as RdbSection[]);

/** Adds a module's section to the server's RDB files (a module calls it from its install). */
export function installRdbSection(server: FakeServer, section: RdbSection): void {
  server.moduleState(sections).push(section);
}

/** The modules' sections (what an AOF rewrite writes before the keys). */
export function rdbSections(server: FakeServer): readonly RdbSection[] {
  return server.moduleState(sections);
}

/** What rdbSaveRio takes besides the dataset: a replication save's info (rdbSaveInfo) and a replica's filters. */
export interface RdbSaveOptions {
  /** repl-stream-db, repl-id and repl-offset aux fields, as a save for replication writes them. */
  readonly replication?: { readonly streamDb: number; readonly replid: string; readonly offset: number };
  /** SLAVE_REQ_RDB_EXCLUDE_DATA / _FUNCTIONS (REPLCONF rdb-filter-only). */
  readonly excludeData?: boolean;
  readonly excludeFunctions?: boolean;
  /** An AOF base file (RDBFLAGS_AOF_PREAMBLE): aof-base is 1. */
  readonly aofBase?: boolean;
}

/**
 * rdbSaveRio into a buffer: "REDIS" and the version, the aux fields (redis-ver,
 * redis-bits, ctime, used-mem, aof-base), the modules' sections (function libraries),
 * each non-empty database as SELECTDB, RESIZEDB and its keys (expire time, LRU idle
 * seconds or LFU counter as maxmemory-policy says, type, name, value), EOF and the
 * CRC-64 of it all (zeros with rdbchecksum no).
 */
export function rdbSaveToBuffer(server: FakeServer, options: RdbSaveOptions = {}): { data: Buffer; keys: number } {
  const w = new RdbWriter(server.config.getBoolean('rdbcompression'), undefined, 1 << 16);
  const version = serverRdbVersion(server);
  w.rawBytes(`REDIS${String(version).padStart(4, '0')}`);
  const aux = (key: string, value: string): void => {
    w.byte(RDB_OPCODE_AUX);
    w.string(key);
    w.string(value);
  };
  aux('redis-ver', server.profile.version);
  aux('redis-bits', '64');
  aux('ctime', String(Math.floor(server.clock.now() / 1000)));
  aux('used-mem', String(estimateMemory(server).used));
  const rsi = options.replication;
  if (rsi !== undefined) {
    aux('repl-stream-db', String(rsi.streamDb));
    aux('repl-id', rsi.replid);
    aux('repl-offset', String(rsi.offset));
  }
  aux('aof-base', options.aofBase === true ? '1' : '0');
  // The sections are the function libraries (a replica's rdb-filter-only may leave them out).
  if (options.excludeFunctions !== true) for (const section of server.moduleState(sections)) section.save(server, w);
  const policy = server.config.get('maxmemory-policy');
  const saveLru = policy.endsWith('-lru');
  const saveLfu = policy.endsWith('-lfu');
  const now = server.clock.now();
  let keys = 0;
  for (const db of server.databases) {
    if (db.size === 0 || options.excludeData === true) continue;
    w.byte(RDB_OPCODE_SELECTDB);
    w.length(db.index);
    w.byte(RDB_OPCODE_RESIZEDB);
    w.length(db.size);
    w.length(db.volatileSize);
    for (const key of db.keys()) {
      const entry = db.peek(key);
      if (entry === undefined) continue;
      if (entry.expiresAt !== 0) {
        w.byte(RDB_OPCODE_EXPIRETIME_MS);
        w.millis(entry.expireTime);
      }
      if (saveLru) {
        w.byte(RDB_OPCODE_IDLE);
        w.length(Math.max(0, Math.floor((now - entry.accessedAt) / 1000)));
      }
      if (saveLfu) {
        w.byte(RDB_OPCODE_FREQ);
        w.byte(db.lfuCounter(entry));
      }
      w.byte(rdbValueType(server, entry.value));
      w.string(key);
      rdbSaveValueBody(server, entry.value, w);
      keys++;
    }
  }
  w.byte(RDB_OPCODE_EOF);
  const body = w.result();
  const sum = new Uint8Array(8);
  if (server.config.getBoolean('rdbchecksum')) {
    const crc = new Crc64();
    crc.update(body);
    sum.set(crc.bytes());
  }
  return { data: Buffer.concat([body, sum]), keys };
}

/** One key read from a file, not yet in place. */
interface LoadedKey {
  db: number;
  key: Bytes;
  value: RedisValue;
  expireTime: bigint;
  idleSeconds: number;
  lfu: number;
}

/** A whole file read and checked, ready to be put in place (rdbLoadRio staged). */
export interface LoadedRdb {
  readonly keys: LoadedKey[];
  readonly commits: Array<() => void>;
  /** INFO rdb_last_load_keys_loaded / _expired. */
  readonly keysLoaded: number;
  readonly keysExpired: number;
}

/**
 * rdbLoadRio: reads a whole RDB file. Any fault (bad magic or version, a short read, bad
 * data, a wrong checksum, a duplicated key) throws RdbError with the reason Redis logs,
 * before anything is changed. Keys whose time has passed are skipped by a master.
 */
export function rdbParse(server: FakeServer, data: Buffer): LoadedRdb {
  if (data.length < 9 || data.toString('latin1', 0, 5) !== 'REDIS') throw new RdbError('Wrong signature trying to load DB from file');
  const versionText = data.toString('latin1', 5, 9);
  const version = /^[0-9]{4}$/.test(versionText) ? Number(versionText) : 0;
  if (version < 1 || version > serverRdbVersion(server)) throw new RdbError(`Can't handle RDB format version ${version}`);
  const r = new RdbReader(data);
  r.pos = 9;
  const loads = server.moduleState(sections).map((section) => ({ section, loader: section.begin(server) }));
  const keys: LoadedKey[] = [];
  const seen = server.databases.map(() => new Set<Bytes>());
  const now = server.clock.now();
  // Loading a file is sanitized deeply only with sanitize-dump-payload yes (rdbLoadObject).
  const deep = server.config.get('sanitize-dump-payload') === 'yes';
  let db = 0;
  let expireTime = -1n;
  let idleSeconds = -1;
  let lfu = -1;
  let keysExpired = 0;
  for (;;) {
    const type = r.byte();
    if (type === RDB_OPCODE_EXPIRETIME) {
      expireTime = BigInt(r.raw(4).readInt32LE(0)) * 1000n;
      continue;
    }
    if (type === RDB_OPCODE_EXPIRETIME_MS) {
      expireTime = r.millis();
      continue;
    }
    if (type === RDB_OPCODE_FREQ) {
      lfu = r.byte();
      continue;
    }
    if (type === RDB_OPCODE_IDLE) {
      idleSeconds = r.length();
      continue;
    }
    if (type === RDB_OPCODE_EOF) break;
    if (type === RDB_OPCODE_SELECTDB) {
      db = r.length();
      if (db >= server.databases.length) {
        throw new RdbError(`FATAL: Data file was created with a Redis server configured to handle more than ${server.databases.length} databases. Exiting`);
      }
      continue;
    }
    if (type === RDB_OPCODE_RESIZEDB) {
      r.length();
      r.length();
      continue;
    }
    if (type === RDB_OPCODE_SLOT_INFO) {
      r.length();
      r.length();
      r.length();
      continue;
    }
    if (type === RDB_OPCODE_AUX) {
      // redis-ver, ctime, repl-id, lua scripts ...: nothing the fake needs to keep.
      r.string();
      r.string();
      continue;
    }
    if (type >= RDB_OPCODE_SLOT_INFO) {
      if (type === RDB_OPCODE_MODULE_AUX) throw new RdbError('The RDB file contains AUX module data I can\'t load: no matching module');
      const load = loads.find((l) => l.section.opcodes.includes(type));
      if (load === undefined) throw new RdbError(`Unknown RDB encoding type ${type}`);
      load.loader.read(type, r);
      continue;
    }
    const key = r.string();
    let value: RedisValue | undefined;
    try {
      value = withPayloadSanitization(server, deep, () => rdbLoadValue(server, type, r));
    } catch (err) {
      // An empty value is skipped with a warning; anything else ends the load.
      if (!(err instanceof RdbEmptyKeyError)) throw err;
    }
    if (value !== undefined) {
      const inDb = seen[db] as Set<Bytes>;
      if (inDb.has(key)) throw new RdbError(`RDB has duplicated key '${key}' in DB ${db}`);
      inDb.add(key);
      // A replica keeps them: its master deletes them (iAmMaster).
      if (expireTime !== -1n && expireTime < BigInt(now) && replicaOf(server) === undefined) keysExpired++;
      else keys.push({ db, key, value, expireTime: expireTime === -1n ? 0n : expireTime, idleSeconds, lfu });
    }
    expireTime = -1n;
    idleSeconds = -1;
    lfu = -1;
  }
  if (version >= 5) {
    const expected = r.raw(8);
    const zero = expected.every((b) => b === 0);
    if (!zero && server.config.getBoolean('rdbchecksum')) {
      const crc = new Crc64();
      crc.update(data, 0, r.pos - 8);
      const got = Buffer.from(crc.bytes());
      if (!got.equals(expected)) {
        throw new RdbError(`Wrong RDB checksum expected: (${hex(got)}) got (${hex(expected)}). Aborting now.`);
      }
    }
  }
  return { keys, commits: loads.map((l) => () => l.loader.commit()), keysLoaded: keys.length, keysExpired };
}

const hex = (b: Buffer): string => b.readBigUInt64LE(0).toString(16);

/**
 * Puts a parsed file in place: the sections first (they may still refuse), then, with
 * `flush`, every database emptied and the keys added with their expiry and access data.
 */
export function rdbApply(server: FakeServer, loaded: LoadedRdb, flush = true): void {
  for (const commit of loaded.commits) commit();
  if (flush) for (const db of server.databases) db.flush(false);
  const now = server.clock.now();
  const lfuPolicy = server.config.get('maxmemory-policy').endsWith('-lfu');
  for (const k of loaded.keys) {
    const db = server.databases[k.db];
    if (db === undefined) continue;
    if (!flush && db.has(k.key)) db.delete(k.key);
    const entry = db.attach(k.key, k.value, k.expireTime, false);
    // objectSetLRUOrLFU with the file's figures (idle seconds, LFU counter).
    if (lfuPolicy) {
      if (k.lfu >= 0) entry.lfu = k.lfu;
    } else if (k.idleSeconds >= 0) {
      entry.accessedAt = now - k.idleSeconds * 1000;
    }
  }
}
