import { describe, expect, it } from 'vitest';
import { addHook, coreMixins, FakeServer } from '../../src/index.js';
import { connect } from '../connection/wire.js';

// EXEC is judged by the flags its commands had when queued (multi.c's mstate.cmd_flags):
// a module's commandFlags hook (scripting's, for EVAL / FCALL) may answer differently by
// EXEC time, and EXEC does not ask it again. Checked against redis-server through the
// scripting package's scenarios; here with a hook that flips ECHO's flags.
function server(): { s: FakeServer; flags: { echo: Set<string> | undefined } } {
  const s = new FakeServer({ mixins: [...coreMixins] });
  const flags: { echo: Set<string> | undefined } = { echo: undefined };
  addHook(s, 'commandFlags', (_client, entry) => (entry.fullName === 'echo' ? flags.echo : undefined));
  return { s, flags };
}

describe('EXEC and the flags of queueing time', () => {
  it('a command denyoom only since it was queued runs over maxmemory', () => {
    const { s, flags } = server();
    const a = connect(s);
    a.send('MULTI');
    a.send('ECHO', 'x');
    flags.echo = new Set(['denyoom', 'write']);
    s.command('CONFIG', 'SET', 'maxmemory', '1');
    expect(a.send('EXEC')).toBe('*1\r\n$1\r\nx\r\n');
    s.close();
  });

  it('a command denyoom when queued aborts EXEC over maxmemory, whatever its flags since', () => {
    const { s, flags } = server();
    const a = connect(s);
    flags.echo = new Set(['denyoom']);
    a.send('MULTI');
    a.send('ECHO', 'x');
    flags.echo = undefined;
    s.command('CONFIG', 'SET', 'maxmemory', '1');
    expect(a.send('EXEC')).toBe("-EXECABORT Transaction discarded because of: OOM command not allowed when used memory > 'maxmemory'.\r\n");
    s.close();
  });

  it('CLIENT PAUSE WRITE judges EXEC by whether its commands might replicate when queued', () => {
    const { s, flags } = server();
    const a = connect(s);
    const b = connect(s);
    a.send('MULTI');
    a.send('ECHO', 'x');
    flags.echo = new Set(['may_replicate']);
    b.send('MULTI');
    b.send('ECHO', 'y');
    flags.echo = undefined;
    s.command('CLIENT', 'PAUSE', '100000', 'WRITE');
    expect(a.send('EXEC')).toBe('*1\r\n$1\r\nx\r\n');
    // Held until the pause ends: nothing written yet.
    expect(b.send('EXEC')).toBe('');
    expect(b.client.pendingCommand?.[0]).toBe('EXEC');
    s.command('CLIENT', 'UNPAUSE');
    s.close();
  });
});
