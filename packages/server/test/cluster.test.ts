import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from 'ioredis';
import { createCluster } from 'redis';
import { buildCli, cliEnv, cliPath, redisCli } from './helpers.js';

/** Six consecutive free ports whose cluster bus ports are irrelevant here (nothing binds them). */
const PORT = 20000 + (process.pid % 4000) * 6;

describe('fakeredis-server --cluster-nodes 3 --cluster-replicas 1', () => {
  let child: ChildProcess;
  beforeAll(async () => {
    buildCli();
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
});
