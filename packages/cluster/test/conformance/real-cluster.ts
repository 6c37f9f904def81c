import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectReal, type WireConnection } from '@fakeredis/tooling/conformance';

/** A real Redis Cluster of throw-away redis-servers on loopback, in a temporary directory. */
export interface RealCluster {
  ports: number[];
  /** Each replica's master port, by replica port (as redis-cli --cluster create paired them). */
  masterOf: Map<number, number>;
  /** Kills a node's process (SIGKILL), as a crash would. */
  kill(port: number): void;
  /** Starts a killed node again, with its nodes.conf. */
  restart(port: number): void;
  stop(): Promise<void>;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** `count` consecutive free ports whose bus ports (+10000) are free too. */
async function freeRun(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20000 + Math.floor(Math.random() * 25000);
    let ok = true;
    for (let i = 0; i < count && ok; i++) ok = (await portFree(base + i)) && (await portFree(base + i + 10000));
    if (ok) return base;
  }
  throw new Error('no free ports for a cluster');
}

async function command(conn: WireConnection, ...args: string[]): Promise<string> {
  const reply = await conn.send(args);
  return 'v' in reply ? String(reply.v) : '';
}

/**
 * Starts `masters * (1 + replicas)` `cluster-enabled yes` servers (`binary`, a reference
 * build's path for another version) and joins them with
 * `redis-cli --cluster create`, then waits until every node sees the cluster ok and
 * every replica has replication offset (repl-ping-replica-period 1 makes that quick).
 */
export async function startRealCluster(masters = 3, replicas = 1, binary = 'redis-server'): Promise<RealCluster> {
  // A reference build's redis-cli sits beside its redis-server.
  const cli = binary === 'redis-server' ? 'redis-cli' : binary.replace(/redis-server$/, 'redis-cli');
  const total = masters * (1 + replicas);
  const base = await freeRun(total);
  const dir = mkdtempSync(join(tmpdir(), 'fakeredis-cluster-'));
  const ports = Array.from({ length: total }, (_, i) => base + i);
  const start = (port: number): ChildProcess =>
    spawn(binary, [
      '--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes',
      '--cluster-config-file', `nodes-${port}.conf`, '--dir', dir, '--save', '', '--appendonly', 'no',
      '--daemonize', 'no', '--logfile', '', '--loglevel', 'warning', '--repl-ping-replica-period', '1',
    ], { stdio: 'ignore' });
  const children: ChildProcess[] = ports.map(start);
  const stop = async () => {
    for (const child of children) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const conns: WireConnection[] = [];
    const closers: Array<() => void> = [];
    for (const port of ports) {
      for (let i = 0; ; i++) {
        try {
          const { conn, close } = await connectReal(port);
          conns.push(conn);
          closers.push(close);
          break;
        } catch (error) {
          if (i > 100) throw error;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    }
    const created = spawnSync(cli, ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', String(replicas), '--cluster-yes'], { encoding: 'utf8' });
    if (created.status !== 0) throw new Error(`redis-cli --cluster create failed: ${created.stdout}${created.stderr}`);
    for (let i = 0; ; i++) {
      let ready = true;
      // Every node ok, and agreeing on the current epoch (gossip spreads it after the create).
      const epochs = new Set<string>();
      for (const conn of conns) {
        const info = await command(conn, 'CLUSTER', 'INFO');
        if (!info.includes('cluster_state:ok')) ready = false;
        epochs.add(/cluster_current_epoch:(\d+)/.exec(info)?.[1] ?? '');
        const shards = JSON.stringify(await conn.send(['CLUSTER', 'SHARDS']));
        if (shards.includes('"loading"') || (shards.match(/"online"/g) ?? []).length !== total) ready = false;
      }
      if (ready && epochs.size === 1) break;
      if (i > 300) throw new Error('the real cluster did not become ready');
      await new Promise((r) => setTimeout(r, 100));
    }
    const masterOf = new Map<number, number>();
    const nodes = await command(conns[0] as WireConnection, 'CLUSTER', 'NODES');
    const portById = new Map<string, number>();
    for (const line of nodes.trim().split('\n')) {
      const [id, address] = line.split(' ');
      portById.set(id as string, Number((address as string).split('@')[0]!.split(':')[1]));
    }
    for (const line of nodes.trim().split('\n')) {
      const fields = line.split(' ');
      if (fields[3] !== '-') masterOf.set(portById.get(fields[0] as string) as number, portById.get(fields[3] as string) as number);
    }
    for (const close of closers) close();
    const kill = (port: number) => children[ports.indexOf(port)]?.kill('SIGKILL');
    const restart = (port: number) => {
      children[ports.indexOf(port)] = start(port);
    };
    return { ports, masterOf, kill, restart, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
