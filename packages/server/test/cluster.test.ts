import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from 'ioredis';
import { createCluster } from 'redis';
import { TcpFakeServer } from '../src/index.js';
import { buildCli, cliEnv, cliPath, redisCli } from './helpers.js';

/** Six consecutive free ports (no cluster bus port is bound). */
async function freeRun(count: number): Promise<number> {
  const free = (port: number) =>
    new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
  for (;;) {
    const base = 20000 + Math.floor(Math.random() * 40000);
    let ok = true;
    for (let i = 0; i < count && ok; i++) ok = await free(base + i);
    if (ok) return base;
  }
}
let PORT = 0;

describe('fakeredis-server --cluster-nodes 3 --cluster-replicas 1', () => {
  let child: ChildProcess;
  beforeAll(async () => {
    buildCli();
    PORT = await freeRun(6);
    child = spawn(process.execPath, [cliPath, '--port', String(PORT), '--cluster-nodes', '3', '--cluster-replicas', '1', '--save', ''], { cwd: mkdtempSync(join(tmpdir(), 'fakeredis-cluster-')), env: cliEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('Ready to accept connections')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`fakeredis-server exited ${code}: ${out}`)));
    });
    expect(out).toContain(`Running mode=cluster, port=${PORT}.`);
  }, 120_000);
  afterAll(() => {
    child?.kill('SIGTERM');
  });

  it('serves a cluster on port ... port+5: CLUSTER NODES, and redis-cli -c follows MOVED', async () => {
    const nodes = await redisCli(['-p', String(PORT), 'CLUSTER', 'NODES']);
    const lines = nodes.stdout.trim().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines.filter((line) => line.includes(' master ') || line.includes('myself,master')).map((l) => l.split(' ').slice(8).join(' ')).sort()).toEqual(['0-5460', '10923-16383', '5461-10922']);
    expect((await redisCli(['-p', String(PORT), 'SET', 'foo', 'bar'])).stdout.trim()).toBe(`MOVED 12182 127.0.0.1:${PORT + 2}`);
    expect((await redisCli(['-c', '-p', String(PORT), 'SET', 'foo', 'bar'])).stdout.trim()).toBe('OK');
    expect((await redisCli(['-p', String(PORT + 2), 'GET', 'foo'])).stdout.trim()).toBe('bar');
    expect((await redisCli(['-p', String(PORT + 1), 'CLUSTER', 'INFO'])).stdout).toContain('cluster_state:ok');
  });

  it('ioredis Cluster over TCP', async () => {
    const redis = new Cluster([{ host: '127.0.0.1', port: PORT }]);
    await redis.set('{a}1', 'x');
    await redis.set('bar', 'y');
    expect(await redis.mget('{a}1', '{a}2')).toEqual(['x', null]);
    expect(await redis.get('bar')).toBe('y');
    await redis.quit();
  });

  it('node-redis createCluster over TCP', async () => {
    const client = createCluster({ rootNodes: [{ url: `redis://127.0.0.1:${PORT + 1}` }] });
    await client.connect();
    await client.set('hello', 'world');
    expect(await client.get('hello')).toBe('world');
    await client.close();
  });

  it('SHUTDOWN NOSAVE on the first node ends the process, every node with it', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await redisCli(['-p', String(PORT), 'SHUTDOWN', 'NOSAVE']);
    expect(await exited).toBe(0);
    expect((await redisCli(['-p', String(PORT + 3), 'PING'])).stderr).toContain('Connection refused');
  });
});

describe('TcpFakeServer with cluster-enabled yes', () => {
  it('is one cluster-mode node: no address until it meets another, CLUSTER and slot checks', async () => {
    const tcp = await new TcpFakeServer({ port: 0, config: { 'cluster-enabled': 'yes' } }).listen();
    try {
      expect(tcp.server.command<string>('CLUSTER', 'NODES')).toMatch(/^[0-9a-f]{40} :\d+@\d+ myself,master - 0 0 0 connected\n$/);
      expect(tcp.server.command('CLUSTER', 'ADDSLOTSRANGE', '0', '16383')).toBe('OK');
      expect(tcp.server.command('SET', 'foo', 'bar')).toBe('OK');
      expect(() => tcp.server.command('MSET', 'a', '1', 'b', '2')).toThrow("CROSSSLOT Keys in request don't hash to the same slot");
      expect(() => tcp.server.command('SELECT', '1')).toThrow('SELECT is not allowed in cluster mode');
    } finally {
      await tcp.close();
    }
  });
});
