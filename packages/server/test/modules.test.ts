import { type MapReply } from '@fakeredis/core';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCli, cliEnv, cliPath, freePort, redisCli } from './helpers.js';
import { parseArgs, parseConfigText } from '../src/args.js';
import { resolveSettings } from '../src/settings.js';
import { TcpFakeServer } from '../src/tcp-server.js';

function settingsOf(argv: string[], file = '') {
  const parsed = parseArgs(argv);
  if (parsed.kind !== 'run') throw new Error('expected run');
  return resolveSettings(parseConfigText(`${file}\n${parsed.options ?? ''}`));
}

describe('loadmodule of a module fakeredis emulates (redisbloom.so, any directory)', () => {
  it('loads RedisBloom\'s mixins (Bloom, cuckoo, Count-min sketch, Top-K, t-digest) as one module with the path in MODULE LIST; the file is not read', async () => {
    const settings = settingsOf(['--loadmodule', '/opt/redis-stack/lib/redisbloom.so']);
    if (!settings.ok) throw new Error('expected settings');
    expect(settings.notApplied).toEqual([]);
    expect(settings.modules.map((mixin) => mixin.name)).toEqual(['BloomCommands', 'CuckooCommands', 'CountMinSketchCommands', 'TopKCommands', 'TDigestCommands']);
    const tcp = new TcpFakeServer({ port: null, modules: settings.modules });
    try {
      const [module] = tcp.server.call('MODULE', 'LIST') as MapReply[];
      expect(module!.entries).toEqual([['name', 'bf'], ['ver', 20820], ['path', '/opt/redis-stack/lib/redisbloom.so'], ['args', []]]);
      expect(tcp.server.call('BF.ADD', 'k', 'a')).toMatchObject({ value: true });
      expect(tcp.server.call('CF.ADD', 'c', 'a')).toMatchObject({ value: true });
      expect(tcp.server.call('CMS.INITBYDIM', 'm', '10', '2')).toMatchObject({ value: 'OK' });
      expect(tcp.server.call('TOPK.RESERVE', 't', '2')).toMatchObject({ value: 'OK' });
      expect(tcp.server.call('TDIGEST.CREATE', 'd')).toMatchObject({ value: 'OK' });
    } finally {
      tcp.server.close();
    }
  });

  it('without it, and for files it does not emulate, BF.* stay unknown; arguments are not acted on', () => {
    const plain = new TcpFakeServer({ port: null });
    expect(plain.server.call('BF.ADD', 'k', 'a')).toMatchObject({ message: expect.stringMatching(/^ERR unknown command 'BF.ADD'/) });
    plain.server.close();
    expect(settingsOf([], 'loadmodule /x/other.so\n')).toMatchObject({ ok: true, notApplied: ['loadmodule'], modules: [] });
    const withArgs = settingsOf([], 'loadmodule ./redisbloom.so ERROR_RATE 0.001\n');
    expect(withArgs).toMatchObject({ ok: true, notApplied: ['loadmodule'] });
    expect(withArgs.ok && withArgs.modules.map((mixin) => mixin.name)).toEqual(['BloomCommands', 'CuckooCommands', 'CountMinSketchCommands', 'TopKCommands', 'TDigestCommands']);
  });
});

describe('fakeredis-server --loadmodule', () => {
  it('serves BF.* when started with a redisbloom.so path, as redis-server with the module, and MODULE LOAD loads more', async () => {
    buildCli();
    const port = await freePort();
    const child = spawn(process.execPath, [cliPath, '--port', String(port), '--save', '', '--loadmodule', '/nowhere/redisbloom.so', '--enable-module-command', 'yes'], {
      cwd: mkdtempSync(join(tmpdir(), 'fakeredis-cli-')), env: cliEnv, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      for (let i = 0; i < 400 && !stdout.includes('Ready to accept connections'); i++) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(stdout).not.toContain('does not act on');
      expect((await redisCli(['-p', String(port), 'MODULE', 'LIST'])).stdout).toBe('name\nbf\nver\n20820\npath\n/nowhere/redisbloom.so\nargs\n\n');
      expect((await redisCli(['-p', String(port), 'BF.ADD', 'k', 'a'])).stdout).toBe('1\n');
      expect(stdout).toMatch(/Server initialized\n.*Module 'bf' loaded from \/nowhere\/redisbloom.so\n/);
      // MODULE LOAD at run time, by the same file names.
      expect((await redisCli(['-p', String(port), 'MODULE', 'LOAD', '/elsewhere/redistimeseries.so'])).stdout).toBe('OK\n');
      expect((await redisCli(['-p', String(port), 'TS.ADD', 't', '1', '2'])).stdout).toBe('1\n');
      expect(stdout).toContain("Module 'timeseries' loaded from /elsewhere/redistimeseries.so");
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }, 120_000);
});

describe('loadmodule redistimeseries.so (any directory)', () => {
  it('loads TimeSeriesCommands as the module "timeseries" with the path in MODULE LIST; the file is not read', () => {
    const settings = settingsOf(['--loadmodule', '/opt/redis-stack/lib/redistimeseries.so']);
    if (!settings.ok) throw new Error('expected settings');
    expect(settings.modules.map((mixin) => mixin.name)).toEqual(['TimeSeriesCommands']);
    const tcp = new TcpFakeServer({ port: null, modules: settings.modules });
    try {
      const [module] = tcp.server.call('MODULE', 'LIST') as MapReply[];
      expect(module!.entries).toEqual([['name', 'timeseries'], ['ver', 11214], ['path', '/opt/redis-stack/lib/redistimeseries.so'], ['args', []]]);
      expect(tcp.server.call('TS.ADD', 'k', '1', '2.5')).toBe(1);
      expect(tcp.server.call('BF.ADD', 'b', 'a')).toMatchObject({ message: expect.stringMatching(/^ERR unknown command 'BF.ADD'/) });
    } finally {
      tcp.server.close();
    }
  });
});

describe('loadmodule rejson.so / librejson.so (any directory)', () => {
  it.each(['/opt/redis-stack/lib/rejson.so', '/usr/lib/librejson.so'])('%s loads JsonCommands as the module "ReJSON"; the file is not read', (path) => {
    const settings = settingsOf(['--loadmodule', path]);
    if (!settings.ok) throw new Error('expected settings');
    expect(settings.modules.map((mixin) => mixin.name)).toEqual(['JsonCommands']);
    const tcp = new TcpFakeServer({ port: null, modules: settings.modules });
    try {
      const [module] = tcp.server.call('MODULE', 'LIST') as MapReply[];
      expect(module!.entries).toEqual([['name', 'ReJSON'], ['ver', 20819], ['path', path], ['args', []]]);
      expect(tcp.server.call('JSON.SET', 'k', '$', '{"a":1}')).toMatchObject({ value: 'OK' });
      expect(tcp.server.call('JSON.GET', 'k', '$.a')).toBe('[1]');
    } finally {
      tcp.server.close();
    }
  });
});

describe('modules built into the server (allMixins)', () => {
  it("has Redis 8's vector sets on the 8.x profiles only, listing the vectorset module there", async () => {
    const { FakeServer, serverProfile } = await import('@fakeredis/core');
    const { allMixins } = await import('../src/modules.js');
    for (const [version, present] of [['7.4', false], ['8.0', true], ['8.6', true]] as const) {
      const server = new FakeServer({ profile: serverProfile('redis', version), mixins: allMixins });
      try {
        const listed = (server.call('MODULE', 'LIST') as MapReply[]).map((m) => m.entries[0]![1]);
        expect(listed, version).toEqual(present ? ['vectorset'] : []);
        const reply = server.call('VCARD', 'k');
        if (present) expect(reply).toBe(0);
        else expect(reply).toMatchObject({ message: "ERR unknown command 'VCARD', with args beginning with: 'k' " });
      } finally {
        server.close();
      }
    }
  });
});
