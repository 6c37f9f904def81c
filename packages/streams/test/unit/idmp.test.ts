import { coreMixins, FakeServer, serverProfile } from '@fakeredis/core';
import { describe, expect, it } from 'vitest';
import { StreamCommands } from '../../src/index.js';

// Redis 8.6's idempotent producers where no reference server can be compared step by step:
// expiry on the server's clock, what DUMP keeps, the configured limits at start-up (the
// replies themselves are checked against 8.6.3 in test/conformance/idmp.test.ts).
const server86 = (config: Record<string, string> = {}): FakeServer =>
  new FakeServer({ mixins: [...coreMixins, StreamCommands], profile: serverProfile('redis', '8.6'), config });
const info = (server: FakeServer, key = 's'): Record<string, unknown> => server.command('XINFO', 'STREAM', key);

describe('Redis 8.6 idempotent producers', () => {
  it('an iid expires once its id is the duration old; its producer goes with its last iid', () => {
    const server = server86();
    try {
      server.clock.set(1_000_000);
      server.clock.freeze();
      const first = server.command<string>('XADD', 's', 'IDMP', 'p', 'i', '*', 'f', 'v');
      const ms = Number(first.split('-')[0]);
      server.clock.advance(50_000);
      server.command('XADD', 's', 'IDMP', 'q', 'i', '*', 'f', 'v');
      expect(server.command('XADD', 's', 'IDMP', 'p', 'i', '*', 'f', 'v')).toBe(first);
      server.clock.advance(49_999);
      expect(info(server)).toMatchObject({ 'pids-tracked': 2, 'iids-tracked': 2 });
      server.clock.advance(1);
      expect(info(server)).toMatchObject({ 'pids-tracked': 1, 'iids-tracked': 1, 'iids-added': 2, 'iids-duplicates': 1 });
      expect(server.command('XADD', 's', 'IDMP', 'p', 'i', '*', 'f', 'v')).toBe(`${ms + 100_000}-0`);
      server.command('XCFGSET', 's', 'IDMP-DURATION', '1');
      expect(info(server)).toMatchObject({ 'pids-tracked': 0, 'iids-tracked': 0, 'idmp-duration': 1 });
      server.command('XADD', 's', 'IDMP', 'p', 'i', '*', 'f', 'v');
      server.clock.advance(1000);
      expect(info(server)).toMatchObject({ 'pids-tracked': 0, 'iids-tracked': 0, 'iids-added': 4 });
    } finally {
      server.close();
    }
  });

  it('iids move with RENAME, MOVE and SWAPDB and still expire', () => {
    const server = server86();
    try {
      server.clock.set(1_000_000);
      server.clock.freeze();
      server.command('XADD', 's', 'IDMP', 'p', 'i', '*', 'f', 'v');
      server.command('RENAME', 's', 't');
      server.command('MOVE', 't', '1');
      server.command('SWAPDB', '0', '1');
      expect(info(server, 't')).toMatchObject({ 'iids-tracked': 1 });
      server.clock.advance(100_000);
      expect(info(server, 't')).toMatchObject({ 'iids-tracked': 0, 'pids-tracked': 0 });
    } finally {
      server.close();
    }
  });

  it('IDMPAUTO: the same fields and values in any order are one iid (its XXH3-128 hash); DUMP, RESTORE and COPY keep the iids', () => {
    const server = server86();
    try {
      server.command('XADD', 's', '9999999999999-0', 'f', 'v');
      const id = server.command('XADD', 's', 'IDMPAUTO', 'p', '*', 'a', '1', 'b', '2');
      expect(server.command('XADD', 's', 'IDMPAUTO', 'p', '*', 'b', '2', 'a', '1')).toBe(id);
      expect(server.command('XADD', 's', 'IDMPAUTO', 'p', '*', 'a', '12', 'b', '')).not.toBe(id);
      expect(server.command('XADD', 's', 'IDMPAUTO', 'p', '*', 'a', '1', 'b', '2', 'a', '1')).not.toBe(id);
      server.command('XADD', 's', 'IDMP', 'p', 'explicit', '*', 'f', 'v');
      expect(info(server)).toMatchObject({ 'iids-tracked': 4, 'iids-added': 4, 'iids-duplicates': 1 });
      const payload = server.commandBuffer<Buffer>('DUMP', 's');
      expect(payload[0]).toBe(26);
      expect(payload.readUInt16LE(payload.length - 10)).toBe(13);
      // The iid of a 1 b 2 as redis-server 8.6.3 dumps it.
      expect(payload.includes(Buffer.from('10c5b282935f77a53123e1ff7a302a11f2', 'hex'))).toBe(true);
      server.command('RESTORE', 'r', '0', payload);
      expect(info(server, 'r')).toMatchObject({ 'pids-tracked': 1, 'iids-tracked': 4, 'iids-added': 4, 'iids-duplicates': 1 });
      expect(server.command('XADD', 'r', 'IDMPAUTO', 'p', '*', 'b', '2', 'a', '1')).toBe(id);
      server.command('COPY', 's', 'c');
      expect(server.command('XADD', 'c', 'IDMPAUTO', 'p', '*', 'a', '1', 'b', '2')).toBe(id);
    } finally {
      server.close();
    }
  });

  it('stream-idmp-duration and stream-idmp-maxsize from the start-up configuration; absent before 8.6', () => {
    const server = server86({ 'stream-idmp-duration': '7', 'stream-idmp-maxsize': '3' });
    const before = new FakeServer({ mixins: [...coreMixins, StreamCommands], profile: serverProfile('redis', '8.0') });
    try {
      server.command('XADD', 's', '1-1', 'f', 'v');
      expect(info(server)).toMatchObject({ 'idmp-duration': 7, 'idmp-maxsize': 3 });
      expect(before.command('CONFIG', 'GET', 'stream-idmp-*')).toEqual({});
      before.command('XADD', 's', '1-1', 'f', 'v');
      expect(Object.keys(info(before))).not.toContain('idmp-duration');
      expect(before.commandBuffer<Buffer>('DUMP', 's')[0]).toBe(21);
    } finally {
      server.close();
      before.close();
    }
  });
});

describe('Redis 8.6 idempotent producers: replaying the AOF', () => {
  it('an IDMP XADD with the id it generated, as propagated, is taken from the AOF loader (mustObeyClient), not from a client', () => {
    const server = server86();
    try {
      const argv = ['XADD', 's', 'IDMP', 'p', 'i', '5-1', 'f', 'v'];
      expect(() => server.command(...argv)).toThrow('IDMP/IDMPAUTO can be used only with auto-generated IDs');
      // The AOF loader calls handlers outside the dispatcher (aof/load.ts).
      const loader = server.createClient();
      StreamCommands.commands.XADD?.(loader, argv as never);
      expect(info(server)).toMatchObject({ length: 1, 'iids-tracked': 1, 'last-generated-id': '5-1' });
      expect(server.command('XADD', 's', 'IDMP', 'p', 'i', '*', 'x', 'y')).toBe('5-1');
    } finally {
      server.close();
    }
  });
});
