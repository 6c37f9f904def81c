import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coreMixins, FakeServer, serverProfile } from '../../src/index.js';
import { connect } from '../connection/wire.js';

describe('WAIT and WAITAOF without replicas', () => {
  it('WAIT for replicas waits out its timeout on the server clock, then answers 0', () => {
    const server = new FakeServer({ mixins: coreMixins });
    server.clock.freeze();
    const a = connect(server);
    expect(a.send('WAIT', '0', '1000')).toBe(':0\r\n');
    expect(a.send('WAIT', '1', '1000')).toBe('');
    expect(a.client.blocked).toBeDefined();
    let out = '';
    const write = a.client.transport!.write;
    (a.client.transport as { write: (s: string) => void }).write = (s) => { out += s; write(s); };
    server.clock.advance(1000);
    expect(out).toBe('');
    server.clock.advance(1);
    expect(out).toBe(':0\r\n');
    server.close();
  });

  it('WAIT 1 0 waits until CLIENT UNBLOCK; the direct API answers at once', () => {
    const server = new FakeServer({ mixins: coreMixins });
    const a = connect(server);
    const b = connect(server);
    expect(a.send('WAIT', '1', '0')).toBe('');
    expect(b.send('CLIENT', 'UNBLOCK', String(a.client.id))).toBe(':1\r\n');
    expect(server.call('WAIT', '3', '0')).toBe(0);
    server.close();
  });

  it('WAITAOF on 7.2: appendonly decides numlocal', () => {
    const server = new FakeServer({ mixins: coreMixins });
    expect(() => server.command('WAITAOF', '0', '0', '0')).toThrow(/unknown command/);
    // CONFIG SET appendonly yes writes the AOF into `dir`: a temp directory.
    const dir = mkdtempSync(join(tmpdir(), 'fakeredis-waitaof-'));
    const s72 = new FakeServer({ mixins: coreMixins, profile: serverProfile('redis', '7.2'), config: { dir } });
    expect(s72.call('WAITAOF', '0', '0', '0')).toEqual([0, 0]);
    expect(() => s72.command('WAITAOF', '1', '0', '0')).toThrow(/appendonly is disabled/);
    s72.call('CONFIG', 'SET', 'appendonly', 'yes');
    expect(s72.call('WAITAOF', '1', '0', '0')).toEqual([1, 0]);
    expect(s72.call('WAITAOF', '1', '1', '0')).toEqual([1, 0]);
    server.close();
    s72.close();
  });
});
