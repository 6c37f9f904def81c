import { connect, type Socket } from 'node:net';
import { addPropagationListener, type Bytes, FakeServer, PROPAGATE_REPL, PropagationEncoder } from '@fakeredis/core';
import {
  AofRealServer, normalizeTimes, type PropagationCase, redisServerAvailable, runFakeCase, runRealCase, showAof,
} from '@fakeredis/tooling/conformance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mixins } from './server.js';

/**
 * redis.set_repl(redis.REPL_NONE / REPL_AOF / REPL_REPLICA / REPL_ALL): what a script's
 * commands propagate to the AOF and to replicas, compared with a redis-server 7.0.15
 * writing its AOF (appendfsync always) with a replica attached (a raw PSYNC connection
 * that reads the stream after the RDB). On the fake, the propagation feed's AOF and
 * replica targets, encoded as the AOF and the stream encode them.
 */

const cases: PropagationCase[] = [
  { name: 'REPL_ALL is the default', steps: [['EVAL', "redis.call('SET', 'a', '1') redis.set_repl(redis.REPL_ALL) redis.call('SET', 'b', '2') return 1", '0']] },
  { name: 'REPL_NONE: nothing propagated', steps: [['EVAL', "redis.set_repl(redis.REPL_NONE) redis.call('SET', 'a', '1') redis.call('INCR', 'n') return 1", '0']] },
  { name: 'REPL_AOF alone: one command, no MULTI', steps: [['EVAL', "redis.set_repl(redis.REPL_AOF) redis.call('SET', 'only', '1') return 1", '0']] },
  { name: 'REPL_REPLICA alone', steps: [['EVAL', "redis.set_repl(redis.REPL_REPLICA) redis.call('RPUSH', 'l', 'x', 'y') return 1", '0']] },
  { name: 'two commands to replicas only: the AOF still gets MULTI / EXEC', steps: [['EVAL', "redis.set_repl(redis.REPL_REPLICA) redis.call('SET', 'a', '1') redis.call('SET', 'b', '1') return 1", '0']] },
  {
    name: 'switching targets: each side gets MULTI, its own commands, EXEC',
    steps: [['EVAL', "redis.set_repl(redis.REPL_AOF) redis.call('SET', 'a1', '1') redis.set_repl(redis.REPL_REPLICA) redis.call('SET', 'r1', '1') redis.set_repl(redis.REPL_ALL) redis.call('SET', 'all', '1') return 1", '0']],
  },
  {
    name: 'rewritten commands follow the flags (EXPIRE as PEXPIREAT, SET EX as PXAT, INCRBYFLOAT as SET)',
    steps: [['EVAL', "redis.call('SET', 'k', 'v') redis.set_repl(redis.REPL_REPLICA) redis.call('EXPIRE', 'k', 100) redis.set_repl(redis.REPL_AOF) redis.call('SET', 'e', 'x', 'EX', 50) redis.call('INCRBYFLOAT', 'f', '1.5') return 1", '0']],
  },
  {
    name: "SPOP with a count: its SREMs are alsoPropagate'd, REPL_NONE does not hold them back; the single-member form and the whole-set DEL follow it",
    steps: [
      ['SADD', 's', 'a', 'b', 'c', 'd', 'e', 'f'],
      ['SADD', 't', 'x', 'y'],
      ['EVAL', "redis.set_repl(redis.REPL_NONE) local p = redis.call('SPOP', 's', 2) redis.call('SPOP', 's') redis.call('SPOP', 't', 5) return #p", '0'],
    ],
  },
  { name: 'PUBLISH (replicas only) is held back by REPL_AOF', steps: [['EVAL', "redis.set_repl(redis.REPL_AOF) redis.call('PUBLISH', 'ch', 'm') redis.call('SET', 'p', '1') redis.set_repl(redis.REPL_REPLICA) redis.call('PUBLISH', 'ch', 'n') return 1", '0']] },
  {
    name: 'the flags last for one script run; SELECT inside the script',
    steps: [
      ['EVAL', "redis.set_repl(redis.REPL_NONE) redis.call('SET', 'x', '1') return 1", '0'],
      ['EVAL', "redis.call('SET', 'y', '1') redis.call('SELECT', '3') redis.set_repl(redis.REPL_AOF) redis.call('SET', 'z', '1') return 1", '0'],
    ],
  },
  {
    name: 'numbers as Redis casts them: 2.9 is REPL_REPLICA, a string is REPL_NONE; invalid flags raise',
    steps: [
      ['EVAL', "redis.set_repl(2.9) redis.call('SET', 'a', '1') redis.set_repl('x') redis.call('SET', 'b', '1') return 1", '0'],
      ['EVAL', "redis.set_repl(-0.5) redis.call('SET', 'c', '1') return 1", '0'],
      ['EVAL', "redis.call('SET', 'd', '1') redis.set_repl(4) return 1", '0'],
      ['EVAL', 'redis.set_repl(-1)', '0'],
      ['EVAL', 'redis.set_repl(0/0)', '0'],
      ['EVAL', 'redis.set_repl()', '0'],
      ['EVAL', 'redis.set_repl(1, 2)', '0'],
    ],
  },
  {
    name: 'a function calling redis.set_repl',
    steps: [
      ['FUNCTION', 'LOAD', "#!lua name=rl\nredis.register_function('f', function(keys, args) redis.set_repl(tonumber(args[1])) redis.call('SET', keys[1], args[1]) return 1 end)"],
      ['FCALL', 'f', '1', 'k0', '0'],
      ['FCALL', 'f', '1', 'k1', '1'],
      ['FCALL', 'f', '1', 'k2', '2'],
      ['FCALL', 'f', '1', 'k3', '3'],
    ],
  },
];

/** A raw replica of a real server: PSYNC, the RDB skipped, then the stream as it comes. */
class RawReplica {
  data = '';
  private rdbEnd = -1;
  private acks: ReturnType<typeof setInterval> | undefined;
  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.data += chunk.toString('latin1');
      if (this.rdbEnd < 0) this.findRdbEnd();
    });
  }

  static async attach(port: number): Promise<RawReplica> {
    const socket = connect({ port, host: '127.0.0.1' });
    await new Promise((resolve) => socket.once('connect', resolve));
    const replica = new RawReplica(socket);
    socket.write('*5\r\n$8\r\nREPLCONF\r\n$4\r\ncapa\r\n$3\r\neof\r\n$4\r\ncapa\r\n$6\r\npsync2\r\n');
    // PSYNC only once REPLCONF's reply is out: read in one go with it, Redis refuses it
    // ("SYNC and PSYNC are invalid with pending output").
    await replica.until(() => replica.data.startsWith('+OK\r\n'));
    socket.write('*3\r\n$5\r\nPSYNC\r\n$1\r\n?\r\n$2\r\n-1\r\n');
    await replica.until(() => replica.rdbEnd >= 0);
    // A diskless replica gets the stream from its first acknowledgement once it is online
    // (the master notices its transfer ended a moment later): acknowledge as replicas do.
    replica.acks = setInterval(() => socket.write('*3\r\n$8\r\nREPLCONF\r\n$3\r\nACK\r\n$1\r\n0\r\n'), 100);
    return replica;
  }

  private findRdbEnd(): void {
    const m = /\+FULLRESYNC \S+ \d+\r\n\n*\$EOF:(.{40})\r\n/.exec(this.data);
    if (m === null) return;
    const end = this.data.indexOf(m[1] as string, m.index + m[0].length);
    if (end >= 0) this.rdbEnd = end + 40;
  }

  /** The stream received after the RDB. */
  get stream(): string {
    return this.rdbEnd < 0 ? '' : this.data.slice(this.rdbEnd);
  }

  async until(check: () => boolean, ms = 10_000): Promise<void> {
    const end = Date.now() + ms;
    while (!check()) {
      if (Date.now() > end) throw new Error(`the replica stream did not arrive: ${JSON.stringify(this.data.slice(-300))}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  close(): void {
    clearInterval(this.acks);
    this.socket.destroy();
  }
}

/** The marker a case's stream ends with (a write on database 0 after the case). */
const marker = (n: number): string[] => ['SET', '__end__', String(n)];

/** Drops the commands around a case: the FLUSHALL / FUNCTION FLUSH runRealCase starts with, and the marker (with its SELECT). */
function caseStream(stream: string): string {
  const lines = showAof(stream).split('\n').filter((l) => l !== '');
  while (lines[0] === 'FLUSHALL' || lines[0] === 'FUNCTION FLUSH' || lines[0] === 'SELECT 0') lines.shift();
  lines.pop();
  if (lines[lines.length - 1]?.startsWith('SELECT')) lines.pop();
  return lines.join('\n');
}

/** SPOP pops at random (each server its own way): the members are not compared, how many and where are. */
const members = (text: string): string => text.replace(/^SREM s \w$/gm, 'SREM s <member>');

describe.skipIf(!redisServerAvailable())('redis.set_repl: the AOF and the replication stream as redis-server 7.0 writes them', () => {
  let real: AofRealServer;
  let replica: RawReplica;
  let n = 0;
  beforeAll(async () => {
    real = await AofRealServer.start(['--repl-diskless-sync', 'yes', '--repl-diskless-sync-delay', '0', '--repl-ping-replica-period', '3600']);
    replica = await RawReplica.attach(real.server.port);
  });
  afterAll(async () => {
    replica?.close();
    await real?.stop();
  });
  for (const c of cases) {
    it(c.name, async () => {
      const id = ++n;
      // The marker that ended the previous case is where this one's stream starts.
      const from = replica.stream.length;
      const expected = await runRealCase(real, [...c.steps, marker(id)]);
      await replica.until(() => replica.stream.includes(`$7\r\n__end__\r\n$${String(id).length}\r\n${id}\r\n`));
      const realStream = caseStream(normalizeTimes(replica.stream.slice(from)));
      const fake = new FakeServer({ mixins });
      let stream = '';
      const encoder = new PropagationEncoder();
      encoder.selectedDb = 0;
      const detach = addPropagationListener(fake, (dbid: number, argv: readonly Bytes[], target: number) => {
        if (target & PROPAGATE_REPL) stream += encoder.encode(dbid, argv);
      });
      try {
        const actual = await runFakeCase(fake, [...c.steps, marker(id)], expected.selectedBefore);
        expect(actual.replies).toEqual(expected.replies);
        expect(members(showAof(actual.aof))).toBe(members(showAof(expected.aof)));
        expect(members(caseStream(normalizeTimes(stream)))).toBe(members(realStream));
      } finally {
        detach();
        fake.close();
      }
    });
  }
});
