import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coreMixins, FakeServer } from '../../src/index.js';

// ACL LOAD's error texts, as redis-server 7.0.15 printed them for the same files (a
// scenario cannot change a file under a running real server between its steps).
function serverWith(content: string): { server: FakeServer; write: (text: string) => void } {
  const dir = mkdtempSync(join(tmpdir(), 'fakeredis-acl-'));
  const write = (text: string) => writeFileSync(join(dir, 'users.acl'), text);
  write(content);
  return { server: new FakeServer({ mixins: [...coreMixins], config: { dir, aclfile: 'users.acl' } }), write };
}

describe('ACL LOAD errors', () => {
  it('reports every line as Redis does and changes nothing', () => {
    const { server, write } = serverWith('user default on nopass ~* &* +@all\n');
    write("user bob on nope\nfoo\nuser  x\nuser bob\nuser c +nope +get2 ~a b\n");
    expect(() => server.command('ACL', 'LOAD')).toThrow(
      "users.acl:1: Syntax error. users.acl:2 should start with user keyword followed by the username. users.acl:3: Syntax error. WARNING: Duplicate user 'bob' found on line 4. users.acl:5: Error in applying operation '+nope': Unknown command or category name in ACL. users.acl:5: Error in applying operation '+get2': Unknown command or category name in ACL. users.acl:5: Syntax error. WARNING: ACL errors detected, no change to the previously active ACL rules was performed",
    );
    write('user bob (~x\n');
    expect(() => server.command('ACL', 'LOAD')).toThrow(
      'users.acl:1: Unmatched parenthesis in selector definition.WARNING: ACL errors detected, no change to the previously active ACL rules was performed',
    );
    expect(server.command('ACL', 'LIST')).toEqual(['user default on nopass ~* &* +@all']);
  });

  it('blank lines, CR LF and a file without the default user', () => {
    const { server, write } = serverWith('user default on >pw ~* &* +@all\n');
    write('\n  \nuser zed on nopass +@all ~*\r\n');
    expect(server.command('ACL', 'LOAD')).toBe('OK');
    expect(server.command('ACL', 'LIST')).toEqual(['user default on nopass ~* &* +@all', 'user zed on nopass ~* resetchannels +@all']);
  });

  it('a missing file', () => {
    const { server } = serverWith('');
    expect(() => new FakeServer({ mixins: [...coreMixins], config: { aclfile: '/nonexistent/users.acl' } })).toThrow(
      "Aborting Redis startup because of ACL errors: Error loading ACLs, opening file '/nonexistent/users.acl': No such file or directory",
    );
    expect(server.command('ACL', 'USERS')).toEqual(['default']);
  });
});
