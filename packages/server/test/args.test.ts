import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs, parseConfigText, quoteArg, splitConfigLine } from '../src/args.js';
import { resolveSettings } from '../src/settings.js';

/** The settings a command line gives, as the CLI loads it (options after a newline). */
function settingsOf(argv: string[], file = '') {
  const parsed = parseArgs(argv);
  if (parsed.kind !== 'run') throw new Error('expected run');
  return resolveSettings(parseConfigText(`${file}\n${parsed.options ?? ''}`));
}

describe('command line', () => {
  it("turns options into configuration lines as redis-server's main() does", () => {
    expect(parseArgs(['--port', '6380', '--bind', '127.0.0.1', '::1', '--save', '', '--requirepass', 'p w'])).toEqual({
      kind: 'run',
      configFile: undefined,
      stdin: false,
      options: 'port "6380" \nbind "127.0.0.1" "::1" \nsave "" \nrequirepass "p w" ',
    });
    expect(parseArgs(['/etc/redis.conf', '--Port', '1', '-'])).toEqual({ kind: 'run', configFile: '/etc/redis.conf', stdin: true, options: 'Port "1" ' });
    // An option name directly followed by another takes it as its value; --save alone means save "".
    expect(parseArgs(['--requirepass', '--port', '--save', '--port', '1'])).toMatchObject({ options: 'requirepass "--port" \nsave ""\nport "1" ' });
    expect(parseArgs(['--save'])).toMatchObject({ options: 'save ""' });
    expect(parseArgs([])).toEqual({ kind: 'run', configFile: undefined, stdin: false, options: undefined });
  });

  it('knows -v/--version and -h/--help as the first argument only', () => {
    expect(parseArgs(['-v'])).toEqual({ kind: 'version' });
    expect(parseArgs(['--version'])).toEqual({ kind: 'version' });
    expect(parseArgs(['-h'])).toEqual({ kind: 'help' });
    expect(parseArgs(['--port', '1', '--version'])).toMatchObject({ kind: 'run', options: 'port "1" \nversion ' });
  });

  it('quotes arguments as sdscatrepr does', () => {
    expect(quoteArg('a"b\\c\n\t\x07\b')).toBe('"a\\"b\\\\c\\n\\t\\a\\b"');
    expect(quoteArg('é')).toBe('"\\xc3\\xa9"');
  });

  it('splits configuration lines as sdssplitargs does', () => {
    expect(splitConfigLine('save 900 1')).toEqual(['save', '900', '1']);
    expect(splitConfigLine('requirepass "a b\\x41\\n"')).toEqual(['requirepass', 'a bA\n']);
    expect(splitConfigLine("bind '127.0.0.1' -::1")).toEqual(['bind', '127.0.0.1', '-::1']);
    expect(splitConfigLine('save ""')).toEqual(['save', '']);
    expect(splitConfigLine('requirepass a\xa0b')).toEqual(['requirepass', 'a\xa0b']); // only C isspace() separates
    expect(splitConfigLine('x "unterminated')).toBeUndefined();
    expect(splitConfigLine('x "a"b')).toBeUndefined();
  });

  it('reads a configuration text, skipping comments, and reads includes in place', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fakeredis-args-'));
    try {
      writeFileSync(join(dir, 'a.conf'), 'databases 3\n');
      writeFileSync(join(dir, 'b.conf'), '\nmaxclients 9\n');
      const text = `# a comment\n\nport 7000\n  databases 4\ninclude ${dir}/*.conf\nbind 127.0.0.1 -::1\r\n`;
      expect(parseConfigText(text)).toEqual([
        { kind: 'directive', name: 'port', args: ['7000'], line: 'port 7000', lineNumber: 3 },
        { kind: 'directive', name: 'databases', args: ['4'], line: 'databases 4', lineNumber: 4 },
        { kind: 'directive', name: 'databases', args: ['3'], line: 'databases 3', lineNumber: 1 },
        { kind: 'directive', name: 'maxclients', args: ['9'], line: 'maxclients 9', lineNumber: 2 },
        { kind: 'directive', name: 'bind', args: ['127.0.0.1', '-::1'], line: 'bind 127.0.0.1 -::1', lineNumber: 6 },
      ]);
      expect(parseConfigText(`include ${dir}/none-*.conf`)).toEqual([]);
      expect(parseConfigText(`include ${dir}/missing.conf`)).toEqual([
        { kind: 'open-failed', message: `Fatal error, can't open config file '${dir}/missing.conf': No such file or directory` },
      ]);
      expect(parseConfigText('port "7000')).toEqual([
        { kind: 'bad-line', line: 'port "7000', lineNumber: 1, reason: 'Unbalanced quotes in configuration line' },
      ]);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});

describe('settings', () => {
  it('defaults to redis 7.0 on 127.0.0.1:6379', () => {
    expect(settingsOf([])).toEqual({
      ok: true,
      serverType: 'redis',
      version: '7.0.15',
      port: 6379,
      bind: '127.0.0.1',
      unixSocket: undefined,
      unixSocketPerm: undefined,
      config: {},
      daemonize: false,
      pidfile: '',
      dir: undefined,
      notApplied: [],
      users: [],
      renames: [],
      modules: [],
    });
  });

  it('maps listening options and passes configuration through, checked', () => {
    const settings = settingsOf(['--port', '0', '--unixsocket', '/tmp/s.sock', '--unixsocketperm', '770', '--requirepass', 'pw', '--databases', '4', '--server-version', '7.2']);
    expect(settings).toMatchObject({
      ok: true,
      version: '7.2.4',
      port: 0,
      unixSocket: '/tmp/s.sock',
      unixSocketPerm: 0o770,
      config: { requirepass: 'pw', databases: '4', unixsocketperm: '770' },
    });
  });

  it('emulates Valkey 8.0, the version checked against a real Valkey, by default', () => {
    expect(settingsOf(['--server-type', 'valkey'])).toMatchObject({ ok: true, serverType: 'valkey', version: '8.0.1' });
  });

  it('emulates KeyDB 6.3.4 with --server-type keydb', () => {
    expect(settingsOf(['--server-type', 'keydb'])).toMatchObject({ ok: true, serverType: 'keydb', version: '6.3.4' });
  });

  it('names the directives it accepts but does not act on, unless left at their default', () => {
    const settings = settingsOf(
      ['--appendonly', 'yes', '--save', '900', '1', '--syslog-enabled', 'no', '--appendfsync', 'everysec', '--rename-command', 'flushall', '""'],
      'user alice on\nloadmodule /x.so\nlist-max-ziplist-entries 512\n',
    );
    expect(settings.ok && settings.notApplied).toEqual(['loadmodule']);
    expect(settings.ok && settings.renames).toEqual([['flushall', '""']]);
    expect(settingsOf(['--save', ''])).toMatchObject({ ok: true, notApplied: [] });
    expect(settingsOf(['--syslog-enabled', 'yes', '--syslog-facility', 'local3', '--mymodule.param', '1'])).toMatchObject({
      ok: true,
      notApplied: ['syslog-enabled', 'syslog-facility', 'mymodule.param'],
    });
  });

  it('fails as redis-server does, naming the line', () => {
    const bad = (argv: string[], file = '') => {
      const settings = settingsOf(argv, file);
      return settings.ok ? '' : settings.error;
    };
    expect(bad(['--port', 'abc'])).toBe(
      `\n*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\nReading the configuration file, at line 2\n>>> 'port "abc"'\nargument couldn't be parsed into an integer\n`,
    );
    expect(bad(['--port', '1', '2'])).toContain(`>>> 'port "1" "2"'\nwrong number of arguments`);
    expect(bad(['--port', '70000'])).toContain('argument must be between 0 and 65535 inclusive');
    expect(bad([], 'port 1\nfoo bar')).toContain(`at line 2\n>>> 'foo bar'\nBad directive or wrong number of arguments`);
    expect(bad(['--rename-command', 'nosuch', 'x'])).toContain('No such command in rename-command');
    expect(bad(['--rename-command', 'get', 'set'])).toContain('Target command name already exists');
    // Each rename-command sees the ones before it.
    expect(bad(['--rename-command', 'get', 'myget', '--rename-command', 'myget', 'get2'])).toBe('');
    expect(bad(['--rename-command', 'get', 'myget', '--rename-command', 'get', 'x'])).toContain('No such command in rename-command');
    expect(bad([], 'sentinel monitor x')).toContain('sentinel directive while not in sentinel mode');
    expect(bad(['--server-type', 'memcached'])).toContain('argument(s) must be one of the following: redis, valkey, keydb');
    // Dragonfly is a server type without command metadata yet: not offered.
    expect(bad(['--server-type', 'dragonfly'])).toContain('argument(s) must be one of the following: redis, valkey, keydb');
    expect(bad(['--server-version', '6.2'])).toContain('unknown redis version 6.2');
    expect(bad(['--logfile', '/nonexistent-dir/x.log'])).toBe(
      `\n*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\nCan't open the log file: No such file or directory\n`,
    );
    expect(bad(['--syslog-facility', 'nope'])).toContain(
      'argument(s) must be one of the following: user, local0, local1, local2, local3, local4, local5, local6, local7',
    );
    expect(bad(['--mymodule.param'])).toContain('Module config specified without value');
  });
});
