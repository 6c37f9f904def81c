import { compose, createFakeIoredisClass } from '@fakeredis/composer';
import { coreMixins, FakeServer } from '@fakeredis/core';
import { StringCommands } from '@fakeredis/strings';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inlineEngineReady, inlineLibraries, loadInlineEngine } from '../../src/engine/inline.js';
import { functionsState, type Library } from '../../src/functions/state.js';
import { ScriptingCommands } from '../../src/index.js';
import { mixins } from '../conformance/server.js';

// The inline engine (engine/inline.ts): scripts run on the main thread within a budget,
// and move to a worker, replaying the calls already made, when they outgrow it.

const Server = compose({ serverType: 'redis', version: '7.0', mixins: [...coreMixins, StringCommands, ScriptingCommands] });
const FakeRedis = createFakeIoredisClass(Server);
const servers: FakeServer[] = [];
const clients: Array<{ disconnect(): void }> = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.disconnect();
  for (const s of servers.splice(0)) s.close();
});
const newServer = (threshold?: number): FakeServer => {
  const server = new Server(threshold === undefined ? {} : { config: { 'busy-reply-threshold': threshold } });
  servers.push(server);
  return server;
};

/** A loop longer than the inline budget (2 M Lua instructions). */
const LONG_LOOP = 'local n = 0 for i = 1, 3000000 do n = n + 1 end';

describe('the inline engine', () => {
  beforeAll(async () => {
    expect(await loadInlineEngine()).toBe(true);
  });

  it('is loaded after the first script, which ran on a worker', () => {
    expect(inlineEngineReady()).toBe(true);
    expect(newServer().call('EVAL', 'return redis.call("PING")', '0')).toEqual(expect.objectContaining({ value: 'PONG' }));
  });

  it('a script past the budget that made no call runs again on a worker', () => {
    const server = newServer();
    expect(server.call('EVAL', `${LONG_LOOP} return n`, '0')).toBe(3000000);
  });

  it('a script past the budget after calls: they are replayed, not run again', () => {
    const server = newServer();
    const script = `local a = redis.call("INCR", KEYS[1]) local r = math.random(1000) ${LONG_LOOP} local b = redis.call("INCR", KEYS[1]) return {a, b, n, r}`;
    const reply = server.call('EVAL', script, '1', 'counter') as number[];
    expect(reply.slice(0, 3)).toEqual([1, 2, 3000000]);
    expect(server.call('GET', 'counter')).toBe('2');
    // math.random drew once: the replay got the recorded number, the generator moved once.
    expect(reply[3]).toBe(newServer().call('EVAL', 'return math.random(1000)', '0'));
  });

  it('errors keep their line and the script protocol restarts at RESP2 on the worker', () => {
    const server = newServer();
    server.call('SET', 's', 'x');
    const failing = server.call('EVAL', `redis.setresp(3) redis.call("SET", "a", "1")\n${LONG_LOOP}\nreturn redis.call("INCR", "s")`, '0') as { message: string };
    expect(failing.message).toMatch(/^ERR value is not an integer or out of range script: \w+, on @user_script:3\.$/);
    expect(server.call('EVAL', `local m = redis.call("SET", "a", "2") ${LONG_LOOP} return {m, redis.call("GET", "a")}`, '0')).toEqual([expect.objectContaining({ value: 'OK' }), '2']);
  });

  it('a script that can catch the budget\'s error never runs inline', () => {
    const server = newServer();
    expect(server.call('EVAL', `local ok = pcall(function() ${LONG_LOOP} end) return tostring(ok)`, '0')).toBe('true');
  });

  it('past busy-reply-threshold a moved script is busy for others, then killed', async () => {
    const server = newServer(100);
    const a = new FakeRedis({ server, maxRetriesPerRequest: 0 });
    const b = new FakeRedis({ server, maxRetriesPerRequest: 0 });
    clients.push(a, b);
    await b.set('k', 'v');
    const running = a.eval('local v = redis.call("GET", KEYS[1]) while true do end', 1, 'k').catch((e: Error) => e.message);
    expect(await b.get('k').catch((e: Error) => e.message)).toMatch(/^BUSY /);
    expect(await b.call('SCRIPT', 'KILL')).toBe('OK');
    expect(await running).toMatch(/^ERR Script killed by user with SCRIPT KILL/);
    expect(await a.eval('return redis.call("GET", KEYS[1])', 1, 'k')).toBe('v');
  });
});

describe('functions on the inline engine', () => {
  beforeAll(async () => {
    expect(await loadInlineEngine()).toBe(true);
  });
  const library = `#!lua name=inl
redis.register_function('long', function(keys) local a = redis.call('INCR', keys[1]) ${LONG_LOOP} local b = redis.call('INCR', keys[1]) return {a, b, n} end)
redis.register_function('catch', function() local ok = pcall(function() ${LONG_LOOP} end) return tostring(ok) end)
redis.register_function('err', function(keys)
  return redis.call('INCR', keys[1])
end)`;

  it('a function past the budget moves to a worker, its calls replayed; errors keep their line', () => {
    const server = new FakeServer({ mixins });
    servers.push(server);
    server.call('FUNCTION', 'LOAD', library);
    expect(server.call('FCALL', 'long', '1', 'counter')).toEqual([1, 2, 3000000]);
    expect(server.call('GET', 'counter')).toBe('2');
    server.call('SET', 's', 'x');
    expect((server.call('FCALL', 'err', '1', 's') as Error).message).toBe('ERR value is not an integer or out of range script: err, on @user_function:5.');
  });

  it('a library that can catch the budget\'s error runs on a worker', () => {
    const server = new FakeServer({ mixins });
    servers.push(server);
    server.call('FUNCTION', 'LOAD', library);
    expect(server.call('FCALL', 'catch', '0')).toBe('true');
  });
});

describe('the worker channel', () => {
  it('carries messages larger than its shared area (over the port), both ways', () => {
    const server = newServer();
    const big = 'x'.repeat(3 << 20);
    for (const prefix of ['', 'local _ = pcall ']) {
      expect(server.call('EVAL', `${prefix}redis.call("SET", KEYS[1], ARGV[1]) return #redis.call("GET", KEYS[1])`, '1', 'big', big)).toBe(big.length);
      expect((server.call('EVAL', `${prefix}return {string.rep("y", 2 * 1024 * 1024), ARGV[1]}`, '0', 'z') as string[])[0]?.length).toBe(2 << 20);
      expect(server.call('EVAL', `${prefix}return redis.call("STRLEN", "big")`, '0')).toBe(big.length);
    }
  });
});

describe('functions on the inline engine', () => {
  beforeAll(async () => {
    expect(await loadInlineEngine()).toBe(true);
  });

  const functionServer = (): FakeServer => {
    const server = new FakeServer({ mixins });
    servers.push(server);
    return server;
  };
  const libraryOf = (server: FakeServer, name: string): Library => functionsState(server).current.libraries.get(name) as Library;

  it('a library that keeps no state is installed inline too; one that does only on its worker', () => {
    const server = functionServer();
    server.call('FUNCTION', 'LOAD', '#!lua name=pure\nlocal P = "p:"\nredis.register_function("get", function(keys) return redis.call("GET", P .. keys[1]) end)');
    server.call('FUNCTION', 'LOAD', '#!lua name=counter\nlocal n = 0\nredis.register_function("inc", function() n = n + 1 return n end)');
    server.call('SET', 'p:k', 'v');
    expect([server.call('FCALL', 'get', '1', 'k'), server.call('FCALL', 'inc', '0'), server.call('FCALL', 'inc', '0')]).toEqual(['v', 1, 2]);
    const pure = libraryOf(server, 'pure');
    const counter = libraryOf(server, 'counter');
    expect([pure.keepsState, counter.keepsState]).toEqual([false, true]);
    expect(inlineLibraries(pure.payload)?.installed.has(pure.id)).toBe(true);
    expect(inlineLibraries(counter.payload)?.installed.has(counter.id)).toBe(false);
    expect(functionsState(server).installed.has(pure.id) && functionsState(server).installed.has(counter.id)).toBe(true);
  });

  it('a function past the budget after calls moves to its worker, the calls replayed (both kinds of library)', () => {
    const server = functionServer();
    const body = `local a = redis.call("INCR", keys[1]) ${LONG_LOOP} local b = redis.call("INCR", keys[1])`;
    server.call('FUNCTION', 'LOAD', `#!lua name=pure\nredis.register_function("long", function(keys) ${body} return {a, b, n} end)`);
    server.call('FUNCTION', 'LOAD', `#!lua name=counter\nlocal calls = 0\nredis.register_function("long2", function(keys) calls = calls + 1 ${body} return {a, b, n, calls} end)`);
    expect(server.call('FCALL', 'long', '1', 'c1')).toEqual([1, 2, 3000000]);
    expect(server.call('GET', 'c1')).toBe('2');
    expect(server.call('FCALL', 'long2', '1', 'c2')).toEqual([1, 2, 3000000, 1]);
    expect(server.call('FCALL', 'long2', '1', 'c2')).toEqual([3, 4, 3000000, 2]);
  });

  it('libraries that went are dropped from the stores with the next call', () => {
    const server = functionServer();
    server.call('FUNCTION', 'LOAD', '#!lua name=pure\nredis.register_function("one", function() return 1 end)');
    expect(server.call('FCALL', 'one', '0')).toBe(1);
    const first = libraryOf(server, 'pure');
    server.call('FUNCTION', 'LOAD', 'REPLACE', '#!lua name=pure\nredis.register_function("one", function() return 2 end)');
    expect(server.call('FCALL', 'one', '0')).toBe(2);
    expect(inlineLibraries(first.payload)?.installed.has(first.id)).toBe(false);
    expect(functionsState(server).installed.has(first.id)).toBe(false);
    expect([...functionsState(server).installed.keys()]).toEqual([libraryOf(server, 'pure').id]);
  });
});
