import { defineMixin } from '@fakeredis/core';
import { describe, expect, it } from 'vitest';
import { addressKey, compose, serverRegistry } from '../src/index.js';

const Server = compose({ mixins: [defineMixin({ name: 'none', commands: {} })] });

describe('server registry', () => {
  it('folds loopback names and defaults to 127.0.0.1:6379', () => {
    expect(addressKey()).toBe('127.0.0.1:6379');
    expect(addressKey({ host: 'localhost' })).toBe('127.0.0.1:6379');
    expect(addressKey({ host: '::1', port: 6380 })).toBe('127.0.0.1:6380');
    expect(addressKey({ host: 'Redis.Example', port: 1 })).toBe('redis.example:1');
    expect(addressKey({ path: '/tmp/r.sock', host: 'x' })).toBe('unix:/tmp/r.sock');
  });

  it('gives one server per address, per class', () => {
    const registry = serverRegistry(Server);
    expect(serverRegistry(Server)).toBe(registry);
    const a = registry.get();
    expect(registry.get({ host: 'localhost', port: 6379 })).toBe(a);
    const b = registry.get({ port: 6380 });
    expect(b).not.toBe(a);
    expect(b.config.get('port')).toBe('6380');
    const c = registry.get({ path: '/tmp/x.sock' });
    expect(c.config.get('unixsocket')).toBe('/tmp/x.sock');
    const Other = compose({ mixins: [] });
    expect(serverRegistry(Other).get()).not.toBe(a);
    registry.reset();
    serverRegistry(Other).reset();
  });

  it('replaces closed servers, flushes and resets', () => {
    const registry = serverRegistry(Server);
    const first = registry.get({ port: 7001 });
    first.db(0).set('k' as never, 'v' as never);
    first.db(3).set('k' as never, 'v' as never);
    registry.flushAll();
    expect(first.db(0).size + first.db(3).size).toBe(0);
    expect(registry.find({ port: 7001 })).toBe(first);
    first.close();
    expect(registry.find({ port: 7001 })).toBeUndefined();
    const second = registry.get({ port: 7001 });
    expect(second).not.toBe(first);
    const custom = new Server({ config: { databases: 2 } });
    registry.set({ port: 7002 }, custom);
    expect(registry.get({ port: 7002 })).toBe(custom);
    expect(registry.entries().map(([key]) => key).sort()).toEqual(['127.0.0.1:7001', '127.0.0.1:7002']);
    registry.reset();
    expect(second.closed && custom.closed).toBe(true);
    expect(registry.entries()).toEqual([]);
  });
});
