import type { FakeServer } from '@fakeredis/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Arg, connectFake, connectReal, type WireConnection } from './connection.js';
import { redisServerAvailable, SHARED_START_CONFIG, startRealServer, type RealServer } from './real-server.js';
import { showWire, type Wire } from './wire.js';

/**
 * How a step's replies are compared:
 * - 'exact' (default): same types, same values, same order;
 * - 'unordered': the top-level elements of an array, set or map may come in any order
 *   (SMEMBERS, HGETALL, KEYS); everything else exact;
 * - 'shape': same types and lengths, values ignored (TIME, INFO-like replies);
 * - 'none': both run, nothing compared (set-up whose reply varies, e.g. CLIENT ID).
 */
export type Compare = 'exact' | 'unordered' | 'shape' | 'none';

export interface CommandStep {
  cmd: Arg[];
  /** Connection name; default 'a'. Other names open further connections. */
  conn?: string;
  compare?: Compare;
  /** Number of replies the command produces (SUBSCRIBE a b produces 2). */
  replies?: number;
  /** Send without waiting; a later `{ await: conn }` step reads and compares the reply. */
  async?: boolean;
  /** Raw bytes to send instead of a command (malformed input). */
  raw?: Buffer | string;
}
export type Step =
  | Arg[]
  | CommandStep
  | { sleep: number }
  | { await: string; compare?: Compare }
  /** Compares messages that arrived unasked (pub/sub) on a connection, then clears them. */
  | { messages: string; compare?: Compare };

export interface Scenario {
  name: string;
  steps: Step[];
  /** Protocols to run in; default both. */
  protocols?: Array<2 | 3>;
}

export interface ConformanceOptions {
  /** A fresh fake server for a scenario (configured as the real one is started). */
  createServer: (config: Record<string, string>) => FakeServer;
  /** Extra redis-server arguments. */
  realServerArgs?: string[];
}

interface Side {
  conns: Map<string, { conn: WireConnection; close: () => void }>;
  pending: Map<string, Array<Promise<Wire>>>;
}

/**
 * Registers vitest tests that run each scenario against a real redis-server and against
 * the fake, in RESP2 and RESP3, comparing every reply. Without redis-server the suite is
 * skipped, except under CI (CI=true), where that is a failure.
 */
export function runScenarios(suite: string, options: ConformanceOptions, scenarios: Scenario[]): void {
  const available = redisServerAvailable();
  if (!available && process.env.CI) {
    describe(suite, () => {
      it('needs redis-server', () => {
        throw new Error('redis-server is not installed; conformance needs it under CI');
      });
    });
    return;
  }
  describe.skipIf(!available)(`${suite} (conformance vs redis-server)`, () => {
    let real: RealServer;
    beforeAll(async () => {
      real = await startRealServer(options.realServerArgs);
    });
    afterAll(async () => {
      await real?.stop();
    });
    for (const scenario of scenarios) {
      for (const protocol of scenario.protocols ?? [2, 3]) {
        it(`${scenario.name} [RESP${protocol}]`, async () => {
          const fake = options.createServer({ ...SHARED_START_CONFIG });
          try {
            const mismatches = await runScenario(scenario, protocol, real.port, fake);
            expect(mismatches.join('\n\n')).toBe('');
          } finally {
            fake.close();
          }
        });
      }
    }
  });
}

async function runScenario(scenario: Scenario, protocol: 2 | 3, port: number, fake: FakeServer): Promise<string[]> {
  const realSide: Side = { conns: new Map(), pending: new Map() };
  const fakeSide: Side = { conns: new Map(), pending: new Map() };
  const open = async (side: Side, name: string, isReal: boolean) => {
    let entry = side.conns.get(name);
    if (!entry) {
      entry = isReal ? await connectReal(port) : connectFake(fake);
      side.conns.set(name, entry);
      if (protocol === 3) await entry.conn.send(['HELLO', '3']);
    }
    return entry.conn;
  };
  const restoreConfig = new Map<string, Wire>();
  const mismatches: string[] = [];
  try {
    const admin = await open(realSide, '__admin', true);
    await admin.send(['FLUSHALL']);
    for (const [index, step] of scenario.steps.entries()) {
      if ('sleep' in step) {
        await new Promise((r) => setTimeout(r, step.sleep));
        continue;
      }
      if ('await' in step || 'messages' in step) {
        const name = 'await' in step ? step.await : step.messages;
        let expected: Wire;
        let actual: Wire;
        if ('await' in step) {
          [expected, actual] = await Promise.all([
            takePending(realSide, name), takePending(fakeSide, name),
          ]);
        } else {
          await settle();
          expected = drainMessages(realSide, name);
          actual = drainMessages(fakeSide, name);
        }
        const diff = compare(expected, actual, step.compare ?? 'exact');
        if (diff) mismatches.push(`step ${index} (${'await' in step ? 'await' : 'messages'} ${name}): ${diff}`);
        continue;
      }
      const command: CommandStep = Array.isArray(step) ? { cmd: step } : step;
      const name = command.conn ?? 'a';
      const realConn = await open(realSide, name, true);
      const fakeConn = await open(fakeSide, name, false);
      await rememberConfig(command.cmd, admin, restoreConfig);
      const replies = command.replies ?? 1;
      const send = (conn: WireConnection) =>
        command.raw !== undefined
          ? conn.sendRaw(Buffer.isBuffer(command.raw) ? command.raw : Buffer.from(command.raw, 'latin1'), replies)
          : conn.send(command.cmd, replies);
      if (command.async) {
        pushPending(realSide, name, send(realConn));
        pushPending(fakeSide, name, send(fakeConn));
        await settle();
        continue;
      }
      const [expected, actual] = await Promise.all([withTimeout(send(realConn)), withTimeout(send(fakeConn))]);
      const diff = compare(expected, actual, command.compare ?? 'exact');
      if (diff) mismatches.push(`step ${index} ${describeCommand(command)}: ${diff}`);
    }
  } finally {
    for (const side of [realSide, fakeSide]) for (const { close } of side.conns.values()) close();
    if (restoreConfig.size > 0) {
      const { conn, close } = await connectReal(port);
      for (const [param, value] of restoreConfig) {
        if (value.t === 'array' && value.v[1]?.t === 'bulk') await conn.send(['CONFIG', 'SET', param, value.v[1].v]);
      }
      close();
    }
  }
  return mismatches;
}

/** Records a parameter's value before a scenario changes it, to restore it afterwards. */
async function rememberConfig(cmd: Arg[], admin: WireConnection, saved: Map<string, Wire>): Promise<void> {
  if (String(cmd[0]).toUpperCase() !== 'CONFIG' || String(cmd[1]).toUpperCase() !== 'SET') return;
  for (let i = 2; i < cmd.length; i += 2) {
    const param = String(cmd[i]).toLowerCase();
    if (saved.has(param)) continue;
    const value = await admin.send(['CONFIG', 'GET', param]);
    saved.set(param, value.t === 'map' ? { t: 'array', v: value.v.flat() } : value);
  }
}

function pushPending(side: Side, name: string, reply: Promise<Wire>): void {
  const list = side.pending.get(name) ?? [];
  list.push(reply);
  side.pending.set(name, list);
}

function takePending(side: Side, name: string): Promise<Wire> {
  const next = side.pending.get(name)?.shift();
  if (!next) return Promise.resolve({ t: 'error', v: `<nothing pending on ${name}>` });
  return withTimeout(next);
}

function drainMessages(side: Side, name: string): Wire {
  const conn = side.conns.get(name)?.conn;
  return { t: 'array', v: conn ? conn.unsolicited.splice(0) : [] };
}

/** Gives in-flight replies and messages time to arrive from both servers. */
function settle(): Promise<void> {
  return new Promise((r) => setTimeout(r, 30));
}

function withTimeout(reply: Promise<Wire>, ms = 5000): Promise<Wire> {
  return Promise.race([
    reply,
    new Promise<Wire>((resolve) => setTimeout(() => resolve({ t: 'error', v: '<no reply within 5s>' }), ms)),
  ]);
}

function describeCommand(step: CommandStep): string {
  if (step.raw !== undefined) return `raw ${JSON.stringify(String(step.raw))}`;
  return step.cmd.map((a) => (Buffer.isBuffer(a) ? `<${a.toString('hex')}>` : JSON.stringify(String(a)))).join(' ');
}

/** Undefined when equal under the comparison mode, else a description of the difference. */
export function compare(expected: Wire, actual: Wire, mode: Compare): string | undefined {
  if (mode === 'none') return undefined;
  const a = mode === 'unordered' ? sortTop(expected) : expected;
  const b = mode === 'unordered' ? sortTop(actual) : actual;
  const same = mode === 'shape' ? sameShape(a, b) : JSON.stringify(a) === JSON.stringify(b);
  if (same) return undefined;
  return `\n  redis: ${showWire(expected, '  ')}\n  fake:  ${showWire(actual, '  ')}`;
}

function sortTop(w: Wire): Wire {
  const key = (x: unknown) => JSON.stringify(x);
  if (w.t === 'array' || w.t === 'set' || w.t === 'push') return { t: w.t, v: [...w.v].sort((x, y) => (key(x) < key(y) ? -1 : 1)) };
  if (w.t === 'map') return { t: 'map', v: [...w.v].sort((x, y) => (key(x) < key(y) ? -1 : 1)) };
  return w;
}

function sameShape(a: Wire, b: Wire): boolean {
  if (a.t !== b.t) return false;
  if ((a.t === 'array' || a.t === 'set' || a.t === 'push') && (b.t === 'array' || b.t === 'set' || b.t === 'push')) {
    return a.v.length === b.v.length && a.v.every((x, i) => sameShape(x, b.v[i] as Wire));
  }
  if (a.t === 'map' && b.t === 'map') {
    return a.v.length === b.v.length && a.v.every(([k, v], i) => sameShape(k, (b.v[i] as [Wire, Wire])[0]) && sameShape(v, (b.v[i] as [Wire, Wire])[1]));
  }
  return true;
}
