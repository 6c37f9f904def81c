import { type FakeServer, serverProfile, type ServerType, setDefaultProfile } from '@fakeredis/core';
import { referenceBinary, referenceEnv } from './reference.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Arg, connectFake, connectReal, type WireConnection } from './connection.js';
import { redisServerAvailable, sharedStartConfig, startRealServer, type RealServer } from './real-server.js';
import {
  type CollectedEvents, compareEvents, DEFAULT_EVENT_CLASSES, type EventMonitor, fakeHasPsubscribe, notifierMonitor, subscribedMonitor,
} from './events.js';
import { encodeCommand, showWire, type Wire } from './wire.js';

/**
 * How a step's replies are compared:
 * - 'exact' (default): same types, same values, same order;
 * - 'unordered': the top-level elements of an array, set or map may come in any order
 *   (SMEMBERS, HGETALL, KEYS); everything else exact;
 * - 'shape': same types and lengths, values ignored (TIME, INFO-like replies);
 * - 'none': both run, nothing compared (set-up whose reply varies, e.g. CLIENT ID);
 * - `{ except: names }`: exact, except the values of the named fields, which differ by
 *   nature between two servers (a connection's id, address, age): map fields (in RESP2
 *   the flattened map's name, value pairs) and `name=value` fields of CLIENT INFO / CLIENT
 *   LIST text. Field names and order still have to match.
 * - `{ normalize }`: exact, after every string (simple, bulk, verbatim) of both replies went
 *   through `normalize`, which masks what differs by nature and checks its form (MONITOR's
 *   timestamp and peer address).
 */
export type Compare =
  | 'exact'
  | 'unordered'
  | 'shape'
  | 'none'
  | { except: readonly string[] }
  | { normalize: (text: string) => string }
  /** Exact, after both replies went through `map` (which checks and masks what varies, e.g. a histogram's timings). */
  | { map: (reply: Wire) => Wire };

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
  /**
   * The fake's clock stands still until the replies are in (then goes on from real time):
   * a pipeline, which Redis runs within one event, microseconds long, whereas the fake
   * in a busy or cold test process can take longer than a short expiry between two commands.
   */
  frozenClock?: boolean;
  /** How long to wait for the replies; default the step timeout, 5 s (see the await step). */
  timeoutMs?: number;
}
export type Step =
  | Arg[]
  | CommandStep
  | { sleep: number }
  /**
   * Waits until the real server's reply to `cmd` (sent on an admin connection, compared
   * with nothing) matches `until`, for what it does in a background thread (lazy free):
   * polled every 10 ms, for at most `timeoutMs` (default 5000). The fake is not asked.
   */
  | { realUntil: Arg[]; until: RegExp; timeoutMs?: number }
  /**
   * Reads and compares the oldest reply still pending on a connection, waiting for it at
   * most `timeoutMs` (default the step timeout, 5 s): longer for a command whose run time
   * is CPU time, which a busy machine stretches many times (a script's long loop).
   */
  | { await: string; compare?: Compare; timeoutMs?: number }
  /** Compares messages that arrived unasked (pub/sub) on a connection, then clears them. */
  | { messages: string; compare?: Compare }
  /**
   * Lets `advance` ms pass: the fake's clock is moved by hand (clock.advance, which runs
   * its active expiry at once), the real server is waited for, plus ACTIVE_EXPIRE_MARGIN_MS
   * so that its background expiry cycle (hz 10) has run on what became due.
   */
  | { advance: number };

export interface Scenario {
  name: string;
  steps: Step[];
  /** Protocols to run in; default both. */
  protocols?: Array<2 | 3>;
  /** The test's time limit when not the suite's (a scenario that waits long for a step). */
  testTimeoutMs?: number;
  /**
   * Captures keyspace notifications: both servers run the scenario under
   * `notify-keyspace-events` (true: "KEA", or the given classes) with a monitoring
   * connection subscribed to `__key*__:*`, and the notifications each received are
   * compared, in order, after the steps (an extra comparison named "events").
   */
  events?: boolean | string;
}

export interface ConformanceOptions {
  /** A fresh fake server for a scenario (configured as the real one is started). */
  createServer: (config: Record<string, string>) => FakeServer;
  /** Extra redis-server arguments. */
  realServerArgs?: string[];
  /** Event capture for every scenario of the suite (a scenario's own `events` wins). */
  events?: boolean | string;
}

/**
 * Commands sent in one write on one connection, their replies compared as an array. Each
 * server reads and runs them together, so no time passes between them however busy the
 * machine: a key with a short expiry read right after it was set, a WATCH before it is due.
 */
export function pipeline(...commands: Arg[][]): CommandStep {
  return { cmd: commands.flat(), raw: Buffer.concat(commands.map((c) => encodeCommand(c))), replies: commands.length, frozenClock: true };
}

/** What one scenario run found: the mismatches, and the notifications when captured. */
export interface ScenarioResult {
  mismatches: string[];
  events?: { redis: CollectedEvents; fake: CollectedEvents };
}

/** How long past an `advance` the real server is given to run its expiry cycle. */
export const ACTIVE_EXPIRE_MARGIN_MS = 250;

interface Side {
  conns: Map<string, { conn: WireConnection; close: () => void }>;
  pending: Map<string, Array<Promise<Wire>>>;
}

/**
 * The same options with both servers started with extra configuration: the fake through
 * its start-up config, redis-server through its command-line flags.
 */
export function withStartConfig(options: ConformanceOptions, extra: Record<string, string>): ConformanceOptions {
  return {
    ...options,
    createServer: (config) => options.createServer({ ...config, ...extra }),
    realServerArgs: [...(options.realServerArgs ?? []), ...Object.entries(extra).flatMap(([k, v]) => [`--${k}`, v])],
  };
}

/**
 * Registers vitest tests that run each scenario against a real redis-server and against
 * the fake, in RESP2 and RESP3, comparing every reply. Without redis-server the suite is
 * skipped, except under CI (CI=true), where that is a failure.
 */
export function runScenarios(suite: string, options: ConformanceOptions, scenarios: Scenario[]): void {
  // FAKEREDIS_CONFORMANCE_AS="keydb 6.3": the scenarios run against that reference binary
  // (FAKEREDIS_KEYDB_6_3), FakeServers made without a profile getting that one, to find
  // what differs there; skipped when the variable naming the binary is unset.
  const target = process.env.FAKEREDIS_CONFORMANCE_AS;
  if (target !== undefined && target !== '') {
    const [serverType, version] = target.split(' ') as [ServerType, string];
    setDefaultProfile(serverProfile(serverType, version));
    const binary = referenceBinary(referenceEnv(serverType, version));
    describeScenarios(`${suite} (conformance vs ${target})`, binary === undefined, options, scenarios, binary);
    return;
  }
  const available = redisServerAvailable();
  if (!available && process.env.CI) {
    describe(suite, () => {
      it('needs redis-server', () => {
        throw new Error('redis-server is not installed; conformance needs it under CI');
      });
    });
    return;
  }
  describeScenarios(`${suite} (conformance vs redis-server)`, !available, options, scenarios);
}

/**
 * The describe block of runScenarios and runReferenceScenarios: one real server (the
 * `binary`, default redis-server) for the suite, and a test per scenario and protocol.
 */
export function describeScenarios(title: string, skip: boolean, options: ConformanceOptions, scenarios: Scenario[], binary?: string): void {
  describe.skipIf(skip)(title, () => {
    let real: RealServer;
    beforeAll(async () => {
      real = await startRealServer(options.realServerArgs, binary);
    });
    afterAll(async () => {
      await real?.stop();
    });
    for (const scenario of scenarios) {
      for (const protocol of scenario.protocols ?? [2, 3]) {
        it(`${scenario.name} [RESP${protocol}]`, async () => {
          const fake = options.createServer({ ...sharedStartConfig(binary) });
          try {
            const withEvents = scenario.events === undefined && options.events !== undefined ? { ...scenario, events: options.events } : scenario;
            const mismatches = await runScenario(withEvents, protocol, real.port, fake);
            expect(mismatches.join('\n\n')).toBe('');
          } finally {
            fake.close();
          }
        }, scenario.testTimeoutMs);
      }
    }
  });
}

/**
 * Runs one scenario against the real server on `port` and the fake, returning the
 * mismatches (empty when they agree). A step without a reply within `timeoutMs` on
 * either side is a mismatch and ends the scenario.
 */
export async function runScenario(
  scenario: Scenario,
  protocol: 2 | 3,
  port: number,
  fake: FakeServer,
  timeoutMs = STEP_TIMEOUT_MS,
): Promise<string[]> {
  return (await runScenarioDetailed(scenario, protocol, port, fake, timeoutMs)).mismatches;
}

/** runScenario, also giving the notifications each server sent when `events` is on. */
export async function runScenarioDetailed(
  scenario: Scenario,
  protocol: 2 | 3,
  port: number,
  fake: FakeServer,
  timeoutMs = STEP_TIMEOUT_MS,
): Promise<ScenarioResult> {
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
  const monitors: EventMonitor[] = [];
  let events: ScenarioResult['events'];
  let activeExpireChanged = false;
  try {
    const admin = await open(realSide, '__admin', true);
    await admin.send(['FLUSHALL']);
    if (scenario.events !== undefined && scenario.events !== false) {
      const classes = scenario.events === true ? DEFAULT_EVENT_CLASSES : scenario.events;
      const setEvents = ['CONFIG', 'SET', 'notify-keyspace-events', classes];
      await rememberConfig(setEvents, admin, restoreConfig);
      const fakeAdmin = await open(fakeSide, '__admin', false);
      const [realSet, fakeSet] = await Promise.all([admin.send(setEvents), fakeAdmin.send(setEvents)]);
      const diff = compare(realSet, fakeSet, 'exact');
      if (diff) mismatches.push(`events set-up (notify-keyspace-events ${classes}): ${diff}`);
      const monitorOn = async (isReal: boolean): Promise<EventMonitor> => {
        if (!isReal && !fakeHasPsubscribe(fake)) return notifierMonitor(fake);
        const { conn, close } = isReal ? await connectReal(port) : connectFake(fake);
        if (protocol === 3) await conn.send(['HELLO', '3']);
        return subscribedMonitor(conn, close);
      };
      monitors.push(await monitorOn(true), await monitorOn(false));
    }
    for (const [index, step] of scenario.steps.entries()) {
      if ('sleep' in step) {
        await new Promise((r) => setTimeout(r, step.sleep));
        continue;
      }
      if ('realUntil' in step) {
        const deadline = Date.now() + (step.timeoutMs ?? 5000);
        for (;;) {
          const reply = await admin.send(step.realUntil);
          const text = reply.t === 'bulk' || reply.t === 'verbatim' || reply.t === 'simple' ? String(reply.v) : '';
          if (step.until.test(text) || Date.now() > deadline) break;
          await new Promise((r) => setTimeout(r, 10));
        }
        continue;
      }
      if ('advance' in step) {
        fake.clock.advance(step.advance);
        await new Promise((r) => setTimeout(r, step.advance + ACTIVE_EXPIRE_MARGIN_MS));
        continue;
      }
      if ('messages' in step) {
        await settle();
        const expected = drainMessages(realSide, step.messages);
        const actual = drainMessages(fakeSide, step.messages);
        const diff = compare(expected, actual, step.compare ?? 'exact');
        if (diff) mismatches.push(`step ${index} (messages ${step.messages}): ${diff}`);
        continue;
      }
      const label = 'await' in step ? `(await ${step.await})` : describeCommand(Array.isArray(step) ? { cmd: step } : step);
      let replies: [Wire | typeof TIMED_OUT | undefined, Wire | typeof TIMED_OUT | undefined];
      let mode: Compare;
      let stepTimeout = timeoutMs;
      if ('await' in step) {
        stepTimeout = step.timeoutMs ?? timeoutMs;
        replies = await Promise.all([takePending(realSide, step.await, stepTimeout), takePending(fakeSide, step.await, stepTimeout)]);
        mode = step.compare ?? 'exact';
      } else {
        const command: CommandStep = Array.isArray(step) ? { cmd: step } : step;
        const name = command.conn ?? 'a';
        const realConn = await open(realSide, name, true);
        const fakeConn = await open(fakeSide, name, false);
        await rememberConfig(command.cmd, admin, restoreConfig);
        if (changesActiveExpire(command.cmd)) activeExpireChanged = true;
        const count = command.replies ?? 1;
        const send = (conn: WireConnection) =>
          command.raw !== undefined
            ? conn.sendRaw(Buffer.isBuffer(command.raw) ? command.raw : Buffer.from(command.raw, 'latin1'), count)
            : conn.send(command.cmd, count);
        if (command.async) {
          pushPending(realSide, name, send(realConn));
          pushPending(fakeSide, name, send(fakeConn));
          await settle();
          continue;
        }
        const freeze = command.frozenClock === true && !fake.clock.frozen;
        const offset = fake.clock.now() - Date.now();
        if (freeze) fake.clock.freeze();
        try {
          stepTimeout = command.timeoutMs ?? timeoutMs;
          replies = await Promise.all([withTimeout(send(realConn), stepTimeout), withTimeout(send(fakeConn), stepTimeout)]);
        } finally {
          if (freeze) {
            fake.clock.unfreeze();
            fake.clock.set(Date.now() + offset);
          }
        }
        mode = command.compare ?? 'exact';
      }
      const [expected, actual] = replies;
      if (expected === undefined || actual === undefined) {
        // Nothing was sent that could answer: a scenario bug, never agreement.
        mismatches.push(`step ${index} ${label}: nothing pending (redis: ${expected ? 'pending' : 'none'}, fake: ${actual ? 'pending' : 'none'})`);
        continue;
      }
      if (expected === TIMED_OUT || actual === TIMED_OUT) {
        // A late reply would be taken for the next step's: the scenario cannot go on.
        const side = (w: Wire | typeof TIMED_OUT) => (w === TIMED_OUT ? `no reply within ${stepTimeout} ms` : showWire(w, '  '));
        mismatches.push(`step ${index} ${label}: timed out, scenario stopped\n  redis: ${side(expected)}\n  fake:  ${side(actual)}`);
        break;
      }
      const diff = compare(expected, actual, mode);
      if (diff) mismatches.push(`step ${index} ${label}: ${diff}`);
    }
    const [realMonitor, fakeMonitor] = monitors;
    if (realMonitor !== undefined && fakeMonitor !== undefined) {
      const [redis, fakeEvents] = await Promise.all([realMonitor.collect(timeoutMs), fakeMonitor.collect(timeoutMs)]);
      events = { redis, fake: fakeEvents };
      const diff = compareEvents(redis, fakeEvents);
      if (diff) mismatches.push(`events: ${diff}`);
    }
  } finally {
    for (const monitor of monitors) monitor.close();
    for (const side of [realSide, fakeSide]) for (const { close } of side.conns.values()) close();
    if (restoreConfig.size > 0 || activeExpireChanged) {
      const { conn, close } = await connectReal(port);
      for (const [param, value] of restoreConfig) {
        if (value.t === 'array' && value.v[1]?.t === 'bulk') await conn.send(['CONFIG', 'SET', param, value.v[1].v]);
      }
      // The background expiry cycle is a server-wide switch: later scenarios need it on.
      if (activeExpireChanged) await conn.send(['DEBUG', 'SET-ACTIVE-EXPIRE', '1']);
      close();
    }
  }
  return { mismatches, events };
}

/** DEBUG SET-ACTIVE-EXPIRE changes the real server for the scenarios after this one. */
function changesActiveExpire(cmd: Arg[]): boolean {
  return String(cmd[0]).toUpperCase() === 'DEBUG' && String(cmd[1]).toUpperCase() === 'SET-ACTIVE-EXPIRE';
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

/** The oldest reply still pending on a connection; undefined when none is. */
function takePending(side: Side, name: string, timeoutMs: number): Promise<Wire | typeof TIMED_OUT | undefined> {
  const next = side.pending.get(name)?.shift();
  return next === undefined ? Promise.resolve(undefined) : withTimeout(next, timeoutMs);
}

function drainMessages(side: Side, name: string): Wire {
  const conn = side.conns.get(name)?.conn;
  return { t: 'array', v: conn ? conn.unsolicited.splice(0) : [] };
}

/** Gives in-flight replies and messages time to arrive from both servers. */
function settle(): Promise<void> {
  return new Promise((r) => setTimeout(r, 30));
}

/** How long a step waits for each server's reply. */
export const STEP_TIMEOUT_MS = 5000;
/** What withTimeout gives when no reply came in time. */
export const TIMED_OUT: unique symbol = Symbol('timed out');

/** The reply, or TIMED_OUT when none arrives within `ms`. */
export function withTimeout(reply: Promise<Wire>, ms = STEP_TIMEOUT_MS): Promise<Wire | typeof TIMED_OUT> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  return Promise.race([reply, timeout]).finally(() => clearTimeout(timer));
}

function describeCommand(step: CommandStep): string {
  if (step.raw !== undefined) return `raw ${JSON.stringify(String(step.raw))}`;
  return step.cmd.map((a) => (Buffer.isBuffer(a) ? `<${a.toString('hex')}>` : JSON.stringify(String(a)))).join(' ');
}

/** Undefined when equal under the comparison mode, else a description of the difference. */
export function compare(expected: Wire, actual: Wire, mode: Compare): string | undefined {
  if (mode === 'none') return undefined;
  let same: boolean;
  if (typeof mode === 'object' && 'map' in mode) {
    // Shown as mapped: what was compared.
    const [e, a] = [mode.map(expected), mode.map(actual)];
    return JSON.stringify(e) === JSON.stringify(a) ? undefined : `\n  redis: ${showWire(e, '  ')}\n  fake:  ${showWire(a, '  ')}`;
  }
  else if (typeof mode === 'object' && 'normalize' in mode) same = JSON.stringify(normalized(expected, mode.normalize)) === JSON.stringify(normalized(actual, mode.normalize));
  else if (typeof mode === 'object') same = sameExcept(expected, actual, new Set(mode.except));
  else if (mode === 'shape') same = sameShape(expected, actual);
  else if (mode === 'unordered') same = JSON.stringify(sortTop(expected)) === JSON.stringify(sortTop(actual));
  else same = JSON.stringify(expected) === JSON.stringify(actual);
  if (same) return undefined;
  return `\n  redis: ${showWire(expected, '  ')}\n  fake:  ${showWire(actual, '  ')}`;
}

/** The reply with every string-typed value mapped through `normalize`. */
function normalized(w: Wire, normalize: (text: string) => string): Wire {
  switch (w.t) {
    case 'bulk':
    case 'simple':
    case 'verbatim':
      return { t: w.t, v: normalize(w.v) };
    case 'array':
    case 'set':
    case 'push':
      return { t: w.t, v: w.v.map((x) => normalized(x, normalize)) };
    case 'map':
      return { t: 'map', v: w.v.map(([k, v]) => [normalized(k, normalize), normalized(v, normalize)] as [Wire, Wire]) };
    default:
      return w;
  }
}

/** A string-typed reply's text (bulk, simple, verbatim), else undefined. */
function text(w: Wire): string | undefined {
  return w.t === 'bulk' || w.t === 'simple' || w.t === 'verbatim' ? w.v : undefined;
}

/** Exact equality, but the values of fields named in `except` may differ. */
function sameExcept(a: Wire, b: Wire, except: ReadonlySet<string>): boolean {
  if (a.t !== b.t) return false;
  switch (a.t) {
    case 'map':
    case 'attr': {
      const other = b as typeof a;
      if (a.v.length !== other.v.length) return false;
      const entriesMatch = a.v.every(([k, v], i) => {
        const [k2, v2] = other.v[i] as [Wire, Wire];
        if (JSON.stringify(k) !== JSON.stringify(k2)) return false;
        const name = text(k);
        return (name !== undefined && except.has(name)) || sameExcept(v, v2, except);
      });
      return entriesMatch && (a.t !== 'attr' || sameExcept(a.reply, (other as typeof a).reply, except));
    }
    case 'array':
    case 'set':
    case 'push': {
      const other = b as typeof a;
      if (a.v.length !== other.v.length) return false;
      // A RESP2 map is a flat name, value, name, value array: skip the named values.
      const flatMap = a.v.length % 2 === 0 && a.v.every((x, i) => i % 2 === 1 || text(x) !== undefined);
      return a.v.every((x, i) => {
        if (flatMap && i % 2 === 1 && except.has(text(a.v[i - 1] as Wire) as string)) {
          return JSON.stringify(a.v[i - 1]) === JSON.stringify(other.v[i - 1]);
        }
        return sameExcept(x, other.v[i] as Wire, except);
      });
    }
    case 'bulk':
    case 'simple':
    case 'verbatim':
      return a.v === (b as typeof a).v || sameFieldText(a.v, (b as typeof a).v, except);
    default:
      return JSON.stringify(a) === JSON.stringify(b);
  }
}

/**
 * CLIENT INFO / CLIENT LIST text: lines of space-separated `name=value` fields (after
 * a verbatim string's "txt:" format). Same lines, same names in the same order, same
 * values but for the excepted names.
 */
function sameFieldText(a: string, b: string, except: ReadonlySet<string>): boolean {
  const format = /^[a-z]{3}:/;
  if (format.test(a) || format.test(b)) {
    if (a.slice(0, 4) !== b.slice(0, 4)) return false;
    a = a.slice(4);
    b = b.slice(4);
  }
  const linesA = a.split('\n');
  const linesB = b.split('\n');
  if (linesA.length !== linesB.length) return false;
  return linesA.every((line, i) => {
    const fieldsA = line === '' ? [] : line.split(' ');
    const fieldsB = (linesB[i] as string) === '' ? [] : (linesB[i] as string).split(' ');
    if (fieldsA.length !== fieldsB.length) return false;
    return fieldsA.every((field, j) => {
      const other = fieldsB[j] as string;
      const eq = field.indexOf('=');
      if (eq <= 0 || other.slice(0, eq + 1) !== field.slice(0, eq + 1)) return field === other;
      return except.has(field.slice(0, eq)) || field === other;
    });
  });
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

/**
 * A compare mode for MONITOR output: a line's time must be `<seconds>.<6 digits>` and its
 * peer an address, `lua` or `unix:<path>`; time and port are masked, the rest compared.
 */
export const MONITOR_LINES: Compare = {
  normalize: (text: string) =>
    text.replace(/^\d+\.\d{6} \[(\d+) (?:(127\.0\.0\.1):\d+|(lua)|unix:(\S+))\] /, (_m: string, db: string, ip?: string, lua?: string, path?: string) => {
      const peer = ip !== undefined ? `${ip}:<port>` : lua !== undefined ? 'lua' : `unix:${path}`;
      return `<time> [${db} ${peer}] `;
    }),
};

/**
 * A compare mode for SLOWLOG / COMMANDLOG GET: what varies masked — ids counted from the
 * oldest entry's (the runner's admin connection runs commands on the real server only), the
 * time, the client's port (its address stays), and with `timed` the duration; sizes,
 * arguments and names compared exactly.
 */
export function commandLogEntries(timed = false): Compare {
  return {
    map: (reply: Wire): Wire => {
      if (reply.t !== 'array') return reply;
      const last = reply.v.at(-1);
      const base = last?.t === 'array' && last.v[0]?.t === 'int' ? Number(last.v[0].v) : 0;
      return {
        t: 'array',
        v: reply.v.map((entry) => {
          if (entry.t !== 'array') return entry;
          const v = [...entry.v];
          if (v[0]?.t === 'int') v[0] = { t: 'int', v: `+${Number(v[0].v) - base}` };
          v[1] = { t: 'int', v: '#' };
          if (timed) v[2] = { t: 'int', v: '#' };
          const peer = v[4];
          if (peer?.t === 'bulk') v[4] = { t: 'bulk', v: peer.v.replace(/:\d+$/, ':#') };
          return { t: 'array', v };
        }),
      };
    },
  };
}

/**
 * CLIENT INFO / CLIENT LIST fields (also ACL LOG's client-info) that differ between any
 * two connections or move with the clients cron: ids, addresses, ages, and the reply
 * buffer's size and peak, which both servers' crons resize about ten times a second
 * (tot-mem counts the buffer, so it moves with them). A scenario's steps cannot land at
 * the same point of both crons; core's client-limits test checks those figures with waits
 * that let both crons run.
 */
export const CLIENT_FIELDS_OF_THE_CONNECTION: readonly string[] = ['id', 'addr', 'laddr', 'fd', 'age', 'idle', 'rbs', 'rbp', 'tot-mem'];

/**
 * A compare mode for CLIENT INFO / CLIENT LIST text that masks those fields (and
 * `alsoMasked`) but still checks tot-mem without the reply buffer (Redis adds
 * buf_usable_size to it), so the memory a client holds is compared exactly.
 */
export function clientInfoLines(...alsoMasked: string[]): Compare {
  const masked = new Set([...CLIENT_FIELDS_OF_THE_CONNECTION, ...alsoMasked]);
  const line = (text: string): string => {
    const fields = text.split(' ');
    const rbs = Number(fields.find((f) => f.startsWith('rbs='))?.slice(4) ?? 0);
    return fields
      .map((field) => {
        // RESP3 sends CLIENT INFO as verbatim text: its first field follows the 'txt:' format.
        const name = field.slice(0, field.indexOf('=')).replace(/^txt:/, '');
        if (name === 'tot-mem') return `tot-mem-less-rbs=${Number(field.slice(8)) - rbs}`;
        return masked.has(name) ? `${name}=*` : field;
      })
      .join(' ');
  };
  return { normalize: (text: string) => text.split('\n').map(line).join('\n') };
}

/**
 * `steps`, each followed by `INFO persistence` compared on how much its
 * rdb_changes_since_last_save moved (Redis's server.dirty delta of the step): the
 * counters themselves differ, the real server being shared by scenarios. A first INFO
 * takes each side's starting value; both sides' replies are mapped in turn (redis, fake).
 */
export function withDirtyChecks(steps: Step[]): Step[] {
  const last: [number, number] = [0, 0];
  let side = 0;
  const read = (reply: Wire): number => {
    const text = reply.t === 'bulk' || reply.t === 'verbatim' ? reply.v : '';
    const field = /rdb_changes_since_last_save:(\d+)/.exec(text)?.[1];
    if (field === undefined) throw new Error(`INFO persistence without rdb_changes_since_last_save: ${showWire(reply)}`);
    return Number(field);
  };
  const start: Compare = {
    map: (reply) => {
      last[side] = read(reply);
      side ^= 1;
      return { t: 'simple', v: 'start' };
    },
  };
  const delta: Compare = {
    map: (reply) => {
      const value = read(reply);
      const moved = value - (last[side] ?? 0);
      last[side] = value;
      side ^= 1;
      return { t: 'simple', v: `rdb_changes_since_last_save moved by ${moved}` };
    },
  };
  const info = (compare: Compare): CommandStep => ({ cmd: ['INFO', 'persistence'], compare });
  // Inside MULTI an INFO would be queued: checked after EXEC / DISCARD only.
  let queued = false;
  return [
    info(start),
    ...steps.flatMap((step) => {
      const name = String((Array.isArray(step) ? step : 'cmd' in step ? step.cmd : [''])[0]).toUpperCase();
      if (name === 'MULTI') queued = true;
      else if (name === 'EXEC' || name === 'DISCARD') queued = false;
      return queued ? [step] : [step, info(delta)];
    }),
  ];
}
