import { GeoCommands } from '@fakeredis/geo';
import { HashCommands } from '@fakeredis/hashes';
import { ListCommands } from '@fakeredis/lists';
import { PubSubCommands } from '@fakeredis/pubsub';
import { ScriptingCommands } from '@fakeredis/scripting';
import { SetCommands } from '@fakeredis/sets';
import { StreamCommands } from '@fakeredis/streams';
import { BitmapCommands, HyperLogLogCommands, StringCommands } from '@fakeredis/strings';
import {
  AofRealServer, runFakeCase, runRealCase, showAof, type PropagationStep,
  type Arg, connectFake, connectReal, freePort, redisServerAvailable, showWire, startRealServer, type RealServer, type Wire, type WireConnection,
} from '@fakeredis/tooling/conformance';
import { referenceBinary, referenceEnv } from '@fakeredis/tooling/conformance/reference';
import { SortedSetCommands } from '@fakeredis/zsets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachStream, coreMixins, FakeServer, registerServerDirectory, serverProfile } from '../../src/index.js';
import { createServer, type Server } from 'node:net';

/**
 * MIGRATE between two servers, checked in every direction against redis-server 7.0.15:
 * each case runs from a real source to a real target (the reference), and from the fake
 * to a real target, from a real source to a fake target over TCP, from the fake to a fake
 * over TCP, and from the fake to a fake in the same process reached in memory. The source's
 * replies, what the case reads on the target, the target's MONITOR lines and both servers'
 * keyspace events must be the reference's.
 */

const MIXINS = [
  ...coreMixins, StringCommands, BitmapCommands, HyperLogLogCommands, ListCommands, HashCommands, SetCommands,
  SortedSetCommands, GeoCommands, StreamCommands, PubSubCommands, ScriptingCommands,
];

/**
 * redis-server started with a file name of its own: a dump.rdb another suite left in /tmp
 * (perhaps of a newer RDB version) must not be loaded at start.
 */
let realServers = 0;
const startReal = (binary?: string) => startRealServer(['--dbfilename', `migrate-test-${process.pid}-${realServers++}.rdb`], binary);

const newFake = (version = '7.0') => new FakeServer({ profile: serverProfile('redis', version), mixins: MIXINS, config: { 'enable-debug-command': 'yes' } });

/** A fake behind a real TCP listener. */
class FakeOverTcp {
  readonly server: FakeServer;
  constructor(version?: string) {
    this.server = newFake(version);
  }
  port = 0;
  private listener: Server | undefined;
  async start(): Promise<void> {
    this.listener = createServer((socket) => {
      attachStream(this.server, socket, {
        remoteAddress: `${socket.remoteAddress}:${socket.remotePort}`,
        localAddress: `${socket.localAddress}:${socket.localPort}`,
      });
    });
    await new Promise<void>((resolve) => this.listener?.listen(0, '127.0.0.1', resolve));
    const address = this.listener.address();
    this.port = typeof address === 'object' && address !== null ? address.port : 0;
  }
  stop(): void {
    this.listener?.close();
    this.server.close();
  }
}

interface Endpoint {
  readonly name: string;
  /** The port MIGRATE names (for the in-memory fake: one nobody listens on). */
  readonly port: number;
  open(): Promise<{ conn: WireConnection; close: () => void }>;
}

const realEndpoint = (name: string, server: RealServer): Endpoint => ({ name, port: server.port, open: () => connectReal(server.port) });

type Side = 'src' | 'dst';
type Step =
  | { on: Side; cmd: Arg[]; map?: (w: Wire) => Wire }
  | { sleep: number };

const src = (...cmd: Arg[]): Step => ({ on: 'src', cmd });
const dst = (...cmd: Arg[]): Step => ({ on: 'dst', cmd });
/**
 * A TTL in ms as tens of seconds, rounded up: the runs take different times, and a TTL set
 * to a multiple of 10 s reads the same until 10 s have passed.
 */
const tensOfSeconds = (ms: number) => `~${Math.ceil(ms / 10000)}0s`;
const ttlOf = (on: Side, key: string): Step => ({
  on,
  cmd: ['PTTL', key],
  map: (w) => (w.t === 'int' && Number(w.v) >= 0 ? { t: 'simple', v: tensOfSeconds(Number(w.v)) } : w),
});
/** A reply whose elements come in hash order on redis-server: compared sorted. */
const sorted = (on: Side, ...cmd: Arg[]): Step => ({
  on,
  cmd,
  map: (w) => (w.t === 'array' || w.t === 'set' ? { t: w.t, v: [...w.v].sort((a, b) => showWire(a).localeCompare(showWire(b))) } : w),
});
/** One INFO field. */
const infoField = (on: Side, field: string): Step => ({
  on,
  cmd: ['INFO', 'everything'],
  map: (w) => ({ t: 'bulk', v: (w.t === 'bulk' || w.t === 'verbatim' ? w.v : '').split('\r\n').find((l) => l.startsWith(`${field}:`)) ?? '<none>' }),
});

interface Case {
  name: string;
  /** Sources that never cached a connection (the case reads migrate_cached_sockets). */
  freshSource?: boolean;
  /** Directions the case cannot run in, and why. */
  skip?: { direction: string; reason: string };
  /** Steps; `$HOST` and `$PORT` in arguments name the target. */
  steps: Step[];
}

const HOST = '$HOST';
const PORT = '$PORT';

const cases: Case[] = [
  {
    name: 'a key moves: deleted on the source, restored on the target with its TTL',
    steps: [
      src('SET', 'k', 'v'), src('PEXPIRE', 'k', 100000), src('MIGRATE', HOST, PORT, 'k', '0', '5000'),
      src('EXISTS', 'k'), dst('GET', 'k'), ttlOf('dst', 'k'),
      src('MIGRATE', HOST, PORT, 'k', '0', '5000'), src('SET', 'p', 'v'), src('MIGRATE', HOST, PORT, 'p', '0', '0'), dst('GET', 'p'),
    ],
  },
  {
    name: 'COPY keeps the source key; BUSYKEY from the target; REPLACE (a RESP3 client)',
    steps: [
      { on: 'src', cmd: ['HELLO', '3'], map: () => ({ t: 'null' }) },
      src('SET', 'k', 'v1'), dst('SET', 'k', 'old'), src('MIGRATE', HOST, PORT, 'k', '0', '5000'), src('GET', 'k'), dst('GET', 'k'),
      src('MIGRATE', HOST, PORT, 'k', '0', '5000', 'COPY'), src('MIGRATE', HOST, PORT, 'k', '0', '5000', 'COPY', 'REPLACE'),
      src('GET', 'k'), dst('GET', 'k'), src('MIGRATE', HOST, PORT, 'k', '0', '5000', 'replace'), src('EXISTS', 'k'), dst('GET', 'k'),
    ],
  },
  {
    name: 'KEYS: several keys of every type to another database, missing ones skipped',
    steps: [
      src('SET', 's', '12345'), src('RPUSH', 'l', 'a', 'b', 'c'), src('HSET', 'h', 'f', 'v', 'g', 'w'), src('SADD', 'set', '3', '1', '2'),
      src('ZADD', 'z', '1', 'a', '2.5', 'b'), src('XADD', 'x', '1-1', 'f', 'v'), src('PFADD', 'hll', 'a', 'b'),
      src('SET', 'big', 'x'.repeat(150000)), src('PEXPIRE', 'l', 50000),
      src('MIGRATE', HOST, PORT, '', '3', '5000', 'KEYS', 's', 'nokey', 'l', 'h', 'set', 'z', 'x', 'hll', 'big'),
      src('DBSIZE'), dst('SELECT', '3'), dst('DBSIZE'), dst('GET', 's'), dst('LRANGE', 'l', '0', '-1'), ttlOf('dst', 'l'),
      dst('HGETALL', 'h'), dst('SMEMBERS', 'set'), dst('ZRANGE', 'z', '0', '-1', 'WITHSCORES'), dst('XRANGE', 'x', '-', '+'),
      dst('PFCOUNT', 'hll'), dst('STRLEN', 'big'), dst('OBJECT', 'ENCODING', 's'),
      src('MIGRATE', HOST, PORT, '', '3', '5000', 'KEYS', 'nokey', 'other'), src('MIGRATE', HOST, PORT, '', '3', '5000', 'KEYS'),
    ],
  },
  {
    name: 'KEYS naming a key twice: the second RESTORE is refused (BUSYKEY), or with REPLACE two del events',
    steps: [
      src('SET', 'k', 'v'), src('MIGRATE', HOST, PORT, '', '0', '5000', 'COPY', 'KEYS', 'k', 'k'), dst('GET', 'k'), src('GET', 'k'),
      dst('DEL', 'k'), src('MIGRATE', HOST, PORT, '', '0', '5000', 'REPLACE', 'KEYS', 'k', 'k'), src('EXISTS', 'k'), dst('GET', 'k'),
      src('SET', 'j', 'v'), dst('DEL', 'k'), src('MIGRATE', HOST, PORT, '', '0', '5000', 'KEYS', 'j', 'j'), src('EXISTS', 'j'), dst('GET', 'j'),
    ],
  },
  {
    name: 'argument errors, in Redis order',
    steps: [
      src('SET', 'k', 'v'),
      src('MIGRATE', HOST, PORT, 'k', '0', '5000', 'KEYS', 'k'), src('MIGRATE', HOST, PORT, 'k', '0', '5000', 'COPY', 'KEYS'),
      src('MIGRATE', HOST, PORT, '', '0', '5000', 'KEYS', 'k', 'AUTH'), src('MIGRATE', HOST, PORT, 'k', '0', '5000', 'AUTH'),
      src('MIGRATE', HOST, PORT, 'k', '0', '5000', 'AUTH2', 'u'), src('MIGRATE', HOST, PORT, 'k', '0', '5000', 'foo'),
      src('MIGRATE', HOST, PORT, 'k', '0', '5000', 'foo', 'KEYS', 'k'), src('MIGRATE', HOST, PORT, 'k', 'x', '5000'),
      src('MIGRATE', HOST, PORT, 'k', '0', 'x'), src('MIGRATE', HOST, PORT, 'k', '0', '1.5'),
      src('MIGRATE', HOST, PORT, 'k', '0', '99999999999999999999'), src('MIGRATE', HOST, PORT, 'k', '0'),
      src('MIGRATE', HOST, PORT, 'nokey', 'x', 'y'), src('MIGRATE', HOST, PORT, 'nokey', '0', '5000', 'foo'),
      src('GET', 'k'),
    ],
  },
  {
    name: 'a database the target does not have; the SELECT error, then SELECT sent again',
    steps: [
      src('SET', 'k', 'v'), src('MIGRATE', HOST, PORT, 'k', '99', '5000'), src('MIGRATE', HOST, PORT, 'k', '-1', '5000'),
      src('MIGRATE', HOST, PORT, 'k', '2', '5000', 'COPY'), src('MIGRATE', HOST, PORT, 'k', '2', '5000', 'COPY', 'REPLACE'),
      src('MIGRATE', HOST, PORT, 'k', '5', '5000', 'COPY'), src('MIGRATE', HOST, PORT, 'k', '2', '5000'),
      dst('SELECT', '2'), dst('GET', 'k'), dst('SELECT', '5'), dst('GET', 'k'), src('EXISTS', 'k'),
    ],
  },
  {
    name: 'AUTH and AUTH2: the target refuses, or accepts; AUTH to a target without a password',
    steps: [
      src('SET', 'k', 'v'), src('MIGRATE', HOST, PORT, 'k', '0', '5000', 'COPY', 'AUTH', 'nopass'), dst('GET', 'k'), dst('DEL', 'k'),
      dst('CONFIG', 'SET', 'requirepass', 'secret'), dst('AUTH', 'secret'), dst('CLIENT', 'KILL', 'TYPE', 'normal'),
      src('MIGRATE', HOST, PORT, 'k', '0', '5000', 'COPY'), src('MIGRATE', HOST, PORT, 'k', '0', '5000', 'COPY', 'AUTH', 'wrong'),
      src('MIGRATE', HOST, PORT, 'k', '0', '5000', 'COPY', 'AUTH2', 'default', 'wrong'),
      src('MIGRATE', HOST, PORT, 'k', '0', '5000', 'COPY', 'AUTH', 'secret'), dst('GET', 'k'),
      src('MIGRATE', HOST, PORT, 'k', '0', '5000', 'REPLACE', 'AUTH2', 'default', 'secret'), src('EXISTS', 'k'), dst('GET', 'k'),
      dst('ACL', 'SETUSER', 'u', 'on', '>pw', '~*', '+@all', '-restore'), src('SET', 'k', 'v'),
      src('MIGRATE', HOST, PORT, 'k', '0', '5000', 'REPLACE', 'AUTH2', 'u', 'pw'), src('EXISTS', 'k'),
      dst('ACL', 'SETUSER', 'u', '+restore', '-select'), src('MIGRATE', HOST, PORT, 'k', '1', '5000', 'REPLACE', 'AUTH2', 'u', 'pw'),
      dst('ACL', 'SETUSER', 'u', '+select', 'resetkeys', '~a*'), src('MIGRATE', HOST, PORT, 'k', '1', '5000', 'REPLACE', 'AUTH2', 'u', 'pw'),
      dst('ACL', 'SETUSER', 'u', '~k'), src('MIGRATE', HOST, PORT, 'k', '1', '5000', 'REPLACE', 'AUTH2', 'u', 'pw'), src('EXISTS', 'k'),
      dst('SELECT', '1'), dst('GET', 'k'),
      dst('CONFIG', 'SET', 'requirepass', ''), dst('ACL', 'DELUSER', 'u'),
    ],
  },
  {
    name: 'the cached connection: SELECT only when the database changes; a connection the target closed is opened again',
    freshSource: true,
    steps: [
      src('MSET', 'a', '1', 'b', '2', 'c', '3'), src('MIGRATE', HOST, PORT, 'a', '0', '5000', 'COPY'),
      src('MIGRATE', HOST, PORT, 'b', '0', '5000', 'COPY'), src('MIGRATE', HOST, PORT, 'c', '4', '5000', 'COPY'),
      infoField('src', 'migrate_cached_sockets'),
      dst('CLIENT', 'KILL', 'TYPE', 'normal'), src('MIGRATE', HOST, PORT, 'c', '4', '5000'), infoField('src', 'migrate_cached_sockets'),
      src('MIGRATE', 'localhost', PORT, 'a', '0', '5000', 'REPLACE'), infoField('src', 'migrate_cached_sockets'),
      sorted('dst', 'KEYS', '*'), dst('SELECT', '4'), sorted('dst', 'KEYS', '*'),
    ],
  },
  {
    name: 'a target that cannot be reached, or resolved',
    freshSource: true,
    steps: [
      src('SET', 'k', 'v'), src('MIGRATE', '127.0.0.1', '$CLOSED', 'k', '0', '300'), src('MIGRATE', 'nonexistent.invalid', PORT, 'k', '0', '300'),
      src('MIGRATE', HOST, '-1', 'k', '0', '300'), src('MIGRATE', '', PORT, 'k', '0', '300'), src('MIGRATE', '127.0.0.1', 'abc', 'k', '0', '300'),
      infoField('src', 'migrate_cached_sockets'), src('GET', 'k'), src('INFO', 'errorstats'),
    ],
  },
  {
    name: 'expired and expiring keys; statistics and keymiss on the source',
    steps: [
      src('CONFIG', 'SET', 'notify-keyspace-events', 'KEAm'), src('SET', 'gone', 'v', 'PX', '1'), { sleep: 20 },
      src('MIGRATE', HOST, PORT, 'gone', '0', '5000'), src('MIGRATE', HOST, PORT, 'nokey', '0', '5000'),
      src('SET', 'k', 'v'), src('MIGRATE', HOST, PORT, 'k', '0', '5000'),
      infoField('src', 'keyspace_hits'), infoField('src', 'keyspace_misses'), infoField('src', 'expired_keys'),
      { on: 'src', cmd: ['INFO', 'commandstats'], map: cmdstat('migrate') }, src('INFO', 'errorstats'),
    ],
  },
  {
    name: 'MIGRATE inside MULTI and from a script; MONITOR of the source hides the passwords',
    // There the process waits synchronously for the target, which cannot answer when it
    // is a TCP listener of this same process (a TcpFakeServer is reached in memory instead).
    skip: { direction: 'fake -> fake over TCP', reason: 'a TCP target in the same process cannot answer a synchronous wait' },
    steps: [
      src('SET', 'k', 'v'), src('SET', 'j', 'w'), src('MULTI'), src('MIGRATE', HOST, PORT, 'k', '0', '5000', 'AUTH', 'x'), src('MIGRATE', HOST, PORT, 'j', '0', '5000'),
      src('GET', 'j'), src('EXEC'), dst('GET', 'j'),
      src('SET', 'e', 'v'), src('EVAL', "return redis.call('MIGRATE', ARGV[1], ARGV[2], KEYS[1], '0', '5000')", '1', 'e', HOST, PORT), src('EXISTS', 'e'), dst('GET', 'e'),
      src('SET', 'm', 'v'), src('MIGRATE', HOST, PORT, 'm', '0', '5000', 'COPY', 'AUTH2', 'user', 'pass', 'AUTH', 'pw'),
    ],
  },
  {
    name: 'COMMAND INFO, DOCS and GETKEYS of MIGRATE',
    steps: [
      src('COMMAND', 'INFO', 'MIGRATE'), src('COMMAND', 'DOCS', 'MIGRATE'),
      src('COMMAND', 'GETKEYS', 'MIGRATE', 'h', '1', '', '0', '5', 'AUTH2', 'keys', 'keys', 'KEYS', 'a', 'b'),
      src('COMMAND', 'GETKEYS', 'MIGRATE', 'h', '1', 'k', '0', '5', 'COPY'), src('COMMAND', 'GETKEYS', 'MIGRATE', 'h', '1', '', '0', '5'),
      sorted('src', 'ACL', 'CAT', 'keyspace'),
    ],
  },
];

function cmdstat(name: string): (w: Wire) => Wire {
  return (w) => {
    const line = (w.t === 'bulk' || w.t === 'verbatim' ? w.v : '').split('\r\n').find((l) => l.startsWith(`cmdstat_${name}:`)) ?? '<none>';
    return { t: 'bulk', v: line.replace(/usec=\d+,usec_per_call=[\d.]+,/, '') };
  };
}

/** MONITOR lines without their time and client address. */
function monitorLine(w: Wire): string {
  const text = w.t === 'simple' || w.t === 'bulk' ? w.v : showWire(w);
  // A RESTORE's TTL is the time left when it was sent.
  return text
    .replace(/^\d+\.\d+ \[(\d+) [^\]]+\]/, '[$1 ADDR]')
    .replace(/^(\[\d+ ADDR\] "RESTORE(?:-ASKING)?" "(?:[^"\\]|\\.)*" ")(\d+)"/, (_, head: string, ttl: string) => `${head}${ttl === '0' ? '0' : tensOfSeconds(Number(ttl))}"`);
}

interface Transcript {
  replies: string[];
  sourceMonitor: string[];
  targetMonitor: string[];
  sourceEvents: string[];
  targetEvents: string[];
}

async function runCase(c: Case, source: Endpoint, target: Endpoint, closedPort: number): Promise<Transcript> {
  // Clean both sides and drop the source's cached connections by closing them on the target.
  for (const end of [source, target]) {
    const { conn, close } = await end.open();
    await conn.send(['AUTH', 'secret']);
    await conn.send(['CONFIG', 'SET', 'requirepass', '']);
    await conn.send(['ACL', 'DELUSER', 'u']);
    await conn.send(['FLUSHALL']);
    await conn.send(['CONFIG', 'RESETSTAT']);
    await conn.send(['CONFIG', 'SET', 'notify-keyspace-events', 'KEA']);
    await conn.send(['CLIENT', 'KILL', 'TYPE', 'normal']);
    close();
  }
  const opened: Array<() => void> = [];
  const open = async (end: Endpoint) => {
    const c = await end.open();
    opened.push(c.close);
    return c.conn;
  };
  const conns = { src: await open(source), dst: await open(target) };
  const monitors = { src: await open(source), dst: await open(target) };
  const events = { src: await open(source), dst: await open(target) };
  for (const side of ['src', 'dst'] as const) {
    await monitors[side].send(['MONITOR']);
    await events[side].send(['PSUBSCRIBE', '__key*__:*']);
  }
  const replies: string[] = [];
  const sub = (a: Arg): Arg => (a === HOST ? '127.0.0.1' : a === PORT ? String(target.port) : a === '$CLOSED' ? String(closedPort) : a);
  try {
    for (const step of c.steps) {
      if ('sleep' in step) {
        await new Promise((r) => setTimeout(r, step.sleep));
        continue;
      }
      const args = step.cmd.map(sub);
      let reply = await conns[step.on].send(args);
      if (step.map) reply = step.map(reply);
      replies.push(`${step.on} ${step.cmd.map(String).join(' ').slice(0, 80)} -> ${showWire(reply)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  } finally {
    for (const close of opened) close();
  }
  const lines = (conn: WireConnection) => conn.unsolicited.map(monitorLine).map((l) => l.replaceAll(String(target.port), 'PORT'));
  const messages = (conn: WireConnection) => conn.unsolicited.map((w) => showWire(w).replace(/\s+/g, ' '));
  return {
    replies,
    // The clean-up and observers' own commands are not part of the case.
    sourceMonitor: lines(monitors.src).filter((l) => !/"(monitor|psubscribe|client|config|flushall|acl|auth)"/i.test(l)),
    targetMonitor: lines(monitors.dst).filter((l) => !/"(monitor|psubscribe|client|config|flushall)"/i.test(l) && !/ADDR\] "(get|keys|select|dbsize|exists|del|set|lrange|pttl|hgetall|smembers|zrange|xrange|pfcount|strlen|object|acl)"/.test(l)),
    sourceEvents: messages(events.src),
    targetEvents: messages(events.dst),
  };
}

/**
 * The cases in every direction against redis-server 7.0.15, and against the reference
 * binaries of later versions (FAKEREDIS_REDIS_7_2, FAKEREDIS_REDIS_7_4) with the fake of
 * that version, when they are there.
 */
function migrateSuite(title: string, skip: boolean, version = '7.0', binary?: string): void {
describe.skipIf(skip)(title, () => {
  let realSource: RealServer;
  let realTarget: RealServer;
  const fakeTcpTarget = new FakeOverTcp(version);
  const fakeSource = newFake(version);
  const memoryTarget = newFake(version);
  let memoryPort = 0;
  let closedPort = 0;
  let withdraw: () => void = () => {};
  const endpoints: Record<string, Endpoint> = {};

  beforeAll(async () => {
    [realSource, realTarget] = await Promise.all([startReal(binary), startReal(binary)]);
    await fakeTcpTarget.start();
    memoryPort = await freePort();
    closedPort = await freePort();
    withdraw = registerServerDirectory((host, port) => (port === memoryPort && (host === '127.0.0.1' || host === 'localhost') ? memoryTarget : undefined));
    endpoints.realSource = realEndpoint('redis', realSource);
    endpoints.realTarget = realEndpoint('redis', realTarget);
    endpoints.fakeSource = { name: 'fake', port: 0, open: async () => connectFake(fakeSource) };
    endpoints.fakeTcp = { name: 'fake over TCP', port: fakeTcpTarget.port, open: () => connectReal(fakeTcpTarget.port) };
    endpoints.fakeMemory = { name: 'fake in memory', port: memoryPort, open: async () => connectFake(memoryTarget) };
  });
  afterAll(async () => {
    withdraw();
    fakeTcpTarget.stop();
    fakeSource.close();
    memoryTarget.close();
    await Promise.all([realSource?.stop(), realTarget?.stop()]);
  });

  it('the direct API, running while a MIGRATE waits, migrates over a connection of its own', async () => {
    const source = newFake(version);
    try {
      const admin = await connectReal(realTarget.port);
      await admin.conn.send(['FLUSHALL']);
      await admin.conn.send(['SET', 'a', 'there']);
      source.call('SET', 'a', '1');
      source.call('SET', 'b', '2');
      const client = connectFake(source);
      // The target sleeps: the client's MIGRATE waits on the cached connection meanwhile.
      void admin.conn.send(['DEBUG', 'SLEEP', '0.3']);
      await new Promise((r) => setTimeout(r, 50));
      const waiting = client.conn.send(['MIGRATE', '127.0.0.1', String(realTarget.port), 'a', '0', '5000']);
      await new Promise((r) => setTimeout(r, 50));
      // Each reads its own replies: the waiting one the target's refusal, this one its OK.
      expect(source.command('MIGRATE', '127.0.0.1', String(realTarget.port), 'b', '0', '5000')).toBe('OK');
      expect(await waiting).toEqual({ t: 'error', v: 'ERR Target instance replied with error: BUSYKEY Target key name already exists.' });
      expect(source.command('INFO', 'stats')).toContain('migrate_cached_sockets:1');
      expect(source.command('EXISTS', 'a', 'b')).toBe(1);
      expect(await admin.conn.send(['MGET', 'a', 'b'])).toEqual({ t: 'array', v: [{ t: 'bulk', v: 'there' }, { t: 'bulk', v: '2' }] });
      client.close();
      admin.close();
    } finally {
      source.close();
    }
  });

  const directions: Array<[string, string, string]> = [
    ['fake -> redis', 'fakeSource', 'realTarget'],
    ['redis -> fake over TCP', 'realSource', 'fakeTcp'],
    ['fake -> fake over TCP', 'fakeSource', 'fakeTcp'],
    ['fake -> fake in memory', 'fakeSource', 'fakeMemory'],
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const stops: Array<() => unknown> = [];
      const source = async (which: string): Promise<Endpoint> => {
        if (!c.freshSource) return endpoints[which] as Endpoint;
        if (which === 'realSource') {
          const real = await startReal(binary);
          stops.push(() => real.stop());
          return realEndpoint('redis', real);
        }
        const fake = newFake(version);
        stops.push(() => fake.close());
        return { name: 'fake', port: 0, open: async () => connectFake(fake) };
      };
      try {
        const reference = await runCase(c, await source('realSource'), endpoints.realTarget as Endpoint, closedPort);
        for (const [direction, from, to] of directions) {
          if (c.skip?.direction === direction) continue;
          const got = await runCase(c, await source(from), endpoints[to] as Endpoint, closedPort);
          expect({ direction, ...got }).toEqual({ direction, ...reference });
        }
      } finally {
        for (const stop of stops) await stop();
      }
    }, 60_000);
  }
});
}

migrateSuite('MIGRATE (conformance vs redis-server, every direction)', !redisServerAvailable());
for (const version of ['7.2', '7.4']) {
  const binary = referenceBinary(referenceEnv('redis', version));
  migrateSuite(`MIGRATE (conformance vs redis-server ${version}, every direction)`, binary === undefined, version, binary);
}

/**
 * A target that misbehaves as a script says, to compare how redis-server and the fake read
 * its replies: lines cut at 1023 bytes, an empty line, silence (a timeout), a connection
 * closed on the first command.
 */
type Behaviour = 'long-error' | 'empty-line' | 'silent' | 'close' | 'ok';

async function scriptedTarget(behaviour: () => Behaviour, seen: string[]): Promise<{ port: number; stop: () => Promise<void> }> {
  const sockets = new Set<import('node:net').Socket>();
  const listener = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let pending = '';
    socket.on('data', (chunk) => {
      pending += chunk.toString('latin1');
      const names = [...pending.matchAll(/\*\d+\r\n\$\d+\r\n([A-Z-]+)\r\n/g)].map((m) => m[1] as string);
      const commands = names.length;
      seen.push(...names);
      pending = '';
      const mode = behaviour();
      if (mode === 'close') socket.destroy();
      else if (mode === 'long-error') socket.write(`-${'E'.repeat(1100)}\r\n`.repeat(commands));
      else if (mode === 'empty-line') socket.write('\n'.repeat(commands));
      else if (mode === 'ok') socket.write('+OK\r\n'.repeat(commands));
    });
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const address = listener.address();
  return {
    port: typeof address === 'object' && address !== null ? address.port : 0,
    stop: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        listener.close(() => resolve());
      }),
  };
}

describe.skipIf(!redisServerAvailable())('MIGRATE to a target that misbehaves (fake and redis-server read it alike)', () => {
  let realSource: RealServer;
  beforeAll(async () => {
    realSource = await startReal();
  });
  afterAll(async () => {
    await realSource?.stop();
  });

  const scripts: Array<{ name: string; modes: Behaviour[] }> = [
    { name: 'an error line longer than 1023 bytes is cut, its rest read as the next reply', modes: ['long-error', 'ok', 'ok'] },
    { name: 'an empty line is a read error: one retry, then IOERR', modes: ['empty-line', 'empty-line', 'ok'] },
    { name: 'a target that closes the connection: one retry on a new one', modes: ['close', 'ok', 'close', 'close', 'ok'] },
    { name: 'a silent target: IOERR once the timeout passes, no retry', modes: ['silent', 'ok'] },
  ];
  for (const script of scripts) {
    it(script.name, async () => {
      const run = async (open: () => Promise<{ conn: WireConnection; close: () => void }>) => {
        let i = 0;
        const seen: string[] = [];
        const target = await scriptedTarget(() => script.modes[Math.min(i++, script.modes.length - 1)] as Behaviour, seen);
        const { conn, close } = await open();
        const replies: string[] = [];
        try {
          await conn.send(['FLUSHALL']);
          await conn.send(['MSET', 'k', 'v', 'j', 'w']);
          for (let n = 0; n < 3; n++) {
            replies.push(showWire(await conn.send(['MIGRATE', '127.0.0.1', String(target.port), '', '0', '300', 'COPY', 'KEYS', 'k', 'j'])));
          }
          replies.push(showWire(await conn.send(['MIGRATE', '127.0.0.1', String(target.port), 'k', '0', '300'])), showWire(await conn.send(['EXISTS', 'k'])));
          // A reply may come from lines already buffered, before the target read the command.
          await new Promise((r) => setTimeout(r, 100));
          replies.push(`commands the target received: ${seen.join(' ')}`);
        } finally {
          close();
          await target.stop();
        }
        return replies;
      };
      const fake = newFake();
      try {
        const reference = await run(() => connectReal(realSource.port));
        expect(await run(async () => connectFake(fake))).toEqual(reference);
      } finally {
        fake.close();
      }
    }, 30_000);
  }
});

describe.skipIf(!redisServerAvailable())('what MIGRATE propagates (the AOF of redis-server 7.0.15 as the source)', () => {
  let source: AofRealServer;
  let target: RealServer;
  beforeAll(async () => {
    [source, target] = await Promise.all([AofRealServer.start(['--dbfilename', `migrate-aof-${process.pid}.rdb`]), startReal()]);
  });
  afterAll(async () => {
    await Promise.all([source?.stop(), target?.stop()]);
  });

  const cases: Array<{ name: string; steps: (port: string) => PropagationStep[] }> = [
    { name: 'a moved key as DEL; COPY and NOKEY not at all', steps: (p) => [['SET', 'k', 'v'], ['MIGRATE', '127.0.0.1', p, 'k', '0', '5000', 'COPY'], ['MIGRATE', '127.0.0.1', p, 'k', '0', '5000', 'REPLACE'], ['MIGRATE', '127.0.0.1', p, 'k', '0', '5000']] },
    {
      name: 'KEYS: the keys the target took, in one DEL; none when it refused the first',
      steps: (p) => [['MSET', 'a', '1', 'b', '2', 'c', '3'], ['MIGRATE', '127.0.0.1', p, '', '0', '5000', 'KEYS', 'a', 'nokey', 'b'], ['MIGRATE', '127.0.0.1', p, '', '0', '5000', 'KEYS', 'c', 'a']],
    },
    { name: 'inside MULTI, with the other writes', steps: (p) => [['SET', 'k', 'v'], ['MULTI'], ['SET', 'z', '1'], ['MIGRATE', '127.0.0.1', p, 'k', '2', '5000'], ['SET', 'y', '1'], ['EXEC']] },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const steps = c.steps(String(target.port));
      const flushTarget = async () => {
        const { conn, close } = await connectReal(target.port);
        await conn.send(['FLUSHALL']);
        await conn.send(['CLIENT', 'KILL', 'TYPE', 'normal']);
        close();
      };
      await flushTarget();
      const expected = await runRealCase(source, steps);
      await flushTarget();
      const fake = newFake();
      try {
        const actual = await runFakeCase(fake, steps, expected.selectedBefore);
        expect(actual.replies).toEqual(expected.replies);
        expect(showAof(expected.aof)).toMatch(/^DEL /m);
        expect(showAof(actual.aof)).toBe(showAof(expected.aof));
      } finally {
        fake.close();
      }
    });
  }
});
