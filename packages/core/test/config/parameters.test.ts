import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorReply, FakeServer, MapReply, OK } from '../../src/index.js';
import defaults from '../../src/config/defaults.redis-7.0.15.json' with { type: 'json' };
import { memtoull } from '../../src/config/kinds.js';
import { serverMixins } from '../server/fixtures.js';

const newServer = (config: Record<string, string> = {}) => new FakeServer({ mixins: serverMixins, config });
const asObject = (reply: unknown) => Object.fromEntries((reply as MapReply).entries as Array<[string, string]>);

describe('the parameter table', () => {
  it('defines every parameter and alias the probed redis-server has, and no other', () => {
    const server = newServer();
    const defined = new Set([...server.config.names()].map(([name]) => name));
    const probed = new Set([...Object.keys(defaults.parameters), ...Object.keys(defaults.hidden)]);
    expect([...defined].filter((n) => !probed.has(n))).toEqual([]);
    expect([...probed].filter((n) => !defined.has(n))).toEqual([]);
  });

  it('CONFIG GET * prints the probed defaults (dir is the working directory)', () => {
    const all = asObject(newServer().call('CONFIG', 'GET', '*'));
    const expected = { ...defaults.parameters, dir: process.cwd() };
    expect(all).toEqual(expected);
  });

  it('hidden parameters answer by exact name only', () => {
    const server = newServer();
    expect(asObject(server.call('CONFIG', 'GET', 'use-exit-on-panic'))).toEqual({ 'use-exit-on-panic': 'no' });
    expect(asObject(server.call('CONFIG', 'GET', 'use-exit-*'))).toEqual({});
    expect(asObject(server.call('CONFIG', 'GET', 'lua-enable-deprecated-api'))).toEqual({ 'lua-enable-deprecated-api': 'no' });
    expect(server.call('CONFIG', 'SET', 'key-load-delay', '-5')).toEqual(OK);
    expect(asObject(server.call('CONFIG', 'GET', 'key-load-delay'))).toEqual({ 'key-load-delay': '-5' });
  });

  it('memtoull: units, saturation and wrap-around as in C', () => {
    expect(memtoull('1gb')).toBe(1073741824n);
    expect(memtoull('1G')).toBe(1000000000n);
    expect(memtoull('')).toBe(0n);
    expect(memtoull('kb')).toBe(0n);
    expect(memtoull('99999999999999999999')).toBe(18446744073709551615n);
    expect(memtoull('99999999999gb')).toBe(15140462030378500096n);
    expect(memtoull('-1')).toBeUndefined();
    expect(memtoull('1tb')).toBeUndefined();
  });
});

describe('start-up configuration', () => {
  it('sets immutable parameters and builds the databases', () => {
    const server = newServer({ databases: '4', daemonize: 'yes', 'enable-debug-command': 'local' });
    expect(server.databases.length).toBe(4);
    expect(asObject(server.call('CONFIG', 'GET', 'daemonize'))).toEqual({ daemonize: 'yes' });
    expect(server.call('CONFIG', 'SET', 'databases', '8')).toEqual(
      new ErrorReply("ERR CONFIG SET failed (possibly related to argument 'databases') - can't set immutable config"),
    );
  });

  it('refuses an invalid start-up value', () => {
    expect(() => newServer({ maxmemory: 'lots' })).toThrow('argument must be a memory value');
  });
});

describe('CONFIG SET applies values to the engine and rolls back together', () => {
  it('maxmemory-policy switches LFU tracking', () => {
    const server = newServer();
    server.call('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lfu');
    expect(server.lfuEnabled).toBe(true);
    server.call('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru');
    expect(server.lfuEnabled).toBe(false);
  });

  it('a refused pair undoes the applied ones', () => {
    const server = newServer();
    const before = server.notifier.flags;
    const reply = server.call('CONFIG', 'SET', 'notify-keyspace-events', 'KEA', 'maxmemory-policy', 'allkeys-lfu', 'hz', 'x');
    expect(reply).toBeInstanceOf(ErrorReply);
    expect(server.notifier.flags).toBe(before);
    expect(server.lfuEnabled).toBe(false);
    expect(server.config.get('notify-keyspace-events')).toBe('');
  });

  it('an alias and its parameter in one call set the same value in order', () => {
    const server = newServer();
    expect(server.call('CONFIG', 'SET', 'hash-max-ziplist-entries', '1', 'hash-max-listpack-entries', '2')).toEqual(OK);
    expect(server.config.getNumber('hash-max-listpack-entries')).toBe(2);
  });
});

describe('protected parameters', () => {
  it('dir needs enable-protected-configs, then takes an existing directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fakeredis-dir-'));
    try {
      expect(newServer().call('CONFIG', 'SET', 'dir', dir)).toEqual(
        new ErrorReply("ERR CONFIG SET failed (possibly related to argument 'dir') - can't set protected config"),
      );
      const server = newServer({ 'enable-protected-configs': 'yes' });
      expect(server.call('CONFIG', 'SET', 'dir', dir)).toEqual(OK);
      expect(server.call('CONFIG', 'SET', 'dir', '..')).toEqual(OK);
      expect(asObject(server.call('CONFIG', 'GET', 'dir'))).toEqual({ dir: join(dir, '..') });
      expect(server.call('CONFIG', 'SET', 'dir', join(dir, 'missing'))).toEqual(
        new ErrorReply("ERR CONFIG SET failed (possibly related to argument 'dir') - No such file or directory"),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('"local" allows the direct client', () => {
    const server = newServer({ 'enable-protected-configs': 'local' });
    expect(server.call('CONFIG', 'SET', 'dbfilename', 'other.rdb')).toEqual(OK);
    expect(server.call('CONFIG', 'SET', 'dbfilename', 'a/b.rdb')).toEqual(
      new ErrorReply("ERR CONFIG SET failed (possibly related to argument 'dbfilename') - dbfilename can't be a path, just a filename"),
    );
  });
});
