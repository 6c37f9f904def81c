import { describe, expect, it } from 'vitest';
import { coreMixins, FakeServer, serverProfile } from '../../src/index.js';
import { connect } from '../connection/wire.js';

// Redis 7.2's ACL texts and log fields (from the 7.2.4 source: getAclErrorMessage,
// scriptVerifyACL, the ACL LOG reply), next to 7.0's, which the conformance scenarios
// check against redis-server 7.0.15.
function denied(version: string): { nopermCommand: string; nopermKey: string; log: unknown } {
  const server = new FakeServer({ mixins: [...coreMixins], profile: serverProfile('redis', version) });
  server.command('ACL', 'SETUSER', 'bob', 'on', 'nopass', '~k*', '-@all', '+exists');
  const c = connect(server);
  c.send('AUTH', 'bob', 'x');
  const nopermCommand = c.send('PING');
  const nopermKey = c.send('EXISTS', 'z');
  const log = server.command('ACL', 'LOG', '1');
  return { nopermCommand, nopermKey, log };
}

describe('ACL texts by version', () => {
  it('7.0', () => {
    const { nopermCommand, nopermKey, log } = denied('7.0');
    expect(nopermCommand).toBe("-NOPERM this user has no permissions to run the 'ping' command\r\n");
    expect(nopermKey).toBe('-NOPERM this user has no permissions to access one of the keys used as arguments\r\n');
    expect(Object.keys((log as Array<Record<string, unknown>>)[0] as object)).toEqual([
      'count', 'reason', 'context', 'object', 'username', 'age-seconds', 'client-info',
    ]);
  });

  it('7.2', () => {
    const { nopermCommand, nopermKey, log } = denied('7.2');
    expect(nopermCommand).toBe("-NOPERM User bob has no permissions to run the 'ping' command\r\n");
    expect(nopermKey).toBe('-NOPERM No permissions to access a key\r\n');
    const entry = (log as Array<Record<string, unknown>>)[0] as Record<string, unknown>;
    expect(Object.keys(entry)).toEqual([
      'count', 'reason', 'context', 'object', 'username', 'age-seconds', 'client-info', 'entry-id', 'timestamp-created', 'timestamp-last-updated',
    ]);
    expect(entry['entry-id']).toBe(1);
  });
});

describe('INFO acl_access_denied_* (7.2)', () => {
  it('counts denials by reason at the end of the stats section; 7.0 has no such fields', () => {
    for (const version of ['7.0', '7.2']) {
      const server = new FakeServer({ mixins: [...coreMixins], profile: serverProfile('redis', version) });
      server.command('ACL', 'SETUSER', 'bob', 'on', 'nopass', '~k*', '-@all', '+exists');
      const c = connect(server);
      c.send('AUTH', 'bob', 'x');
      c.send('PING');
      c.send('EXISTS', 'z');
      c.send('AUTH', 'bob', 'x', 'y');
      c.send('AUTH', 'nobody', 'x');
      const stats = String(server.command('INFO', 'stats'));
      if (version === '7.0') expect(stats).not.toContain('acl_access_denied');
      else expect(stats).toMatch(/acl_access_denied_auth:1\r\nacl_access_denied_cmd:1\r\nacl_access_denied_key:1\r\nacl_access_denied_channel:0\r\n$/);
    }
  });
});
