import { chmodSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addHook, coreMixins, defineMixin, FakeServer } from '../../src/index.js';

describe('MODULE (fake-only details)', () => {
  it('logs why a load failed as redis-server logs it', () => {
    const server = new FakeServer({ mixins: coreMixins, config: { 'enable-module-command': 'yes' } });
    const lines: string[] = [];
    addHook(server, 'log', (level, message) => lines.push(`${level} ${message}`));
    const noexec = join(tmpdir(), `fakeredis-noexec-${process.pid}.so`);
    writeFileSync(noexec, '');
    chmodSync(noexec, 0o644);
    for (const args of [['LOAD', '/nonexistent/x.so'], ['LOAD', noexec], ['LOADEX', '/x.so', 'CONFIG', 'a'], ['LOADEX', '/x.so', 'FOO']]) {
      expect(() => server.command('MODULE', ...args)).toThrow('ERR Error loading the extension. Please check the server logs.');
    }
    expect(lines).toEqual([
      'warning Module /nonexistent/x.so failed to load: /nonexistent/x.so: cannot open shared object file: No such file or directory',
      `warning Module ${noexec} failed to load: It does not have execute permissions.`,
      'notice CONFIG specified without name value pair',
      'notice Syntax Error from arguments to loadex around FOO.',
    ]);
    server.close();
  });

  it('MODULE LIST, HELLO and INFO modules show a mixin that declares itself a Redis module; UNLOAD cannot remove it', () => {
    const Json = defineMixin({ name: 'FakeJson', commands: {}, redisModule: { name: 'ReJSON', version: 20809, hasTypes: true } });
    const server = new FakeServer({ mixins: [...coreMixins, Json], config: { 'enable-module-command': 'yes' } });
    expect(server.command('MODULE', 'LIST')).toEqual([{ name: 'ReJSON', ver: 20809, path: '', args: [] }]);
    expect(() => server.command('MODULE', 'UNLOAD', 'ReJSON')).toThrow("ERR Error unloading module: the module exports one or more module-side data types, can't unload");
    expect(server.command('MEMORY', 'MALLOC-STATS')).toBe('Stats not supported for the current allocator');
    expect(server.command<Record<string, unknown>>('HELLO', '3').modules).toEqual([{ name: 'ReJSON', ver: 20809, path: '', args: [] }]);
    expect(server.command('INFO', 'modules')).toBe('# Modules\r\nmodule:name=ReJSON,ver=20809,api=1,filters=0,usedby=[],using=[],options=[]\r\n');
    server.close();
  });

  it('lists a module once when several mixins declare it, with their options and args', () => {
    const filters = defineMixin({ name: 'Filters', commands: {}, redisModule: { name: 'bf', version: 20820, args: ['a', 'b'] } });
    const sketches = defineMixin({ name: 'Sketches', commands: {}, redisModule: { name: 'bf', version: 20820, hasTypes: true, options: ['no-implicit-signal-modified', 'handle-io-errors'] } });
    const server = new FakeServer({ mixins: [...coreMixins, filters, sketches], config: { 'enable-module-command': 'yes' } });
    const listed = [{ name: 'bf', ver: 20820, path: '', args: ['a', 'b'] }];
    expect(server.command('MODULE', 'LIST')).toEqual(listed);
    expect(server.command<Record<string, unknown>>('HELLO', '3').modules).toEqual(listed);
    expect(server.command('INFO', 'modules')).toBe('# Modules\r\nmodule:name=bf,ver=20820,api=1,filters=0,usedby=[],using=[],options=[handle-io-errors|no-implicit-signal-modified]\r\n');
    // Found in any case, as Redis's modules dict is; the types of either mixin count.
    expect(() => server.command('MODULE', 'UNLOAD', 'BF')).toThrow("ERR Error unloading module: the module exports one or more module-side data types, can't unload");
    server.close();
  });
});
