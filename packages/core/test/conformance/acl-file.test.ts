import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenarios } from '@fakeredis/tooling/conformance';
import { describe, expect, it } from 'vitest';
import { coreMixins, FakeServer } from '../../src/index.js';

// ACL LOAD and ACL SAVE with an aclfile: redis-server and the fake each start from their
// own copy of the same file (a relative aclfile in their own `dir`), so error texts that
// name the file agree; after the scenarios both saved files must be equal.
const base = mkdtempSync(join(tmpdir(), 'fakeredis-aclfile-'));
const realDir = join(base, 'real');
const fakeDir = join(base, 'fake');
const INITIAL =
  'user default on nopass ~* &* +@all\n' +
  'user bob on #30c952fab122c3f9759f02a6d95c3758b246b4fee239957b2d4fee46e26170c4 ~k* resetchannels -@all +@hash\n';
for (const dir of [realDir, fakeDir]) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'users.acl'), INITIAL);
}

const options = {
  createServer: (config: Record<string, string>) =>
    new FakeServer({ mixins: [...coreMixins], config: { ...config, dir: fakeDir, aclfile: 'users.acl' } }),
  realServerArgs: ['--dir', realDir, '--aclfile', 'users.acl'],
};

runScenarios('acl: ACL LOAD and ACL SAVE with aclfile', options, [
  {
    name: 'users from the file, SAVE, changes, LOAD',
    steps: [
      ['ACL', 'LIST'],
      ['ACL', 'SETUSER', 'carol', 'on', '(~x +get)'],
      ['ACL', 'SAVE'],
      ['ACL', 'SETUSER', 'dave', 'on'],
      ['ACL', 'SETUSER', 'carol', 'off'],
      ['ACL', 'LOAD'],
      ['ACL', 'LIST'],
      ['ACL', 'LOAD', 'x'],
      ['ACL', 'SAVE', 'x'],
    ],
    protocols: [2],
  },
  {
    name: 'LOAD disconnects the clients of every user but default',
    steps: [
      ['ACL', 'SETUSER', 'carol', 'on', 'nopass', '+@all'],
      { cmd: ['AUTH', 'carol', 'x'], conn: 'b' },
      { cmd: ['AUTH', 'bob', 'pw'], conn: 'c' },
      { cmd: ['ACL', 'WHOAMI'], conn: 'b' },
      ['ACL', 'LOAD'],
      { cmd: ['PING'], conn: 'b' },
      { cmd: ['PING'], conn: 'c' },
      ['ACL', 'WHOAMI'],
      ['ACL', 'LIST'],
    ],
    protocols: [2],
  },
]);

describe('acl: the saved files', () => {
  it('are equal', () => {
    expect(readFileSync(join(fakeDir, 'users.acl'), 'latin1')).toBe(readFileSync(join(realDir, 'users.acl'), 'latin1'));
  });
});
