import { spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';
export { freePort } from '@fakeredis/tooling/conformance';

/** Runs redis-cli with arguments and optional stdin; resolves with its output and code. */
export function redisCli(args: string[], input?: string): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn('redis-cli', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
    child.stdin.end(input ?? '');
  });
}

/** A raw connection that collects every byte received until the peer closes. */
export function rawConnection(options: { port: number } | { path: string }): Promise<{
  socket: Socket;
  received: () => string;
  closed: Promise<void>;
  waitFor: (text: string) => Promise<void>;
}> {
  return new Promise((resolve, reject) => {
    const socket = connect(options as never);
    let data = '';
    const waiters: Array<() => void> = [];
    socket.on('data', (chunk: Buffer) => {
      data += chunk.toString('latin1');
      for (const w of waiters.splice(0)) w();
    });
    const closed = new Promise<void>((r) => socket.on('close', () => r()));
    socket.on('error', reject);
    socket.on('connect', () =>
      resolve({
        socket,
        received: () => data,
        closed,
        waitFor: (text) =>
          new Promise<void>((done) => {
            const check = () => (data.includes(text) ? done() : waiters.push(check));
            check();
          }),
      }),
    );
  });
}
