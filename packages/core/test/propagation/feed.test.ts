import { describe, expect, it } from 'vitest';
import { addPropagationListener, type Bytes, encodeCommand, PropagationEncoder } from '../../src/index.js';
import { keyspaceServer } from '../keyspace/fixtures.js';

/** The feed as a list of "db: command" lines. */
function record(server: ReturnType<typeof keyspaceServer>): { lines: string[]; detach: () => void } {
  const lines: string[] = [];
  const detach = addPropagationListener(server, (dbid, argv) => lines.push(`${dbid}: ${argv.join(' ')}`));
  return { lines, detach };
}

describe('the propagation feed', () => {
  it('exists only while a listener is attached', () => {
    const server = keyspaceServer();
    expect(server.propagator).toBeUndefined();
    const a = record(server);
    const b = record(server);
    server.call('SET', 'k', 'v');
    a.detach();
    a.detach();
    expect(server.propagator).toBeDefined();
    server.call('SET', 'k', 'w');
    b.detach();
    expect(server.propagator).toBeUndefined();
    server.call('SET', 'k', 'x');
    expect(a.lines).toEqual(['0: SET k v']);
    expect(b.lines).toEqual(['0: SET k v', '0: SET k w']);
    server.close();
  });

  it('two keys expired by one SCAN go out as two DELs, without MULTI (touches_arbitrary_keys)', () => {
    const server = keyspaceServer({ config: { 'enable-debug-command': 'yes' } });
    server.clock.freeze();
    expect(server.call('DEBUG', 'SET-ACTIVE-EXPIRE', '0')).toEqual(expect.objectContaining({ value: 'OK' }));
    server.call('SET', 'a', '1');
    server.call('SET', 'b', '1');
    server.call('PEXPIRE', 'a', '10');
    server.call('PEXPIRE', 'b', '10');
    server.clock.advance(20);
    const { lines } = record(server);
    server.call('SCAN', '0');
    expect(lines).toEqual(['0: DEL a', '0: DEL b']);
    server.close();
  });

  it('PropagationEncoder writes SELECT when the database changes, as the AOF and replicas read it', () => {
    const encoder = new PropagationEncoder();
    const argv = ['SET', 'k', 'v'] as Bytes[];
    expect(encoder.encode(0, argv)).toBe(`*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n${encodeCommand(argv)}`);
    expect(encoder.encode(0, argv)).toBe('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n');
    expect(encoder.encode(12, argv)).toBe(`*2\r\n$6\r\nSELECT\r\n$2\r\n12\r\n${encodeCommand(argv)}`);
  });
});
