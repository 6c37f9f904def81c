import { type Bytes, defineMixin, FakeServer, type Mixin, OK, overrideCommands } from '@fakeredis/core';
import { allMixins } from '@fakeredis/server';
import {
  connectReal, type RealServer, redisServerAvailable, runScenario, runScenarioDetailed, SHARED_START_CONFIG, startRealServer, type Wire,
} from '@fakeredis/tooling/conformance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The conformance runner's event capture: it sees what each server sent, in order, and
// reports any difference as a mismatch.

/** SET that forgets its "set" notification. */
const SilentSet = defineMixin({
  name: 'SilentSet',
  commands: {
    SET: (client, argv) => {
      client.db.set(argv[1] as Bytes, argv[2] as Bytes);
      return OK;
    },
  },
});
/** SET that notifies under the wrong name. */
const MisnamedSet = defineMixin({
  name: 'MisnamedSet',
  commands: {
    SET: (client, argv) => {
      client.db.set(argv[1] as Bytes, argv[2] as Bytes);
      client.server.notifyKeyspaceEvent('$', 'sett', argv[1] as Bytes, client.db.index);
      return OK;
    },
  },
});
/** The usual mixins plus `extra`, whose commands replace theirs (a command is registered once). */
function fakeWith(...extra: Mixin[]): FakeServer {
  return new FakeServer({ mixins: overrideCommands(allMixins, ...extra), config: { ...SHARED_START_CONFIG } });
}

describe.runIf(redisServerAvailable() || process.env.CI)('event capture (against redis-server)', () => {
  let real: RealServer;
  beforeAll(async () => {
    real = await startRealServer();
  });
  afterAll(async () => {
    await real?.stop();
  });

  it('agrees when both servers notify alike, and returns what each received', async () => {
    const fake = fakeWith();
    const result = await runScenarioDetailed({ name: 'ok', events: true, steps: [['SET', 'k', 'v'], ['DEL', 'k']] }, 3, real.port, fake);
    fake.close();
    expect(result.mismatches).toEqual([]);
    const expected = [
      { channel: '__keyspace@0__:k', message: 'set' }, { channel: '__keyevent@0__:set', message: 'k' },
      { channel: '__keyspace@0__:k', message: 'del' }, { channel: '__keyevent@0__:del', message: 'k' },
    ];
    expect(result.events?.redis.messages).toEqual(expected);
    expect(result.events?.fake.messages).toEqual(expected);
  });

  it('reports a missing notification', async () => {
    const fake = fakeWith(SilentSet);
    const mismatches = await runScenario({ name: 'silent', events: true, steps: [['SET', 'k', 'v']] }, 2, real.port, fake);
    fake.close();
    expect(mismatches).toHaveLength(1);
    expect(mismatches[0]).toMatch(/^events: /);
    expect(mismatches[0]).toContain('"__keyevent@0__:set" "k"');
  });

  it('reports a misnamed notification', async () => {
    const fake = fakeWith(MisnamedSet);
    const mismatches = await runScenario({ name: 'misnamed', events: 'KE$', steps: [['SET', 'k', 'v']] }, 2, real.port, fake);
    fake.close();
    expect(mismatches.join('\n')).toContain('"__keyevent@0__:sett" "k"');
  });

  it('captures nothing without the option, and restores the real server afterwards', async () => {
    const fake = fakeWith(SilentSet);
    expect(await runScenario({ name: 'no capture', steps: [['SET', 'k', 'v']] }, 2, real.port, fake)).toEqual([]);
    fake.close();
    const { conn, close } = await connectReal(real.port);
    const config = await conn.send(['CONFIG', 'GET', 'notify-keyspace-events']);
    close();
    expect(config).toEqual({ t: 'array', v: [{ t: 'bulk', v: 'notify-keyspace-events' }, { t: 'bulk', v: '' }] });
  });

  it('waits for notifications sent after the last reply (active expiry)', async () => {
    const fake = fakeWith();
    const result = await runScenarioDetailed({ name: 'late', events: 'Ex', steps: [['SET', 'k', 'v', 'PX', '50'], { sleep: 300 }] }, 2, real.port, fake);
    fake.close();
    expect(result.mismatches).toEqual([]);
    expect(result.events?.redis.messages).toEqual([{ channel: '__keyevent@0__:expired', message: 'k' }]);
  });

  it('turns the real server\'s active expiry back on after a scenario turned it off', async () => {
    const fake = fakeWith();
    await runScenario({ name: 'off', steps: [['DEBUG', 'SET-ACTIVE-EXPIRE', '0']] }, 2, real.port, fake);
    fake.close();
    const { conn, close } = await connectReal(real.port);
    await conn.send(['SET', 'gone', 'v', 'PX', '20']);
    // The background cycle (hz 10) deletes it; DBSIZE looks at no key, so only that cycle
    // can bring it to 0. Polled: a loaded machine runs the cycle late.
    const empty = (w: Wire) => w.t === 'int' && w.v === '0';
    let size = await conn.send(['DBSIZE']);
    for (let i = 0; i < 500 && !empty(size); i++) {
      await new Promise((r) => setTimeout(r, 10));
      size = await conn.send(['DBSIZE']);
    }
    close();
    expect(size).toEqual({ t: 'int', v: '0' });
  });
});
