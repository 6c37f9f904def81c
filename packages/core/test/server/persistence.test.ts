import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enableRdbPersistence, persistenceState, rdbFilePath } from '../../src/index.js';
import { keyspaceServer } from '../keyspace/fixtures.js';

const freshDir = (): string => mkdtempSync(join(tmpdir(), 'fakeredis-rdb-'));
const info = (server: ReturnType<typeof keyspaceServer>): Record<string, string> => {
  const text = server.command('INFO', 'persistence') as string;
  return Object.fromEntries(text.split('\r\n').filter((l) => l.includes(':')).map((l) => l.split(':') as [string, string]));
};

describe('RDB persistence on FakeServer', () => {
  it('BGSAVE answers at once, runs in the background and is then done', async () => {
    const dir = freshDir();
    const server = keyspaceServer({ config: { dir } });
    server.command('SET', 'a', '1');
    server.command('RPUSH', 'l', 'x');
    expect(server.command('BGSAVE')).toBe('Background saving started');
    expect(info(server).rdb_bgsave_in_progress).toBe('1');
    // Other clients are served meanwhile; a second save is refused until it ends.
    expect(server.command('GET', 'a')).toBe('1');
    expect(() => server.command('BGSAVE')).toThrow('ERR Background save already in progress');
    expect(() => server.command('SAVE')).toThrow('ERR Background save already in progress');
    await persistenceState(server).pending;
    const after = info(server);
    expect(after.rdb_bgsave_in_progress).toBe('0');
    expect(after.rdb_last_bgsave_status).toBe('ok');
    expect(after.rdb_saves).toBe('1');
    expect(after.rdb_changes_since_last_save).toBe('0');
    expect(existsSync(rdbFilePath(server))).toBe(true);
    expect(server.command('LASTSAVE')).toBe(Math.floor(server.clock.now() / 1000));
    // No temp file is left behind.
    expect(readdirSync(dir)).toEqual(['dump.rdb']);
    server.close();
  });

  it('a save point counts changes, not commands: DEL of 3 keys is 3 (Redis server.dirty)', async () => {
    const server = keyspaceServer({ config: { dir: freshDir(), save: '10 3' } });
    enableRdbPersistence(server);
    server.clock.freeze();
    for (const key of ['a', 'b', 'c']) server.command('SET', key, '1');
    server.command('SAVE');
    server.command('DEL', 'a', 'b', 'c', 'missing');
    expect(info(server).rdb_changes_since_last_save).toBe('3');
    server.clock.advance(11_000);
    expect(persistenceState(server).bgsaveInProgress).toBe(true);
    await persistenceState(server).pending;
    expect(info(server).rdb_changes_since_last_save).toBe('0');
    server.close();
  });

  it('FLUSHALL with save points saves and leaves no change to save, as Redis', () => {
    const server = keyspaceServer({ config: { dir: freshDir(), save: '3600 1' } });
    enableRdbPersistence(server);
    server.command('SET', 'a', '1');
    server.command('SET', 'b', '1');
    server.command('FLUSHALL');
    expect(info(server).rdb_changes_since_last_save).toBe('0');
    server.close();
  });

  it('changes made while BGSAVE writes still count after it', async () => {
    const server = keyspaceServer({ config: { dir: freshDir() } });
    server.command('SET', 'a', '1');
    server.command('BGSAVE');
    server.command('SET', 'b', '2');
    await persistenceState(server).pending;
    expect(info(server).rdb_changes_since_last_save).toBe('1');
    server.close();
  });

  it('a failed save is reported, and SAVE answers a bare ERR', async () => {
    const dir = freshDir();
    const server = keyspaceServer({ config: { dir } });
    // dir must exist when set: it is removed afterwards to make the write fail.
    rmSync(dir, { recursive: true });
    expect(() => server.command('SAVE')).toThrow(/^ERR$/);
    // A failed SAVE leaves the status of the last background save alone.
    expect(info(server).rdb_last_bgsave_status).toBe('ok');
    server.command('BGSAVE');
    await persistenceState(server).pending;
    expect(info(server).rdb_last_bgsave_status).toBe('err');
    server.close();
  });

  it('after a failed BGSAVE, writes and PING get MISCONF while save points are set', async () => {
    const dir = freshDir();
    const server = keyspaceServer({ config: { dir, save: '900 1' } });
    server.command('SET', 'a', '1');
    rmSync(dir, { recursive: true });
    server.command('BGSAVE');
    await persistenceState(server).pending;
    const misconf = /^MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk\. /;
    expect(() => server.command('SET', 'a', '2')).toThrow(misconf);
    expect(() => server.command('PING')).toThrow(misconf);
    expect(server.command('GET', 'a')).toBe('1');
    server.command('CONFIG', 'SET', 'stop-writes-on-bgsave-error', 'no');
    expect(server.command('SET', 'a', '2')).toBe('OK');
    server.command('CONFIG', 'SET', 'stop-writes-on-bgsave-error', 'yes');
    server.command('CONFIG', 'SET', 'save', '');
    expect(server.command('SET', 'a', '3')).toBe('OK');
    server.command('CONFIG', 'SET', 'save', '900 1');
    expect(() => server.command('SET', 'a', '4')).toThrow(misconf);
    // A successful save ends it.
    server.config.initialize('dir', freshDir());
    server.command('BGSAVE');
    await persistenceState(server).pending;
    expect(server.command('SET', 'a', '5')).toBe('OK');
    server.close();
  });

  it('save points run BGSAVE on the server clock once enabled', async () => {
    const dir = freshDir();
    const server = keyspaceServer({ config: { dir, save: '10 2' } });
    enableRdbPersistence(server);
    server.clock.freeze();
    server.command('SET', 'a', '1');
    server.clock.advance(11_000);
    // One change is not enough for "10 2".
    expect(existsSync(rdbFilePath(server))).toBe(false);
    server.command('SET', 'b', '2');
    server.clock.advance(1000);
    expect(persistenceState(server).bgsaveInProgress).toBe(true);
    await persistenceState(server).pending;
    expect(existsSync(rdbFilePath(server))).toBe(true);
    expect(info(server).rdb_changes_since_last_save).toBe('0');
    server.close();
  });

  it('without enableRdbPersistence save points write nothing', () => {
    const dir = freshDir();
    const server = keyspaceServer({ config: { dir, save: '1 1' } });
    server.clock.freeze();
    server.command('SET', 'a', '1');
    server.clock.advance(5000);
    expect(readdirSync(dir)).toEqual([]);
    server.close();
  });

  it('a restarted server loads what the last one saved, expiry included', () => {
    const dir = freshDir();
    const first = keyspaceServer({ config: { dir } });
    first.command('SET', 'a', '1');
    first.command('SET', 'gone', 'x');
    first.command('PEXPIRE', 'gone', '50');
    first.command('SET', 'later', 'y');
    first.command('EXPIRE', 'later', '1000');
    first.command('RPUSH', 'l', 'p', 'q');
    first.command('SAVE');
    first.close();
    const second = keyspaceServer({ config: { dir } });
    second.clock.set(second.clock.now() + 100);
    enableRdbPersistence(second);
    expect(second.command('GET', 'a')).toBe('1');
    expect(second.command('EXISTS', 'gone')).toBe(0);
    expect(second.command('TTL', 'later')).toBeGreaterThan(990);
    expect(second.command('LRANGE', 'l', '0', '-1')).toEqual(['p', 'q']);
    expect(info(second).rdb_last_load_keys_loaded).toBe('3');
    expect(info(second).rdb_last_load_keys_expired).toBe('1');
    second.close();
  });

  it('SHUTDOWN SAVE writes the file; SHUTDOWN NOSAVE does not', () => {
    const dir = freshDir();
    const server = keyspaceServer({ config: { dir } });
    server.command('SET', 'a', '1');
    server.call('SHUTDOWN', 'NOSAVE');
    expect(existsSync(join(dir, 'dump.rdb'))).toBe(false);
    const other = keyspaceServer({ config: { dir } });
    other.command('SET', 'a', '1');
    other.call('SHUTDOWN', 'SAVE');
    expect(statSync(join(dir, 'dump.rdb')).size).toBeGreaterThan(0);
  });

  it('SHUTDOWN saves by default once persistence is enabled with save points', () => {
    const dir = freshDir();
    const server = keyspaceServer({ config: { dir } });
    enableRdbPersistence(server);
    server.command('SET', 'a', '1');
    server.call('SHUTDOWN');
    expect(existsSync(join(dir, 'dump.rdb'))).toBe(true);
  });

  it('FLUSHALL saves the emptied dataset once persistence is enabled with save points', () => {
    const dir = freshDir();
    const server = keyspaceServer({ config: { dir } });
    enableRdbPersistence(server);
    server.command('SET', 'a', '1');
    server.command('SAVE');
    server.command('FLUSHALL');
    server.close();
    const next = keyspaceServer({ config: { dir } });
    enableRdbPersistence(next);
    expect(next.command('DBSIZE')).toBe(0);
    next.close();
  });

  it('rdb_saves counts SAVE and BGSAVE commands, not DEBUG RELOAD', async () => {
    const server = keyspaceServer({ config: { dir: freshDir(), 'enable-debug-command': 'yes' } });
    server.command('SAVE');
    server.command('BGSAVE');
    await persistenceState(server).pending;
    server.command('DEBUG', 'RELOAD');
    expect(info(server).rdb_saves).toBe('2');
    server.close();
  });

  it('a foreground save (SHUTDOWN SAVE) kills a running BGSAVE: its older snapshot is dropped', async () => {
    const dir = freshDir();
    const server = keyspaceServer({ config: { dir, 'rdb-key-save-delay': '100000' } });
    server.command('SET', 'a', '1');
    server.command('BGSAVE');
    server.command('SET', 'b', '2');
    server.call('SHUTDOWN', 'SAVE');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(readdirSync(dir)).toEqual(['dump.rdb']);
    const next = keyspaceServer({ config: { dir } });
    enableRdbPersistence(next);
    expect(next.command('GET', 'b')).toBe('2');
    next.close();
  });

  it('a value of a type without RDB hooks fails the save, and BGSAVE does not stay in progress', () => {
    // The fixtures' sets have no RDB hooks (a module that defines none).
    const server = keyspaceServer({ config: { dir: freshDir() } });
    server.command('SADD', 's', 'a');
    expect(() => server.command('SAVE')).toThrow(/^ERR$/);
    expect(server.command('BGSAVE')).toBe('Background saving started');
    const after = info(server);
    expect(after.rdb_bgsave_in_progress).toBe('0');
    expect(after.rdb_last_bgsave_status).toBe('err');
    server.close();
  });
});
