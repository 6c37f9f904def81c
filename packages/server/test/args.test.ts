import { describe, expect, it } from 'vitest';
import { knownVersions } from '@fakeredis/core';
import { parseArgs, parseConfigFile, splitConfigLine } from '../src/args.js';
import { resolveSettings } from '../src/settings.js';

describe('command line', () => {
  it('parses redis-server style options, with several words per option', () => {
    expect(parseArgs(['--port', '6380', '--bind', '127.0.0.1', '::1', '--save', '', '--requirepass', 'pw'])).toEqual({
      kind: 'run',
      configFile: undefined,
      directives: [
        { name: 'port', args: ['6380'], source: 'command line' },
        { name: 'bind', args: ['127.0.0.1', '::1'], source: 'command line' },
        { name: 'save', args: [''], source: 'command line' },
        { name: 'requirepass', args: ['pw'], source: 'command line' },
      ],
    });
    expect(parseArgs(['/etc/redis.conf', '--Port', '1'])).toMatchObject({
      configFile: '/etc/redis.conf',
      directives: [{ name: 'port', args: ['1'] }],
    });
  });

  it('knows -v/--version and -h/--help, and rejects stray words', () => {
    expect(parseArgs(['-v'])).toEqual({ kind: 'version' });
    expect(parseArgs(['--port', '1', '--version'])).toEqual({ kind: 'version' });
    expect(parseArgs(['-h'])).toEqual({ kind: 'help' });
    expect(parseArgs(['-x'])).toMatchObject({ kind: 'error' });
  });

  it('splits configuration lines as sdssplitargs does', () => {
    expect(splitConfigLine('save 900 1')).toEqual(['save', '900', '1']);
    expect(splitConfigLine('requirepass "a b\\x41\\n"')).toEqual(['requirepass', 'a bA\n']);
    expect(splitConfigLine("bind '127.0.0.1' -::1")).toEqual(['bind', '127.0.0.1', '-::1']);
    expect(splitConfigLine('save ""')).toEqual(['save', '']);
    expect(splitConfigLine('x "unterminated')).toBeUndefined();
    expect(splitConfigLine('x "a"b')).toBeUndefined();
  });

  it('reads a configuration file, skipping comments', () => {
    const text = '# a comment\n\nport 7000\n  databases 4\nbind 127.0.0.1 -::1\r\n';
    expect(parseConfigFile(text, 'r.conf')).toEqual([
      { name: 'port', args: ['7000'], source: 'r.conf:3' },
      { name: 'databases', args: ['4'], source: 'r.conf:4' },
      { name: 'bind', args: ['127.0.0.1', '-::1'], source: 'r.conf:5' },
    ]);
    expect(parseConfigFile('port "7000', 'r.conf')).toEqual({ error: 'r.conf:1: Unbalanced quotes in configuration line' });
  });
});

describe('settings', () => {
  const directives = (argv: string[]) => {
    const parsed = parseArgs(argv);
    if (parsed.kind !== 'run') throw new Error('expected run');
    return parsed.directives;
  };

  it('defaults to redis 7.0 on 127.0.0.1:6379', () => {
    const settings = resolveSettings([]);
    expect(settings).toEqual({
      ok: true,
      options: { serverType: 'redis', version: '7.0.15', port: 6379, bind: '127.0.0.1', unixSocket: undefined, unixSocketPerm: undefined, config: {} },
      warnings: [],
    });
  });

  it('maps listening options and passes configuration through, checked', () => {
    const settings = resolveSettings(
      directives(['--port', '0', '--unixsocket', '/tmp/s.sock', '--unixsocketperm', '770', '--requirepass', 'pw', '--databases', '4', '--server-version', '7.2']),
    );
    expect(settings).toMatchObject({
      ok: true,
      options: { version: '7.2.4', port: null, unixSocket: '/tmp/s.sock', unixSocketPerm: 0o770, config: { requirepass: 'pw', databases: '4' } },
    });
  });

  it('emulates Valkey at its newest known version by default', () => {
    expect(resolveSettings(directives(['--server-type', 'valkey']))).toMatchObject({
      ok: true,
      options: { serverType: 'valkey', version: knownVersions('valkey').at(-1) },
    });
  });

  it('warns about Redis parameters fakeredis does not model', () => {
    const settings = resolveSettings(directives(['--daemonize-not-a-real-thing', 'no']));
    expect(settings.ok && settings.warnings).toEqual([
      "fakeredis-server: ignoring 'daemonize-not-a-real-thing' (command line): not modelled by fakeredis",
    ]);
  });

  it('fails as redis-server does on bad values', () => {
    const bad = (argv: string[]) => {
      const settings = resolveSettings(directives(argv));
      return settings.ok ? '' : settings.error;
    };
    expect(bad(['--port', 'abc'])).toContain(`>>> 'port "abc"'\nargument couldn't be parsed into an integer`);
    expect(bad(['--port', '70000'])).toContain('argument must be between 0 and 65535 inclusive');
    expect(bad(['--databases', '0'])).toContain(`>>> 'databases "0"'\nargument must be between 1 and 2147483647 inclusive`);
    expect(bad(['--server-type', 'memcached'])).toContain('argument(s) must be one of the following: redis, valkey');
    // Dragonfly and KeyDB are server types without command metadata yet: not offered.
    expect(bad(['--server-type', 'keydb'])).toContain('argument(s) must be one of the following: redis, valkey');
    expect(bad(['--server-version', '6.2'])).toContain('unknown redis version 6.2');
    expect(bad(['--port', '0'])).toContain('nothing to listen on');
  });
});
