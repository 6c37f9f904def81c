import { afterEach, describe, expect, it } from 'vitest';
import { createFakeIoredisClass, serverRegistry } from '../src/index.js';
import { Server70 } from './fixtures.js';

const FakeRedis = createFakeIoredisClass(Server70);

afterEach(() => serverRegistry(Server70).reset());

describe('MIGRATE between servers of the registry', () => {
  it('reaches the server at the target address in memory, as two real servers on two ports', async () => {
    const source = new FakeRedis({ port: 6501 });
    const target = new FakeRedis({ port: 6502, host: 'localhost' });
    try {
      await source.set('k', 'v');
      expect(await source.migrate('127.0.0.1', 6502, 'k', 0, 5000)).toBe('OK');
      expect(await source.get('k')).toBeNull();
      expect(await target.get('k')).toBe('v');
      // No server at an address: a real socket is tried (nothing listens on port 1).
      await source.set('j', 'w');
      await expect(source.migrate('127.0.0.1', 1, 'j', 0, 200)).rejects.toThrow('IOERR error or timeout writing to target instance');
    } finally {
      source.disconnect();
      target.disconnect();
    }
  });
});
