import { describe, expect, it } from 'vitest';
import { addHook, coreMixins, FakeServer } from '../../src/index.js';
import { connect } from './wire.js';

// The clients cron on the server's clock (moving the clock by hand runs it): the idle
// timeout and its exemptions, and maxmemory-clients as a percentage of maxmemory.

function serverWithLog(config: Record<string, string> = {}): { server: FakeServer; log: string[] } {
  const server = new FakeServer({ mixins: [...coreMixins], config });
  server.clock.freeze(1_700_000_000_000);
  const log: string[] = [];
  addHook(server, 'log', (_level, message) => log.push(message));
  return { server, log };
}

describe('clients cron', () => {
  it('runs on a timer only while timeout or maxmemory-clients needs time to pass', () => {
    const { server } = serverWithLog();
    const timer = () => (server.clientsCron as unknown as { timer: unknown }).timer;
    const a = connect(server);
    expect(timer()).toBeUndefined();
    a.send('CONFIG', 'SET', 'timeout', '5');
    expect(timer()).toBeDefined();
    a.send('CONFIG', 'SET', 'timeout', '0');
    server.clock.advance(100);
    expect(timer()).toBeUndefined();
    server.close();
  });

  it('closes clients idle past timeout on server.clock, sparing monitors, subscribers and clients sent output', () => {
    const { server, log } = serverWithLog({ timeout: '10' });
    const idle = connect(server, '127.0.0.1:1');
    const monitor = connect(server, '127.0.0.1:2');
    const subscribed = connect(server, '127.0.0.1:3');
    const served = connect(server, '127.0.0.1:4');
    monitor.send('MONITOR');
    subscribed.send('HELLO', '3');
    subscribed.client.channels.add('ch' as never);
    server.clock.advance(9_000);
    // Output sent counts as interaction, as writeToClient counts it.
    served.client.push(['message', 'x', 'y']);
    server.flushOutput();
    server.clock.advance(2_000);
    expect(idle.closed).toBe(true);
    expect(served.closed).toBe(false);
    expect(monitor.closed).toBe(false);
    expect(subscribed.closed).toBe(false);
    expect(log.filter((line) => line === 'Closing idle client')).toHaveLength(1);
    server.clock.advance(10_000);
    expect(served.closed).toBe(true);
  });

  it('lets a big argument take the query buffer over, then the cron shrinks the new one (per networking.c)', () => {
    const { server } = serverWithLog();
    const a = connect(server, '127.0.0.1:1');
    const b = connect(server, '127.0.0.1:2');
    const figures = () => /qbuf=(\d+) qbuf-free=(\d+)/.exec(b.send('CLIENT', 'LIST', 'ID', String(a.client.id)))?.slice(1);
    const value = 'v'.repeat(100_000);
    a.sendRaw(`*2\r\n$4\r\nECHO\r\n$100000\r\n${value.slice(0, 40_000)}`);
    // Room for the whole argument: 100002 bytes, in jemalloc's 112 KiB class.
    expect(figures()).toEqual(['40000', '74678']);
    expect(a.sendRaw(`${value.slice(40_000)}\r\n`)).toBe(`$100000\r\n${value}\r\n`);
    // The argument took the buffer; a new one of its size replaced it.
    expect(figures()).toEqual(['0', '114678']);
    server.clock.advance(100); // the peak was the argument: kept, the peak restarts
    expect(figures()).toEqual(['0', '114678']);
    server.clock.advance(100); // far more room than the recent peak: resized to it
    expect(figures()).toEqual(['0', '0']);
  });

  it('evicts past a percentage of maxmemory, never a monitor, and says when nothing is left to evict', () => {
    const { server, log } = serverWithLog({ maxmemory: String(1024 * 1024), 'maxmemory-clients': '20%' });
    const monitor = connect(server, '127.0.0.1:2');
    monitor.send('MONITOR');
    const big = connect(server, '127.0.0.1:3');
    const small = connect(server, '127.0.0.1:4');
    small.send('PING');
    // 20% of 1 MiB: a request in progress of 250 KB passes it.
    big.sendRaw(`*2\r\n$4\r\nECHO\r\n$300000\r\n${'x'.repeat(250_000)}`);
    expect(big.closed).toBe(true);
    expect(small.closed).toBe(false);
    expect(server.clientsCron.evictedClients).toBe(1);
    expect(log.filter((line) => line.startsWith('Evicting client: ')).length).toBe(1);
    expect(monitor.closed).toBe(false);
    // A NO-EVICT client over the limit by itself: nobody is left to evict, and the server says so.
    small.send('CLIENT', 'NO-EVICT', 'on');
    small.sendRaw(`*2\r\n$4\r\nECHO\r\n$300000\r\n${'x'.repeat(250_000)}`);
    // A client that may not be evicted has its figure taken by the cron only.
    server.clock.advance(100);
    expect(small.closed).toBe(false);
    expect(monitor.closed).toBe(false);
    expect(log).toContain('Over client maxmemory after evicting all evictable clients');
    // CONFIG RESETSTAT clears the count (resetServerStats).
    server.call('CONFIG', 'RESETSTAT');
    expect(server.clientsCron.evictedClients).toBe(0);
  });
});
