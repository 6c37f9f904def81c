import { describe, expect, it } from 'vitest';
import { MemorySocket } from '../src/index.js';

const pair = () => MemorySocket.pair({ address: '127.0.0.1', port: 50000 }, { address: '127.0.0.1', port: 6379 });
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('MemorySocket', () => {
  it('delivers bytes to the peer on a later tick, in order', async () => {
    const [a, b] = pair();
    const got: string[] = [];
    b.on('data', (chunk: Buffer) => got.push(chunk.toString('latin1')));
    a.write('one');
    a.write(Buffer.from([0, 255]));
    expect(got).toEqual([]); // never inside write()
    await tick();
    expect(got.join('')).toBe('one\x00\xff');
    expect(a.bytesWritten).toBe(5);
    expect(b.bytesRead).toBe(5);
    expect([a.remoteAddress, a.remotePort, a.localPort, b.remotePort]).toEqual(['127.0.0.1', 6379, 50000, 50000]);
  });

  it('end() reaches the peer after the data, and both close', async () => {
    const [a, b] = pair();
    const events: string[] = [];
    b.on('data', (chunk: Buffer) => events.push(`data:${chunk}`));
    b.on('end', () => events.push('b end'));
    a.on('end', () => events.push('a end'));
    b.on('close', () => events.push('b close'));
    a.on('close', () => events.push('a close'));
    a.resume();
    a.write('x');
    a.end();
    for (let i = 0; i < 5; i++) await tick();
    expect(events.slice(0, 2)).toEqual(['data:x', 'b end']);
    expect(events).toContain('a end'); // the peer ended its side in turn (no half-open)
    expect(events).toContain('a close');
    expect(events).toContain('b close');
  });

  it('destroy() ends the peer', async () => {
    const [a, b] = pair();
    let ended = false;
    b.on('end', () => (ended = true));
    b.resume();
    a.destroy();
    for (let i = 0; i < 3; i++) await tick();
    expect(ended).toBe(true);
    expect(b.destroyed).toBe(true);
    b.write('late'); // writing to a closed connection does not throw
  });

  it('emits timeout after inactivity when asked', async () => {
    const [a] = pair();
    const fired = new Promise<boolean>((resolve) => a.setTimeout(20, () => resolve(true)));
    expect(await fired).toBe(true);
    a.setTimeout(0);
    expect(a.setNoDelay(true)).toBe(a);
    a.destroy();
  });
});
