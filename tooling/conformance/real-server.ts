import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { basename, join } from 'node:path';
import { connectReal } from './connection.js';

/** True when a redis-server binary is on the PATH (or `binary` runs). */
export function redisServerAvailable(binary = 'redis-server'): boolean {
  const probe = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  return probe.status === 0;
}

export function redisServerVersion(binary = 'redis-server'): string | undefined {
  const probe = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  return /v=([0-9.]+)/.exec(probe.stdout ?? '')?.[1];
}

/** A TCP port free right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Settings both servers start with, so their answers can be compared. */
export const SHARED_START_CONFIG: Record<string, string> = {
  'enable-debug-command': 'yes',
};

const keydbBinaries = new Map<string, boolean>();

/**
 * The start-up configuration both servers share: none for KeyDB 6.3 (Redis 6.2 has no
 * enable-debug-command, DEBUG is always allowed there, and the option would stop it starting).
 */
export function sharedStartConfig(binary = 'redis-server'): Record<string, string> {
  return isKeyDB(binary) ? {} : SHARED_START_CONFIG;
}

function isKeyDB(binary: string): boolean {
  let known = keydbBinaries.get(binary);
  if (known === undefined) keydbBinaries.set(binary, (known = /^KeyDB /.test(spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout ?? '')));
  return known;
}

export interface RealServer {
  port: number;
  stop(): Promise<void>;
}

/**
 * Starts a throw-away redis-server on a free loopback port (no persistence). The port is
 * free when probed but may be taken before redis-server binds it (test files start servers
 * in parallel): a server that exits, or a PING answered by another process, means a retry
 * on a new port, so two suites never share one server.
 */
export async function startRealServer(extraArgs: string[] = [], binary = 'redis-server'): Promise<RealServer> {
  for (let start = 0; start < 5; start++) {
    const started = await startOn(await freePort(), extraArgs, binary);
    if (started !== undefined) return started;
  }
  throw new Error('redis-server did not start');
}

async function startOn(port: number, extraArgs: string[], binary: string): Promise<RealServer | undefined> {
  const ownFile = binary === 'redis-server' ? undefined : `${basename(binary)}-${port}.rdb`;
  const args = [
    '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no',
    '--daemonize', 'no', '--protected-mode', 'no', '--dir', '/tmp', '--logfile', '',
    '--loglevel', 'warning',
    ...Object.entries(sharedStartConfig(binary)).flatMap(([k, v]) => [`--${k}`, v]),
    // A reference binary's dump.rdb has its own RDB version (7.4's 12, KeyDB reads 9 at most):
    // each keeps its file to itself, so none finds another's in /tmp at start.
    ...(ownFile === undefined ? [] : ['--dbfilename', ownFile]),
    ...extraArgs,
  ];
  const child: ChildProcess = spawn(binary, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      const done = (): void => {
        if (ownFile !== undefined) rmSync(join('/tmp', ownFile), { force: true });
        resolve();
      };
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', done);
      child.kill('SIGKILL');
    });
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) return undefined; // could not bind: another process has the port
    try {
      const { conn, close } = await connectReal(port);
      const pong = await conn.send(['PING']);
      // The answering server must be ours (INFO's process_id), not one that took the port.
      const info = pong.t === 'simple' ? await conn.send(['INFO', 'server']) : undefined;
      close();
      const pid = info?.t === 'bulk' || info?.t === 'verbatim' ? /process_id:(\d+)/.exec(info.v)?.[1] : undefined;
      if (pid !== undefined && Number(pid) !== child.pid) {
        await stop();
        return undefined;
      }
      // A server started with requirepass answers NOAUTH: it is up all the same.
      if (pong.t === 'simple' || (pong.t === 'error' && pong.v.startsWith('NOAUTH'))) {
        if (child.exitCode !== null) return undefined;
        return { port, stop };
      }
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  await stop();
  return undefined;
}
