import {
  compare, connectFake, connectReal, redisServerAvailable, replaySequence, runScenario, type RealServer, startRealServer,
  type Wire, WireReader, withDirtyChecks, type CommandStep,
} from '@fakeredis/tooling/conformance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreMixins, defineMixin, FakeServer, NO_REPLY, overrideCommands } from '../src/index.js';

// The conformance runner itself: how it reads replies, compares them and reports steps
// that cannot be compared.

const read = (...chunks: string[]): Wire[] => {
  const reader = new WireReader();
  return chunks.flatMap((chunk) => reader.feed(Buffer.from(chunk, 'latin1')));
};

describe('WireReader', () => {
  it('keeps a RESP3 attribute with the reply it annotates', () => {
    expect(read('|1\r\n+key-popularity\r\n%1\r\n$1\r\na\r\n,0.19\r\n*1\r\n:2\r\n')).toEqual([
      {
        t: 'attr',
        v: [[{ t: 'simple', v: 'key-popularity' }, { t: 'map', v: [[{ t: 'bulk', v: 'a' }, { t: 'double', v: '0.19' }]] }]],
        reply: { t: 'array', v: [{ t: 'int', v: '2' }] },
      },
    ]);
  });

  it('tells a blob error from a simple error', () => {
    expect(read('!8\r\nERR x\r\ny\r\n-ERR x\r\n')).toEqual([{ t: 'bloberror', v: 'ERR x\r\ny' }, { t: 'error', v: 'ERR x' }]);
  });

  it('reports bytes that are not RESP as one invalid reply instead of throwing, and reads no further', () => {
    const replies = read('+OK\r\n', '?what\r\n+later\r\n', '+more\r\n');
    expect(replies).toHaveLength(2);
    expect(replies[0]).toEqual({ t: 'simple', v: 'OK' });
    expect(replies[1]?.t).toBe('invalid');
    expect(read('$x\r\n')[0]?.t).toBe('invalid');
    expect(read('$1\r\nab\r\n')[0]?.t).toBe('invalid');
  });

  it('waits for the rest of a split reply', () => {
    expect(read('*2\r\n$1\r', '\na\r\n:', '1\r\n')).toEqual([{ t: 'array', v: [{ t: 'bulk', v: 'a' }, { t: 'int', v: '1' }] }]);
  });
});

describe('compare with except', () => {
  const bulk = (v: string): Wire => ({ t: 'bulk', v });
  const except = { except: ['id', 'addr'] };

  it('ignores the named fields of a map, and of a RESP2 flattened map, but nothing else', () => {
    const map = (id: string, proto: string): Wire => ({ t: 'map', v: [[bulk('id'), { t: 'int', v: id }], [bulk('proto'), { t: 'int', v: proto }]] });
    expect(compare(map('1', '3'), map('7', '3'), except)).toBeUndefined();
    expect(compare(map('1', '3'), map('7', '2'), except)).toBeDefined();
    const flat = (id: string, proto: string): Wire => ({ t: 'array', v: [bulk('id'), { t: 'int', v: id }, bulk('proto'), { t: 'int', v: proto }] });
    expect(compare(flat('1', '2'), flat('9', '2'), except)).toBeUndefined();
    expect(compare(flat('1', '2'), flat('9', '3'), except)).toBeDefined();
    expect(compare(map('1', '3'), map('7', '3'), 'exact')).toBeDefined();
  });

  it('ignores the named name=value fields of CLIENT INFO text; names and order still count', () => {
    const info = (id: number, addr: string, cmd: string) => `id=${id} addr=${addr} name= cmd=${cmd}\n`;
    expect(compare(bulk(info(1, 'a:1', 'get')), bulk(info(5, 'b:2', 'get')), except)).toBeUndefined();
    expect(compare(bulk(info(1, 'a:1', 'get')), bulk(info(5, 'b:2', 'exec')), except)).toBeDefined();
    expect(compare({ t: 'verbatim', v: `txt:${info(1, 'a', 'x')}` }, { t: 'verbatim', v: `txt:${info(2, 'b', 'x')}` }, except)).toBeUndefined();
    expect(compare(bulk('id=1 name=x'), bulk('name=x id=1'), except)).toBeDefined();
    expect(compare(bulk('id=1 name=x'), bulk('id=1 name=x extra=1'), except)).toBeDefined();
    expect(compare({ t: 'array', v: [bulk(info(1, 'a', 'x'))] }, { t: 'array', v: [bulk(info(2, 'b', 'x'))] }, except)).toBeUndefined();
  });
});

describe('connectFake', () => {
  it('gives every connection its own peer address', () => {
    const server = new FakeServer({ mixins: [...coreMixins] });
    const first = connectFake(server);
    const second = connectFake(server);
    const addresses = [...server.clients.values()].map((client) => client.transport?.remoteAddress);
    expect(addresses).toHaveLength(2);
    expect(new Set(addresses).size).toBe(2);
    first.close();
    second.close();
    server.close();
  });
});

/** A fake whose ECHO never answers, as a hung command would. */
const Silent = defineMixin({ name: 'Silent', commands: { ECHO: () => NO_REPLY } });
const silentServer = () => new FakeServer({ mixins: overrideCommands(coreMixins, Silent), config: { 'enable-debug-command': 'yes' } });

describe.skipIf(!redisServerAvailable())('steps that cannot be compared (against redis-server)', () => {
  let real: RealServer;
  beforeAll(async () => {
    real = await startRealServer();
  });
  afterAll(async () => {
    await real?.stop();
  });

  it('a reply that never comes is a mismatch and stops the scenario', async () => {
    const fake = silentServer();
    const scenario = { name: 'hang', steps: [['PING'], ['ECHO', 'x'], ['PING', 'after']] };
    const mismatches = await runScenario(scenario, 2, real.port, fake, 300);
    fake.close();
    expect(mismatches).toHaveLength(1);
    expect(mismatches[0]).toMatch(/^step 1 "ECHO" "x": timed out, scenario stopped/);
    expect(mismatches[0]).toContain('fake:  no reply within 300 ms');
  });

  it('awaiting a connection with nothing pending is a mismatch, even on both sides', async () => {
    const fake = silentServer();
    const mismatches = await runScenario({ name: 'nothing', steps: [['PING'], { await: 'b' }] }, 2, real.port, fake, 300);
    fake.close();
    expect(mismatches).toEqual(['step 1 (await b): nothing pending (redis: none, fake: none)']);
  });

  it('fuzzing fails with the whole sequence when a reply never comes', async () => {
    const fake = silentServer();
    const r = await connectReal(real.port);
    const f = connectFake(fake);
    try {
      await expect(replaySequence(r.conn, f.conn, [['PING'], ['ECHO', 'x'], ['PING']], undefined, 300)).rejects.toThrow(
        'no reply from fake within 300 ms to command 2 of:\n  1. "PING"\n  2. "ECHO" "x"\n  3. "PING"',
      );
    } finally {
      r.close();
      f.close();
      fake.close();
    }
  });
});

describe('withDirtyChecks', () => {
  const info = (n: number): Wire => ({ t: 'bulk', v: `# Persistence\r\nrdb_changes_since_last_save:${n}\r\n` });
  it('checks after each step but inside MULTI, comparing how far each side moved', () => {
    const steps = withDirtyChecks([['SET', 'a', '1'], ['MULTI'], ['SET', 'b', '1'], ['EXEC']]);
    const names = steps.map((s) => String((Array.isArray(s) ? s : (s as CommandStep).cmd)[0]));
    expect(names).toEqual(['INFO', 'SET', 'INFO', 'MULTI', 'SET', 'EXEC', 'INFO']);
    const mode = (i: number) => (steps[i] as CommandStep).compare ?? 'exact';
    // Starting values differ (a shared real server): only the moves are compared.
    expect(compare(info(100), info(7), mode(0))).toBeUndefined();
    expect(compare(info(103), info(10), mode(2))).toBeUndefined();
    expect(compare(info(104), info(12), mode(6))).toContain('moved by 1');
    expect(() => compare({ t: 'bulk', v: '' }, info(1), mode(6))).toThrow(/without rdb_changes_since_last_save/);
  });
});
