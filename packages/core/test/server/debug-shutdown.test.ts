import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Client, Clock, type CommandEntry, ErrorReply, FakeServer, MapReply, OK, overrideCommands, protectedCommandError, type Transport, VerbatimReply,
} from '../../src/index.js';
import { ERR_DEBUG_NOT_ALLOWED } from '../../src/errors/index.js';
import { EveryCommandFixture, serverMixins } from './fixtures.js';

/** A client on a transport that records what it is sent. */
function connect(server: FakeServer, remoteAddress = '127.0.0.1:50000'): { client: Client; out: string[]; closed: () => boolean } {
  const out: string[] = [];
  let closed = false;
  const transport: Transport = {
    write: (encoded) => out.push(encoded),
    close: () => {
      closed = true;
    },
    remoteAddress,
    localAddress: '127.0.0.1:6379',
  };
  return { client: server.createClient(transport), out, closed: () => closed };
}

const resp = (...args: string[]) => `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;

describe('enable-debug-command', () => {
  it('refuses DEBUG by default, before authentication and arity of subcommands', () => {
    const server = new FakeServer({ mixins: serverMixins });
    expect(server.call('DEBUG', 'HELP')).toBe(ERR_DEBUG_NOT_ALLOWED);
    expect(server.call('DEBUG', 'nosuch', 'x', 'y')).toBe(ERR_DEBUG_NOT_ALLOWED);
    expect(server.call('DEBUG')).toEqual(new ErrorReply("ERR wrong number of arguments for 'debug' command"));
    const stats = (server.call('INFO', 'commandstats') as VerbatimReply).text;
    expect(stats).toContain('cmdstat_debug:calls=0,usec=0,usec_per_call=0.00,rejected_calls=3,failed_calls=0');
  });

  it('aborts a transaction that queues a refused DEBUG', () => {
    const server = new FakeServer({ mixins: serverMixins });
    server.call('MULTI');
    expect(server.call('DEBUG', 'SLEEP', '0')).toBe(ERR_DEBUG_NOT_ALLOWED);
    expect((server.call('EXEC') as ErrorReply).message).toMatch(/^EXECABORT/);
  });

  it('"local" allows local connections only', () => {
    const server = new FakeServer({ mixins: serverMixins, config: { 'enable-debug-command': 'local' } });
    expect(server.call('DEBUG', 'LOG', 'direct')).toEqual(OK);
    const local = connect(server, '127.0.0.1:40000');
    local.client.feed(resp('DEBUG', 'LOG', 'x'));
    expect(local.out.join('')).toBe('+OK\r\n');
    const remote = connect(server, '10.1.2.3:40000');
    remote.client.feed(resp('DEBUG', 'LOG', 'x'));
    expect(remote.out.join('')).toBe(`-${ERR_DEBUG_NOT_ALLOWED.message}\r\n`);
    const unix = connect(server, '/tmp/redis.sock:0');
    unix.client.feed(resp('DEBUG', 'LOG', 'x'));
    expect(unix.out.join('')).toBe('+OK\r\n');
  });
});

describe('protectedCommandError (processCommand\'s PROTECTED check)', () => {
  const entry = (server: FakeServer, name: string) => server.commands.getByFullName(name) as CommandEntry;
  const direct = (server: FakeServer) => server.createClient();

  it('keys on the PROTECTED flag: DEBUG and MODULE LOAD / LOADEX / UNLOAD, nothing else', () => {
    const server = new FakeServer({ mixins: overrideCommands([EveryCommandFixture], ...serverMixins) });
    const client = direct(server);
    expect(protectedCommandError(server, client, entry(server, 'debug'))).toBe(ERR_DEBUG_NOT_ALLOWED);
    const moduleRefusal = protectedCommandError(server, client, entry(server, 'module|load'));
    expect(moduleRefusal?.message).toBe(
      'ERR MODULE command not allowed. If the enable-module-command option is set to "local", you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.',
    );
    expect(protectedCommandError(server, client, entry(server, 'module|unload'))).toBe(moduleRefusal);
    expect(protectedCommandError(server, client, entry(server, 'module|list'))).toBeUndefined();
    expect(protectedCommandError(server, client, entry(server, 'config|set'))).toBeUndefined();
    expect(protectedCommandError(server, client, entry(server, 'get'))).toBeUndefined();
    server.close();
  });

  it('follows enable-module-command and enable-debug-command separately, "local" by address', () => {
    const server = new FakeServer({
      mixins: overrideCommands([EveryCommandFixture], ...serverMixins),
      config: { 'enable-module-command': 'local', 'enable-debug-command': 'yes' },
    });
    const local = connect(server, '127.0.0.1:40000').client;
    const remote = connect(server, '10.0.0.1:40000').client;
    expect(protectedCommandError(server, local, entry(server, 'module|loadex'))).toBeUndefined();
    expect(protectedCommandError(server, remote, entry(server, 'module|loadex'))?.message).toMatch(/^ERR MODULE command not allowed/);
    expect(protectedCommandError(server, remote, entry(server, 'debug'))).toBeUndefined();
    server.close();
  });
});

describe('DEBUG subcommands', () => {
  const debugServer = (clock?: Clock) => new FakeServer({ mixins: serverMixins, config: { 'enable-debug-command': 'yes' }, clock });

  it('SLEEP blocks the process for the given seconds', () => {
    const server = debugServer();
    const started = performance.now();
    expect(server.call('DEBUG', 'SLEEP', '0.05')).toEqual(OK);
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('SET-ACTIVE-EXPIRE 0 leaves expired keys to lazy expiry', () => {
    const clock = new Clock();
    clock.freeze(1_000_000);
    const server = debugServer(clock);
    server.call('DEBUG', 'SET-ACTIVE-EXPIRE', '0');
    expect(server.activeExpireEnabled).toBe(false);
    server.call('SET', 'k', 'v', 'PX', '10');
    clock.advance(100);
    expect(server.call('DBSIZE')).toBe(1);
    expect(server.call('GET', 'k')).toBeNull();
    expect(server.call('DBSIZE')).toBe(0);
    server.call('DEBUG', 'SET-ACTIVE-EXPIRE', '1');
    server.call('SET', 'k', 'v', 'PX', '10');
    clock.advance(100);
    expect(server.call('DBSIZE')).toBe(0);
  });

  it('CHANGE-REPL-ID renews INFO master_replid', () => {
    const server = debugServer();
    const before = server.replicationId;
    server.call('DEBUG', 'CHANGE-REPL-ID');
    expect(server.replicationId).not.toBe(before);
    expect((server.call('INFO', 'replication') as VerbatimReply).text).toContain(`master_replid:${server.replicationId}\r\n`);
  });

  it('POPULATE creates string keys, skipping existing ones, and signals WATCH', () => {
    const server = debugServer();
    server.call('SET', 'key:1', 'mine');
    expect(server.call('DEBUG', 'POPULATE', '3')).toEqual(OK);
    expect(server.call('MGET', 'key:0', 'key:1', 'key:2')).toEqual(['value:0', 'mine', 'value:2']);
    server.call('DEBUG', 'POPULATE', '1', 'p', '9');
    expect(server.call('GET', 'p:0')).toBe('value:0\0\0');
  });

  it('ERROR returns the message as the error, counted by its code', () => {
    const server = debugServer();
    expect(server.call('DEBUG', 'ERROR', 'MYERR went wrong')).toEqual(new ErrorReply('MYERR went wrong'));
    expect((server.call('INFO', 'errorstats') as VerbatimReply).text).toContain('errorstat_MYERR:count=1');
  });
});

describe('SHUTDOWN', () => {
  it('closes the server without replying and runs the onClose listeners', () => {
    const server = new FakeServer({ mixins: serverMixins });
    let notified = 0;
    server.onClose(() => notified++);
    const a = connect(server);
    const b = connect(server);
    a.client.feed(resp('SHUTDOWN', 'NOSAVE', 'NOW') + resp('PING'));
    expect(server.closed).toBe(true);
    expect(notified).toBe(1);
    expect(a.out).toEqual([]);
    expect(a.closed() && b.closed()).toBe(true);
    expect(server.clients.size).toBe(0);
  });

  it('checks its options first', () => {
    // SHUTDOWN SAVE writes dump.rdb into `dir`: a temporary one, not the package folder.
    const dir = mkdtempSync(join(tmpdir(), 'fakeredis-shutdown-'));
    const server = new FakeServer({ mixins: serverMixins, config: { dir } });
    expect(server.call('SHUTDOWN', 'SAVE', 'NOSAVE')).toEqual(new ErrorReply('ERR syntax error'));
    expect(server.call('SHUTDOWN', 'ABORT', 'NOW')).toEqual(new ErrorReply('ERR syntax error'));
    expect(server.call('SHUTDOWN', 'LATER')).toEqual(new ErrorReply('ERR syntax error'));
    expect(server.call('SHUTDOWN', 'abort')).toEqual(new ErrorReply('ERR No shutdown in progress.'));
    server.call('MULTI');
    expect(server.call('SHUTDOWN')).toEqual(new ErrorReply('ERR Command not allowed inside a transaction'));
    server.call('DISCARD');
    expect(server.closed).toBe(false);
    expect(server.call('SHUTDOWN', 'force', 'save')).toBeNull();
    expect(server.closed).toBe(true);
    expect(existsSync(join(dir, 'dump.rdb'))).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('TIME and LASTSAVE', () => {
  it('read the server clock', () => {
    const clock = new Clock();
    clock.freeze(1_700_000_000_123);
    const server = new FakeServer({ mixins: serverMixins, clock });
    expect(server.call('TIME')).toEqual(['1700000000', '123000']);
    clock.advance(5000.5);
    expect(server.call('TIME')).toEqual(['1700000005', '123500']);
    expect(server.call('LASTSAVE')).toBe(1_700_000_000);
  });
});

describe('MEMORY', () => {
  const server = new FakeServer({ mixins: serverMixins, config: { 'enable-debug-command': 'yes' } });

  it('USAGE sizes appended strings and values that measure themselves', () => {
    server.call('SET', 'k', 'x'.repeat(100));
    server.call('APPEND', 'k', 'y');
    expect(server.call('MEMORY', 'USAGE', 'k')).toBe(16 + 112 + 8 + 24);
    server.db(0).set('obj' as never, { type: 'list', encoding: () => 'quicklist', clone: () => null as never, memoryUsage: (samples: number) => 1000 + samples } as never);
    expect(server.call('MEMORY', 'USAGE', 'obj')).toBe(1005 + 8 + 24);
    expect(server.call('MEMORY', 'USAGE', 'obj', 'SAMPLES', '0')).toBe(1000 + 8 + 24);
  });

  it('STATS reports the hash tables of each database with keys', () => {
    const stats = server.call('MEMORY', 'STATS') as MapReply;
    const db0 = stats.entries.find(([k]) => k === 'db.0')?.[1] as MapReply;
    expect(db0.entries).toEqual([['overhead.hashtable.main', 2 * 40 + 4 * 8], ['overhead.hashtable.expires', 0], ['overhead.hashtable.slot-to-keys', 0]]);
    expect(stats.entries.find(([k]) => k === 'keys.count')?.[1]).toBe(2);
  });

  it('DOCTOR has nothing to say under 5MB, and no issue above', () => {
    const doctor = () => (server.call('MEMORY', 'DOCTOR') as VerbatimReply).text;
    expect(doctor()).toMatch(/^Hi Sam, this instance is empty/);
    server.call('DEBUG', 'POPULATE', '60000');
    expect(doctor()).toBe("Hi Sam, I can't find any memory issue in your instance. I can only account for what occurs on this base.\n");
    server.call('FLUSHALL');
    server.call('DEBUG', 'POPULATE', '100');
    expect(doctor()).toMatch(/^Hi Sam, this instance is empty/);
  });
});
