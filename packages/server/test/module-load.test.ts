import { type Scenario, runScenarios, withStartConfig, type ConformanceOptions } from '@fakeredis/tooling/conformance';
import { referenceBinary, referenceEnv, runReferenceScenarios } from '@fakeredis/tooling/conformance/reference';
import { addHook, coreMixins, FakeServer, type MapReply } from '@fakeredis/core';
import { BloomCommands } from '@fakeredis/stack';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../src/args.js';
import { rewriteConfigFile } from '../src/config-rewrite.js';
import { loadedModuleMixins } from '../src/modules.js';
import { resolveSettings } from '../src/settings.js';
import { composeServer } from '../src/tcp-server.js';

/**
 * MODULE LOAD / LOADEX at run time of a module fakeredis emulates, compared with
 * redis-server loading the real module (FAKEREDIS_REDISBLOOM, FAKEREDIS_REDISTIMESERIES
 * name the locally built .so files; without both the scenarios are skipped): the load's
 * reply, MODULE LIST, the commands on this and another connection at once, COMMAND's
 * view of them, ACL rules of users made before the load, loading twice, and UNLOAD.
 */
const bloom = referenceBinary('FAKEREDIS_REDISBLOOM');
const timeseries = referenceBinary('FAKEREDIS_REDISTIMESERIES');

const optionsFor = (version: string): ConformanceOptions =>
  withStartConfig({
    createServer: (config) => {
      const server = new (composeServer('redis', version, [], false))({ config });
      server.moduleLoader = loadedModuleMixins;
      return server;
    },
    realServerArgs: ['--enable-module-command', 'yes'],
  }, { 'enable-module-command': 'yes' });

function scenarios(bloomPath: string, timeseriesPath: string, version: string): Scenario[] {
  // One single-command rule per user: 7.0.15 lists several in its command table's hash order.
  const users: Scenario['steps'] = [
    ['ACL', 'SETUSER', 'r', 'on', 'nopass', '~*', '+@read'],
    ['ACL', 'SETUSER', 'a', 'on', 'nopass', '~*', '+@all', '-@dangerous'],
    ['ACL', 'SETUSER', 'g', 'on', 'nopass', '~*', '-@all', '+get'],
    ['ACL', 'SETUSER', 's', 'on', 'nopass', '~*', '-@all', '+select|0'],
  ];
  const dryruns = (command: string): Scenario['steps'] =>
    ['r', 'a', 'g', 's', 'default'].map((user) => ['ACL', 'DRYRUN', user, command, 'k', 'x']);
  const list: Scenario[] = [
    {
      name: 'MODULE LOAD redisbloom.so: OK, MODULE LIST, its commands at once on every connection, COMMAND and INFO modules see them',
      steps: [
        ['COMMAND', 'COUNT'],
        { cmd: ['COMMAND', 'LIST', 'FILTERBY', 'MODULE', 'bf'], compare: 'unordered' },
        ['BF.ADD', 'k', 'x'],
        { cmd: ['CLIENT', 'SETNAME', 'other'], conn: 'b' },
        ['MODULE', 'LOAD', bloomPath],
        { cmd: ['MODULE', 'LIST'] },
        ['COMMAND', 'COUNT'],
        ['BF.ADD', 'k', 'x'],
        { cmd: ['BF.EXISTS', 'k', 'x'], conn: 'b' },
        { cmd: ['CF.ADD', 'c', 'x'], conn: 'b' },
        ['TYPE', 'k'],
        ['COMMAND', 'INFO', 'bf.add', 'tdigest.create', 'get'],
        ['COMMAND', 'DOCS', 'bf.add'],
        { cmd: ['COMMAND', 'LIST', 'FILTERBY', 'MODULE', 'bf'], compare: 'unordered' },
        { cmd: ['COMMAND', 'LIST', 'FILTERBY', 'PATTERN', 'bf.*'], compare: 'unordered' },
        ['COMMAND', 'GETKEYS', 'bf.add', 'k', 'x'],
        ['INFO', 'modules'],
        ['bf.add'],
      ],
    },
    {
      name: 'loading a loaded module again fails (its name is taken); MODULE UNLOAD of a module with types is refused (EBUSY)',
      steps: [
        ['MODULE', 'LOAD', bloomPath],
        ['MODULE', 'LOAD', bloomPath],
        ['MODULE', 'LOADEX', bloomPath],
        ['MODULE', 'UNLOAD', 'bf'],
        ['MODULE', 'LIST'],
        ['BF.ADD', 'k', 'x'],
      ],
    },
    {
      name: 'MODULE LOADEX with ARGS: OK, the arguments in MODULE LIST; two modules listed',
      steps: [
        ['MODULE', 'LOADEX', timeseriesPath, 'ARGS', 'RETENTION_POLICY', '0'],
        ['MODULE', 'LIST'],
        ['MODULE', 'LOAD', bloomPath, 'ERROR_RATE', '0.01'],
        { cmd: ['MODULE', 'LIST'], compare: 'unordered' },
        ['TS.CREATE', 't'],
        ['TS.ADD', 't', '1', '2'],
        ['TS.GET', 't'],
        ['TYPE', 't'],
        ['COMMAND', 'COUNT'],
      ],
    },
    {
      name: 'LOADEX syntax errors and an unknown path fail before anything is loaded',
      steps: [
        ['MODULE', 'LOADEX', bloomPath, 'CONFIG', 'x'],
        ['MODULE', 'LOADEX', bloomPath, 'FOO'],
        ['MODULE', 'LOAD', '/nonexistent/redisbloom-missing.so'],
        ['MODULE', 'LIST'],
        ['BF.ADD', 'k', 'x'],
      ],
    },
    {
      name: 'ACL users made before the load: +@all keeps future commands, category and command rules do not get them',
      steps: [
        ...users,
        ...dryruns('bf.add'),
        ['MODULE', 'LOAD', bloomPath],
        ...dryruns('bf.add'),
        ...dryruns('bf.exists'),
        ['ACL', 'LIST'],
        ['ACL', 'GETUSER', 'g'],
        ['ACL', 'GETUSER', 's'],
        { cmd: ['AUTH', 'g', 'pw'], conn: 'g' },
        { cmd: ['ACL', 'WHOAMI'], conn: 'g' },
        { cmd: ['BF.ADD', 'k', 'x'], conn: 'g' },
        { cmd: ['GET', 'k'], conn: 'g' },
        { cmd: ['AUTH', 's', 'pw'], conn: 's' },
        { cmd: ['SELECT', '0'], conn: 's' },
        { cmd: ['SELECT', '1'], conn: 's' },
        { cmd: ['AUTH', 'a', 'pw'], conn: 'a2' },
        { cmd: ['BF.ADD', 'k', 'x'], conn: 'a2' },
        { cmd: ['FLUSHALL'], conn: 'a2' },
        ['ACL', 'SETUSER', 'b1', 'on', 'nopass', '~*', '-@all', '+bf.add'],
        ['ACL', 'SETUSER', 'b2', 'on', 'nopass', '~*', '-@all', '+bf.info|capacity'],
        ['ACL', 'SETUSER', 'n', 'on', 'nopass', '~*', '+@all', '-bf.add'],
        ['ACL', 'DRYRUN', 'b1', 'bf.add', 'k', 'x'],
        ['ACL', 'DRYRUN', 'b2', 'bf.info', 'k', 'capacity'],
        ['ACL', 'DRYRUN', 'b2', 'bf.info', 'k'],
        ['ACL', 'DRYRUN', 'n', 'bf.add', 'k', 'x'],
        ['ACL', 'DRYRUN', 'n', 'bf.exists', 'k', 'x'],
        ['ACL', 'LIST'],
        ['COMMAND', 'COUNT'],
        ['ACL', 'LOG', 'RESET'],
      ],
    },
  ];
  // redis-server 7.0.15 registers the module, finds the CONFIG unused and fails the load,
  // but cannot unload a module with types: it stays loaded. 7.4.1 aborts there.
  if (version === '7.0') {
    list.push({
      name: 'MODULE LOADEX with a CONFIG the module does not define: an error, and the module stays (7.0.15)',
      steps: [
        ['MODULE', 'LOADEX', timeseriesPath, 'CONFIG', 'x', '1', 'ARGS', 'RETENTION_POLICY', '0'],
        ['MODULE', 'LIST'],
        ['TS.CREATE', 't'],
        ['MODULE', 'LOADEX', timeseriesPath],
        ['MODULE', 'LIST'],
      ],
    });
  }
  return list;
}

if (bloom === undefined || timeseries === undefined) {
  describe.skip('MODULE LOAD at run time (needs FAKEREDIS_REDISBLOOM and FAKEREDIS_REDISTIMESERIES)', () => {
    it('skipped', () => {});
  });
} else {
  // A loaded module stays until the server ends: each scenario and protocol gets a real server of its own.
  for (const scenario of scenarios(bloom, timeseries, '7.0')) {
    for (const protocol of [2, 3] as const) runScenarios('MODULE LOAD at run time', optionsFor('7.0'), [{ ...scenario, protocols: [protocol] }]);
  }
  for (const scenario of scenarios(bloom, timeseries, '7.4')) {
    for (const protocol of [2, 3] as const) runReferenceScenarios(referenceEnv('redis', '7.4'), 'MODULE LOAD at run time', optionsFor('7.4'), [{ ...scenario, protocols: [protocol] }]);
  }
}

describe('MODULE LOAD in-process (no reference needed)', () => {
  const make = (loader = true) => {
    const server = new (composeServer('redis', '7.0', [], false))({ config: { 'enable-module-command': 'yes' } });
    if (loader) server.moduleLoader = loadedModuleMixins;
    const lines: string[] = [];
    addHook(server, 'log', (_level, message) => lines.push(message));
    return { server, lines };
  };

  it('loads from any directory (the file is not read), logs as redis-server, and fails a second load of the same name', () => {
    const { server, lines } = make();
    const before = server.call('COMMAND', 'COUNT') as number;
    expect(server.call('MODULE', 'LOAD', '/opt/redis-stack/lib/redisbloom.so')).toMatchObject({ value: 'OK' });
    expect(server.call('COMMAND', 'COUNT')).toBe(before + 52);
    expect(server.call('MODULE', 'LOAD', '/elsewhere/redisbloom.so')).toMatchObject({ message: 'ERR Error loading the extension. Please check the server logs.' });
    expect(server.call('MODULE', 'LOADEX', '/x/redistimeseries.so', 'ARGS', 'RETENTION_POLICY', '5')).toMatchObject({ value: 'OK' });
    expect(lines).toEqual([
      "Module 'bf' loaded from /opt/redis-stack/lib/redisbloom.so",
      'Module /elsewhere/redisbloom.so initialization failed. Module not loaded',
      "Module 'timeseries' loaded from /x/redistimeseries.so",
      'Warning: fakeredis accepts but does not act on: the arguments of module /x/redistimeseries.so',
    ]);
    server.close();
  });

  it('MODULE UNLOAD\'s refusal is logged from Redis 7.2 (redis-server 7.4.1: "Error unloading module bf: ...")', () => {
    for (const version of ['7.0', '7.4']) {
      const server = new (composeServer('redis', version, [], false))({ config: { 'enable-module-command': 'yes' } });
      server.moduleLoader = loadedModuleMixins;
      const lines: string[] = [];
      server.call('MODULE', 'LOAD', '/x/redisbloom.so');
      addHook(server, 'log', (_level, message) => lines.push(message));
      expect(server.call('MODULE', 'UNLOAD', 'bf')).toMatchObject({ message: "ERR Error unloading module: the module exports one or more module-side data types, can't unload" });
      expect(server.call('MODULE', 'UNLOAD', 'nosuch')).toMatchObject({ message: 'ERR Error unloading module: no such module with that name' });
      expect(lines).toEqual(version === '7.0' ? [] : [
        "Error unloading module bf: the module exports one or more module-side data types, can't unload",
        'Error unloading module nosuch: no such module with that name',
      ]);
      server.close();
    }
  });

  it('without a moduleLoader (or for a file it does not emulate) the native load fails as before', () => {
    const { server, lines } = make(false);
    expect(server.call('MODULE', 'LOAD', '/nowhere/redisbloom.so')).toMatchObject({ message: 'ERR Error loading the extension. Please check the server logs.' });
    expect(lines).toEqual(['Module /nowhere/redisbloom.so failed to load: /nowhere/redisbloom.so: cannot open shared object file: No such file or directory']);
    const other = make();
    expect(other.server.call('MODULE', 'LOAD', '/nowhere/other.so')).toMatchObject({ message: 'ERR Error loading the extension. Please check the server logs.' });
    expect(other.server.call('BF.ADD', 'k', 'x')).toMatchObject({ message: expect.stringMatching(/^ERR unknown command 'BF.ADD'/) });
    server.close();
    other.server.close();
  });

  it('a file there without execute permission is refused first, as moduleLoad does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fakeredis-module-'));
    const path = join(dir, 'redisbloom.so');
    writeFileSync(path, '');
    chmodSync(path, 0o644);
    const { server, lines } = make();
    expect(server.call('MODULE', 'LOAD', path)).toMatchObject({ message: 'ERR Error loading the extension. Please check the server logs.' });
    expect(lines).toEqual([`Module ${path} failed to load: It does not have execute permissions.`]);
    server.close();
  });

  it('ACL users created before keep their rules over the grown command set; a renamed command stays renamed', () => {
    const { server } = make();
    server.call('ACL', 'SETUSER', 'u', 'on', 'nopass', '~*', '+@all', '-get');
    server.commands.rename('set', 'myset');
    server.call('MODULE', 'LOAD', '/x/rejson.so');
    expect(server.call('ACL', 'DRYRUN', 'u', 'json.set', 'k', '$', '1')).toMatchObject({ value: 'OK' });
    expect(server.call('ACL', 'DRYRUN', 'u', 'get', 'k')).toBe("This user has no permissions to run the 'get' command");
    expect(server.call('SET', 'k', 'v')).toMatchObject({ message: expect.stringMatching(/^ERR unknown command 'SET'/) });
    expect(server.call('MYSET', 'k', 'v')).toMatchObject({ value: 'OK' });
    server.close();
  });
});

describe('loadmodule arguments and CONFIG REWRITE', () => {
  it('MODULE LIST shows loadmodule\'s arguments (not acted on), as redis-server 7.0.15 does', () => {
    const settings = resolveSettings(parseConfigText('loadmodule /x/redisbloom.so ERROR_RATE 0.01\n'));
    if (!settings.ok) throw new Error('expected settings');
    const server = new (composeServer('redis', '7.0', settings.modules, false))();
    const [module] = server.call('MODULE', 'LIST') as MapReply[];
    expect(module!.entries).toEqual([['name', 'bf'], ['ver', 20820], ['path', '/x/redisbloom.so'], ['args', ['ERROR_RATE', '0.01']]]);
    server.close();
  });

  it('CONFIG REWRITE writes a loadmodule line per loaded module, after the users, as rewriteConfigLoadmoduleOption (checked on redis-server 7.0.15)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fakeredis-module-'));
    const path = join(dir, 'r.conf');
    writeFileSync(path, 'enable-module-command yes\nloadmodule /a/redistimeseries.so\n');
    const settings = resolveSettings(parseConfigText(readFileSync(path, 'utf8')));
    if (!settings.ok) throw new Error('expected settings');
    const server = new (composeServer('redis', '7.0', settings.modules, false))({ config: settings.config });
    server.moduleLoader = loadedModuleMixins;
    expect(server.call('MODULE', 'LOAD', '/b/redisbloom.so', 'ERROR_RATE', '0.01')).toMatchObject({ value: 'OK' });
    rewriteConfigFile(path, server);
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines[0]).toBe('enable-module-command yes');
    expect(lines[1]).toBe('loadmodule /a/redistimeseries.so');
    expect(lines.slice(-3)).toEqual(['user default on nopass ~* &* +@all', 'loadmodule /b/redisbloom.so ERROR_RATE 0.01', '']);
    server.close();
  });
});

describe('the stack README\'s moduleLoader example', () => {
  it('a FakeServer with a moduleLoader loads BloomCommands on MODULE LOAD', () => {
    const server = new FakeServer({
      mixins: coreMixins,
      config: { 'enable-module-command': 'yes' },
      moduleLoader: (path) => (path.endsWith('/redisbloom.so') ? [BloomCommands] : undefined),
    });
    expect(server.call('BF.ADD', 'k', 'a')).toMatchObject({ message: expect.stringMatching(/^ERR unknown command/) });
    expect(server.call('MODULE', 'LOAD', '/opt/redis-stack/lib/redisbloom.so')).toMatchObject({ value: 'OK' });
    expect(server.call('BF.ADD', 'k', 'a')).toMatchObject({ value: true });
    const [module] = server.call('MODULE', 'LIST') as MapReply[];
    expect(module!.entries).toEqual([['name', 'bf'], ['ver', 20820], ['path', '/opt/redis-stack/lib/redisbloom.so'], ['args', []]]);
    server.close();
  });
});
