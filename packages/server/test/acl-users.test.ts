import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseArgs, parseConfigText } from '../src/args.js';
import { resolveSettings } from '../src/settings.js';
import { buildCli, cliEnv, cliPath, freePort, redisCli } from './helpers.js';

// ACL users from the configuration: `user` directives and `aclfile`, with the texts
// redis-server 7.0.15 prints for the same command lines (`redis-server --user bob on
// badrule` and so on).

function settingsOf(argv: string[]) {
  const parsed = parseArgs(argv);
  if (parsed.kind !== 'run') throw new Error('expected run');
  return resolveSettings(parseConfigText(`\n${parsed.options ?? ''}`));
}

describe('user directives while the configuration is read', () => {
  it('refuses a bad rule or a second declaration as redis-server does', () => {
    const bad = (argv: string[]) => {
      const settings = settingsOf(argv);
      return settings.ok ? '' : settings.error;
    };
    expect(bad(['--user', 'bob', 'on', 'badrule'])).toBe(
      `\n*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\nReading the configuration file, at line 2\n>>> 'user "bob" "on" "badrule"'\nError in user declaration 'bob': Syntax error\n`,
    );
    expect(bad(['--user', 'bob', 'on', '--user', 'bob', 'off'])).toBe(
      `\n*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\nReading the configuration file, at line 3\n>>> 'user "bob" "off"'\nError in user declaration 'bob': Duplicate user found. A user can only be defined once in config files\n`,
    );
    expect(settingsOf(['--user', 'al', 'on', '+nope'])).toMatchObject({ ok: true, users: [['al', 'on', '+nope']], notApplied: [] });
  });
});

interface Run {
  exited: Promise<number | null>;
  output: () => string;
  kill: () => void;
}

function start(args: string[]): Run {
  const child = spawn(process.execPath, [cliPath, ...args], { cwd: mkdtempSync(join(tmpdir(), 'fakeredis-acl-')), env: cliEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return { exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))), output: () => output, kill: () => child.kill('SIGKILL') };
}

async function ready(run: Run): Promise<void> {
  for (let i = 0; i < 400 && !run.output().includes('Ready to accept connections'); i++) await new Promise((r) => setTimeout(r, 25));
}

/** The log lines' messages, without pid, role and time. */
const messages = (output: string) => output.split('\n').map((line) => line.replace(/^\d+:[A-Z] \d+ \w+ \d+ [\d:.]+ [.*#-] /, ''));

describe('fakeredis-server with ACL users', () => {
  beforeAll(() => buildCli(), 120_000);

  it('loads user directives at start-up (default reset first)', async () => {
    const port = await freePort();
    const run = start(['--port', String(port), '--user', 'default', 'off', '--user', 'al', 'on', '>pw', '~*', '+@all']);
    try {
      await ready(run);
      const list = await redisCli(['-p', String(port), '--user', 'al', '--pass', 'pw', '--no-auth-warning', 'ACL', 'LIST']);
      expect(list.stdout).toBe('user al on #30c952fab122c3f9759f02a6d95c3758b246b4fee239957b2d4fee46e26170c4 ~* resetchannels +@all\nuser default off sanitize-payload resetchannels -@all\n');
      expect(messages(run.output())).toContain("The user 'default' is disabled (there is no 'on' modifier in the user description). Make sure this is not a configuration error.");
    } finally {
      run.kill();
    }
  });

  it('exits on a rule it cannot apply, on users beside an aclfile, on an aclfile it cannot read', async () => {
    const unknown = start(['--port', String(await freePort()), '--user', 'bob', 'on', '+nope']);
    expect(await unknown.exited).toBe(1);
    expect(messages(unknown.output())).toEqual(expect.arrayContaining([
      "Error loading ACL rule '+nope' for the user named 'bob': Unknown command or category name in ACL",
      'Critical error while loading ACLs. Exiting.',
    ]));
    const both = start(['--port', String(await freePort()), '--aclfile', '/nonexistent/users.acl', '--user', 'bob', 'on']);
    expect(await both.exited).toBe(1);
    expect(messages(both.output())).toContain(
      'Configuring Redis with users defined in redis.conf and at the same setting an ACL file path is invalid. This setup is very likely to lead to configuration errors and security holes, please define either an ACL file or declare users directly in your redis.conf, but not both.',
    );
    const missing = start(['--port', String(await freePort()), '--aclfile', '/nonexistent/users.acl']);
    expect(await missing.exited).toBe(1);
    expect(messages(missing.output())).toContain(
      "Aborting Redis startup because of ACL errors: Error loading ACLs, opening file '/nonexistent/users.acl': No such file or directory",
    );
  });

  it('serves the users of an aclfile', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fakeredis-aclfile-'));
    writeFileSync(join(dir, 'users.acl'), 'user default on nopass ~* &* +@all\nuser bob on nopass ~k* -@all +get\n');
    const port = await freePort();
    const run = start(['--port', String(port), '--dir', dir, '--aclfile', 'users.acl']);
    try {
      await ready(run);
      const users = await redisCli(['-p', String(port), 'ACL', 'USERS']);
      expect(users.stdout).toBe('bob\ndefault\n');
    } finally {
      run.kill();
    }
  });
});
