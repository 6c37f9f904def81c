import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addPropagationListener, type Bytes, type FakeServer, PROPAGATE_AOF, PropagationEncoder } from '@fakeredis/core';
import { connectFake, connectReal, type WireConnection } from './connection.js';
import { startRealServer, type RealServer } from './real-server.js';
import type { Wire } from './wire.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Compares what the fake propagates with what redis-server writes to its AOF for the same
 * commands: the real server runs with `appendonly yes` and `appendfsync always` in a temp
 * directory, and the bytes each case appends to its incr file are compared with the
 * fake's feed encoded the same way (PropagationEncoder, AOF target). Absolute times close
 * to now (PXAT, PEXPIREAT) are compared as whole seconds from now.
 */

/** A step: a command on connection 0, or on another connection (`c`), not awaited when `wait` is false; a pause; awaiting a connection's pending reply. */
export type PropagationStep =
  | string[]
  | { readonly c?: number; readonly cmd: string[]; readonly wait?: boolean }
  | { readonly sleep: number }
  | { readonly await: number };

export interface PropagationCase {
  readonly name: string;
  readonly steps: readonly PropagationStep[];
  /** Real-server start arguments this case needs differ: it gets its own server. */
}

export interface PropagationSide {
  /** The AOF bytes the case produced (latin1), times near now written as T+<seconds>. */
  readonly aof: string;
  readonly replies: string[];
}

/** A real redis-server writing an AOF into its own temp directory. */
export class AofRealServer {
  private constructor(
    readonly server: RealServer,
    readonly dir: string,
  ) {}

  /** `binary`: a reference server (a later version) instead of redis-server. */
  static async start(extraArgs: string[] = [], binary?: string): Promise<AofRealServer> {
    const dir = mkdtempSync(join(tmpdir(), 'fakeredis-aof-real-'));
    const server = await startRealServer(['--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir, ...extraArgs], binary);
    return new AofRealServer(server, dir);
  }

  /** The current incr file's whole content. */
  incr(): string {
    const files = readdirSync(join(this.dir, 'appendonlydir')).filter((f) => f.endsWith('.incr.aof')).sort();
    const last = files[files.length - 1];
    return last === undefined ? '' : readFileSync(join(this.dir, 'appendonlydir', last), 'latin1');
  }

  async stop(): Promise<void> {
    await this.server.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The database the AOF text has selected at its end (-1 when none). */
function selectedAtEnd(aof: string): number {
  const all = [...aof.matchAll(/\*2\r\n\$6\r\nSELECT\r\n\$\d+\r\n(\d+)\r\n/g)];
  const last = all[all.length - 1];
  return last === undefined ? -1 : Number(last[1]);
}

/** Times within a day of now as seconds from now, so two servers' clocks compare. */
export function normalizeTimes(aof: string, now = Date.now()): string {
  return aof.replace(/\$(\d+)\r\n(\d{13})\r\n/g, (whole, _len: string, digits: string) => {
    const at = Number(digits);
    if (Math.abs(at - now) > 86_400_000) return whole;
    const seconds = Math.round((at - now) / 1000) || 0;
    const text = `T${seconds > 0 ? '+' : ''}${seconds}`;
    return `$${text.length}\r\n${text}\r\n`;
  });
}

async function runSteps(conns: (i: number) => Promise<WireConnection>, steps: readonly PropagationStep[]): Promise<string[]> {
  const replies: string[] = [];
  const pending = new Map<number, Promise<Wire>>();
  for (const step of steps) {
    if ('sleep' in step) {
      await new Promise((r) => setTimeout(r, step.sleep));
      continue;
    }
    if ('await' in step) {
      const reply = await pending.get(step.await);
      replies.push(JSON.stringify(reply));
      continue;
    }
    const { c = 0, cmd, wait = true } = Array.isArray(step) ? { cmd: step } : step;
    const conn = await conns(c);
    const reply = conn.send(cmd);
    if (wait) replies.push(JSON.stringify(await reply));
    else pending.set(c, reply);
  }
  return replies;
}

/** Runs a case on the real server: the bytes its AOF gained, and the database selected before them. */
export async function runRealCase(real: AofRealServer, steps: readonly PropagationStep[]): Promise<PropagationSide & { selectedBefore: number }> {
  const opened: Array<{ conn: WireConnection; close: () => void }> = [];
  const conns = async (i: number): Promise<WireConnection> => {
    while (opened.length <= i) opened.push(await connectReal(real.server.port));
    return (opened[i] as { conn: WireConnection }).conn;
  };
  try {
    // Each case starts from an empty dataset, as the fake's fresh server does.
    await (await conns(0)).send(['FLUSHALL']);
    await (await conns(0)).send(['FUNCTION', 'FLUSH']);
    const before = real.incr();
    const replies = await runSteps(conns, steps);
    const after = real.incr();
    return { aof: normalizeTimes(after.slice(before.length)), replies, selectedBefore: selectedAtEnd(before) };
  } finally {
    for (const { close } of opened) close();
  }
}

/** Runs a case on a fake server: its AOF feed encoded from `selectedBefore`. */
export async function runFakeCase(server: FakeServer, steps: readonly PropagationStep[], selectedBefore: number): Promise<PropagationSide> {
  const encoder = new PropagationEncoder();
  encoder.selectedDb = selectedBefore;
  let aof = '';
  const detach = addPropagationListener(server, (dbid: number, argv: readonly Bytes[], target: number) => {
    if (target & PROPAGATE_AOF) aof += encoder.encode(dbid, argv);
  });
  const opened: Array<{ conn: WireConnection; close: () => void }> = [];
  const conns = async (i: number): Promise<WireConnection> => {
    while (opened.length <= i) opened.push(connectFake(server));
    return (opened[i] as { conn: WireConnection }).conn;
  };
  try {
    const replies = await runSteps(conns, steps);
    return { aof: normalizeTimes(aof), replies };
  } finally {
    detach();
    for (const { close } of opened) close();
  }
}

/** An AOF text as one command a line (`SELECT 0 | set a 1`), for readable failures. */
export function showAof(aof: string): string {
  const lines: string[] = [];
  let pos = 0;
  while (pos < aof.length) {
    const header = /^\*(\d+)\r\n/.exec(aof.slice(pos));
    if (header === null) {
      lines.push(`<unparsed> ${JSON.stringify(aof.slice(pos))}`);
      break;
    }
    pos += header[0].length;
    const args: string[] = [];
    for (let i = 0; i < Number(header[1]); i++) {
      const bulk = /^\$(\d+)\r\n/.exec(aof.slice(pos));
      if (bulk === null) break;
      pos += bulk[0].length;
      args.push(aof.slice(pos, pos + Number(bulk[1])));
      pos += Number(bulk[1]) + 2;
    }
    lines.push(args.join(' '));
  }
  return lines.join('\n');
}

/**
 * One test per case: the case runs on a real server writing its AOF (`realArgs`, e.g. a
 * module to load; `binary`, a reference server) and on a fresh fake from `createFake`;
 * replies and AOF text must be equal. Skipped when `skip` is true (no such server here).
 */
export function describePropagationCases(
  title: string,
  cases: readonly PropagationCase[],
  createFake: () => FakeServer,
  { realArgs = [], binary, skip = false }: { realArgs?: string[]; binary?: string; skip?: boolean } = {},
): void {
  describe.skipIf(skip)(title, () => {
    let real: AofRealServer;
    beforeAll(async () => {
      real = await AofRealServer.start(realArgs, binary);
    });
    afterAll(async () => {
      await real?.stop();
    });
    for (const c of cases) {
      it(c.name, async () => {
        const expected = await runRealCase(real, c.steps);
        const fake = createFake();
        try {
          const actual = await runFakeCase(fake, c.steps, expected.selectedBefore);
          expect(actual.replies).toEqual(expected.replies);
          expect(showAof(actual.aof)).toBe(showAof(expected.aof));
        } finally {
          fake.close();
        }
      });
    }
  });
}
