import { describe, expect, it } from 'vitest';
import { type Bytes, ErrorReply, MutableString } from '../../src/index.js';
import { keyspaceServer } from './fixtures.js';

const MINUTE = 60_000;

describe('OBJECT', () => {
  it('IDLETIME counts whole seconds since the last access; OBJECT and NOTOUCH reads do not reset it', () => {
    const server = keyspaceServer();
    server.clock.freeze(1_000 * MINUTE);
    server.call('SET', 'k', 'v');
    server.clock.advance(5_500);
    expect(server.call('OBJECT', 'IDLETIME', 'k')).toBe(5);
    for (const argv of [['TYPE', 'k'], ['EXISTS', 'k'], ['TTL', 'k'], ['OBJECT', 'ENCODING', 'k'], ['KEYS', '*'], ['SCAN', '0']]) {
      server.call(...argv);
    }
    expect(server.call('OBJECT', 'IDLETIME', 'k')).toBe(5);
    server.call('GET', 'k');
    expect(server.call('OBJECT', 'IDLETIME', 'k')).toBe(0);
    server.close();
  });

  it('a CLIENT NO-TOUCH client leaves the access time alone, except with TOUCH', () => {
    const server = keyspaceServer();
    server.clock.freeze(1_000 * MINUTE);
    server.call('SET', 'k', 'v');
    server.clock.advance(3_000);
    const client = server.createClient();
    client.noTouch = true;
    server.execute(client, ['GET', 'k'] as Bytes[]);
    expect(server.call('OBJECT', 'IDLETIME', 'k')).toBe(3);
    server.execute(client, ['TOUCH', 'k'] as Bytes[]);
    expect(server.call('OBJECT', 'IDLETIME', 'k')).toBe(0);
    server.close();
  });

  it('a CLIENT NO-TOUCH client leaves the access time alone on write lookups too; TOUCH in MULTI touches', () => {
    const server = keyspaceServer();
    server.clock.freeze(1_000 * MINUTE);
    server.call('SET', 'k', 'v');
    server.clock.advance(3_000);
    const client = server.createClient();
    client.noTouch = true;
    server.execute(client, ['EXPIRE', 'k', '100'] as Bytes[]);
    expect(server.call('OBJECT', 'IDLETIME', 'k')).toBe(3);
    server.execute(client, ['MULTI'] as Bytes[]);
    server.execute(client, ['TOUCH', 'k'] as Bytes[]);
    server.execute(client, ['EXEC'] as Bytes[]);
    expect(server.call('OBJECT', 'IDLETIME', 'k')).toBe(0);
    server.close();
  });

  it('RENAME, MOVE and SWAPDB keep the access time; COPY starts afresh', () => {
    const server = keyspaceServer();
    server.clock.freeze(1_000 * MINUTE);
    server.call('SET', 'k', 'v');
    server.call('SET', 'm', 'v');
    server.clock.advance(4_000);
    server.call('SWAPDB', '0', '1');
    server.call('SELECT', '1');
    expect(server.call('OBJECT', 'IDLETIME', 'm')).toBe(4);
    server.call('COPY', 'm', 'c');
    expect(server.call('OBJECT', 'IDLETIME', 'c')).toBe(0);
    server.close();
  });

  it('FREQ needs an LFU policy, IDLETIME needs a non-LFU one', () => {
    const server = keyspaceServer();
    server.call('SET', 'k', 'v');
    expect(server.call('OBJECT', 'FREQ', 'k')).toBeInstanceOf(ErrorReply);
    server.config.set('maxmemory-policy', 'allkeys-lfu');
    expect(server.call('OBJECT', 'IDLETIME', 'k')).toEqual(
      new ErrorReply(
        'ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.',
      ),
    );
    expect(server.call('OBJECT', 'FREQ', 'nokey')).toBeNull();
    server.close();
  });

  it('FREQ starts at 5, grows on access and decays one step per lfu-decay-time minutes', () => {
    const server = keyspaceServer({ config: { 'maxmemory-policy': 'volatile-lfu' }, seed: 1 });
    server.clock.freeze(1_000 * MINUTE);
    server.call('SET', 'k', 'v');
    expect(server.call('OBJECT', 'FREQ', 'k')).toBe(5);
    server.call('GET', 'k'); // at counter 5 the increment is certain
    expect(server.call('OBJECT', 'FREQ', 'k')).toBe(6);
    server.clock.advance(2 * MINUTE);
    expect(server.call('OBJECT', 'FREQ', 'k')).toBe(4); // OBJECT itself does not touch
    server.config.set('lfu-decay-time', '2');
    expect(server.call('OBJECT', 'FREQ', 'k')).toBe(5);
    server.config.set('lfu-decay-time', '0');
    expect(server.call('OBJECT', 'FREQ', 'k')).toBe(6);
    server.config.set('lfu-decay-time', '1');
    server.clock.advance(30 * MINUTE);
    expect(server.call('OBJECT', 'FREQ', 'k')).toBe(0);
    // An access decays first, then increments (at 0 the increment is certain).
    server.call('GET', 'k');
    expect(server.call('OBJECT', 'FREQ', 'k')).toBe(1);
    server.close();
  });

  it('ENCODING reports raw for a string edited in place and asks other values', () => {
    const server = keyspaceServer();
    server.db(0).set('m' as Bytes, new MutableString('12' as Bytes));
    expect(server.call('OBJECT', 'ENCODING', 'm')).toBe('raw');
    expect(server.call('TYPE', 'm')).toEqual(expect.objectContaining({ value: 'string' }));
    server.call('COPY', 'm', 'c');
    const original = server.db(0).lookupRead('m' as Bytes) as MutableString;
    original.append('3' as Bytes);
    expect(server.call('GET', 'c')).toBe('12');
    expect(server.call('GET', 'm')).toBe('123');
    expect(server.call('OBJECT', 'ENCODING', 'c')).toBe('raw');
    server.close();
  });

  it('REFCOUNT reports shared small integers unless an LRU/LFU policy with a limit forbids sharing', () => {
    const server = keyspaceServer();
    server.call('SET', 'n', '42');
    expect(server.call('OBJECT', 'REFCOUNT', 'n')).toBe(2147483647);
    server.config.set('maxmemory-policy', 'allkeys-lru');
    expect(server.call('OBJECT', 'REFCOUNT', 'n')).toBe(2147483647);
    server.config.set('maxmemory', '1000000000');
    expect(server.call('OBJECT', 'REFCOUNT', 'n')).toBe(1);
    server.close();
  });
});
