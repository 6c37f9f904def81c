import { addHook, FakeServer, formatDouble, serverProfile } from '@fakeredis/core';
import { describe, expect, test } from 'vitest';
import { mixins } from '../conformance/server.js';
import { preloadLuaEngine } from '../../src/index.js';

// What the conformance scenarios cannot compare with redis-server: the lines redis.log
// writes (Redis's log file; here the server's `log` hook) and the Lua environment of the
// other server profiles (their REDIS_VERSION, Valkey's `server` alias).

function withLog(config: Record<string, string> = {}): { server: FakeServer; lines: string[] } {
  const server = new FakeServer({ mixins, config });
  const lines: string[] = [];
  addHook(server, 'log', (level, message) => lines.push(`${level} ${message}`));
  return { server, lines };
}

describe('redis.log', () => {
  test('writes to the server log at its level, the arguments joined as luaLogCommand joins them', () => {
    const { server, lines } = withLog({ loglevel: 'debug' });
    server.call('EVAL', 'redis.log(redis.LOG_DEBUG, "d") redis.log(redis.LOG_VERBOSE, "v") redis.log(redis.LOG_NOTICE, "n") redis.log(redis.LOG_WARNING, "w") return 1', '0');
    server.call('EVAL', 'redis.log(3, "a", 1, 2.5, {}, true, "b") redis.log("2", "numeric string level") redis.log(3.9, "three") redis.log(3, "x\\0y") return 1', '0');
    expect(lines).toEqual(['debug d', 'verbose v', 'notice n', 'warning w', 'warning a 1 2.5 b', 'notice numeric string level', 'warning three', 'warning x']);
  });

  test('honours loglevel (notice by default), also when changed with CONFIG SET', () => {
    const { server, lines } = withLog();
    const script = 'for l = 0, 3 do redis.log(l, "level " .. l) end return 1';
    server.call('EVAL', script, '0');
    expect(lines).toEqual(['notice level 2', 'warning level 3']);
    server.call('CONFIG', 'SET', 'loglevel', 'warning');
    server.call('EVAL', script, '0');
    expect(lines.slice(2)).toEqual(['warning level 3']);
  });

  test('from a library: its body logs once, at FUNCTION LOAD (and RESTORE); its functions at each call', () => {
    const { server, lines } = withLog();
    server.call('FUNCTION', 'LOAD', '#!lua name=lg\nlocal log = redis.log\nredis.log(redis.LOG_WARNING, "loading")\nredis.register_function("f", function() redis.log(redis.LOG_WARNING, "called") log(redis.LOG_WARNING, "kept") return 1 end)');
    expect(lines).toEqual(['warning loading']);
    server.call('FCALL', 'f', '0');
    server.call('FCALL', 'f', '0');
    expect(lines).toEqual(['warning loading', 'warning called', 'warning kept', 'warning called', 'warning kept']);
    const dump = server.call('FUNCTION', 'DUMP') as string;
    expect(server.call('FUNCTION', 'RESTORE', Buffer.from(dump, 'latin1'), 'REPLACE')).toEqual(expect.objectContaining({ value: 'OK' }));
    expect(lines.slice(5)).toEqual(['warning loading']);
  });

  test('through a script on a worker (a script naming pcall)', () => {
    const { server, lines } = withLog();
    server.call('EVAL', 'local ok = pcall(function() end) redis.log(redis.LOG_WARNING, "worker") return 1', '0');
    expect(lines).toEqual(['warning worker']);
  });
});

describe('the Lua environment of each profile', () => {
  const run = (profile: ReturnType<typeof serverProfile>, ...argv: string[]): unknown => new FakeServer({ mixins, profile }).call(...argv);

  test('Redis: REDIS_VERSION and REDIS_VERSION_NUM are the profile\'s; no `server`', () => {
    const script = 'return {redis.REDIS_VERSION, redis.REDIS_VERSION_NUM}';
    expect(run(serverProfile('redis', '7.0'), 'EVAL', script, '0')).toEqual(['7.0.15', 0x07000f]);
    expect(run(serverProfile('redis', '7.2'), 'EVAL', script, '0')).toEqual(['7.2.4', 0x070204]);
    expect(run(serverProfile('redis', '8.0'), 'EVAL', script, '0')).toEqual(['8.0.6', 0x080006]);
    expect((run(serverProfile('redis', '7.2'), 'EVAL', 'return server.call("PING")', '0') as Error).message).toMatch(/nonexistent global variable 'server'/);
  });

  test('numbers passed to redis.call: "%.17g" in 7.0, fpconv_dtoa\'s shortest text from 7.2 (and Valkey); set_repl\'s 7.2 text and log\'s 7.4 text', () => {
    const script = 'return {redis.call("ECHO", 0.1), redis.call("ECHO", 1/3), redis.call("ECHO", 100), redis.call("ECHO", tonumber(ARGV[1])), redis.call("ECHO", 1e300), redis.call("ECHO", 2^53 + 1), redis.call("ECHO", 123456789012345678), redis.call("ECHO", 1/0), redis.call("ECHO", 1e-7), redis.pcall("ECHO", 7230000000000123)}';
    const values = [0.1, 1 / 3, 100, -0, 1e300, 2 ** 53 + 1, 123456789012345678, Infinity, 1e-7, 7230000000000123];
    expect(run(serverProfile('redis', '7.0'), 'EVAL', script, '0', '-0')).toEqual(['0.10000000000000001', '0.33333333333333331', '100', '-0', '1.0000000000000001e+300', '9007199254740992', '1.2345678901234568e+17', 'inf', '9.9999999999999995e-08', '7230000000000123']);
    const shortest = values.map((v) => formatDouble(v, 'shortest'));
    expect(shortest.slice(0, 3)).toEqual(['0.1', '0.3333333333333333', '100']);
    // Valkey 8.0 writes an integral value as an integer first (double2ll): -0 is "0" (checked against valkey-server 8.0.1).
    const valkeyShortest = shortest.map((text, i) => (i === 3 ? '0' : text));
    for (const [profile, expected] of [[serverProfile('redis', '7.2'), shortest], [serverProfile('valkey', '8.0'), valkeyShortest]] as const) {
      expect(run(profile, 'EVAL', script, '0', '-0')).toEqual(expected);
      const server = new FakeServer({ mixins, profile });
      server.call('FUNCTION', 'LOAD', '#!lua name=n\nredis.register_function("f", function() local rcall = redis.call return rcall("ECHO", 0.1) end)');
      expect(server.call('FCALL', 'f', '0')).toBe('0.1');
    }
    expect((run(serverProfile('redis', '7.0'), 'EVAL', 'redis.set_repl()', '0') as Error).message).toMatch(/^ERR redis.set_repl\(\) requires two arguments\. script/);
    expect((run(serverProfile('redis', '7.2'), 'EVAL', 'redis.set_repl()', '0') as Error).message).toMatch(/^ERR redis.set_repl\(\) requires one argument\. script/);
    expect((run(serverProfile('redis', '7.2'), 'EVAL', 'redis.log(9, "x")', '0') as Error).message).toMatch(/^ERR Invalid debug level\. script/);
    expect((run(serverProfile('redis', '7.4'), 'EVAL', 'redis.log(9, "x")', '0') as Error).message).toMatch(/^ERR Invalid log level\. script/);
    expect((run(serverProfile('valkey', '8.0'), 'EVAL', 'redis.log(9, "x")', '0') as Error).message).toMatch(/^ERR Invalid log level\. script/);
  });

  test('os: absent before Redis 7.4; Redis 7.4+ and Valkey have a read-only os with clock alone, in scripts and functions', () => {
    expect((run(serverProfile('redis', '7.2'), 'EVAL', 'return type(os)', '0') as Error).message).toMatch(/nonexistent global variable 'os'/);
    for (const profile of [serverProfile('redis', '7.4'), serverProfile('redis', '8.0'), serverProfile('valkey', '8.0')]) {
      const server = new FakeServer({ mixins, profile });
      const [kind, clock, date, positive] = server.call('EVAL', 'local c = os.clock() return {type(os), type(c), type(os.date), tostring(c > 0 and c < 1e9)}', '0') as string[];
      expect([kind, clock, date, positive]).toEqual(['table', 'number', 'nil', 'true']);
      expect(server.call('EVAL', 'local c = os.clock() return tostring(c ~= math.floor(c))', '0')).toBe('true');
      expect((server.call('EVAL', 'os.x = 1', '0') as Error).message).toMatch(/Attempt to modify a readonly table/);
      server.call('FUNCTION', 'LOAD', '#!lua name=o\nredis.register_function("f", function() return type(os.clock()) end)');
      expect(server.call('FCALL', 'f', '0')).toBe('number');
    }
  });

  test('Valkey: REDIS_VERSION stays 7.2.4, VALKEY_VERSION(_NUM) and SERVER_NAME, `server` is `redis`', () => {
    const valkey = serverProfile('valkey', '8.0');
    expect(run(valkey, 'EVAL', 'return {redis.REDIS_VERSION, redis.REDIS_VERSION_NUM, server.VALKEY_VERSION, server.VALKEY_VERSION_NUM, redis.SERVER_NAME}', '0'))
      .toEqual(['7.2.4', 0x070204, '8.0.1', 0x080001, 'valkey']);
    const server = new FakeServer({ mixins, profile: valkey });
    expect(server.call('EVAL', 'server.call("SET", KEYS[1], 7230000000000123) return server.call("GET", KEYS[1])', '1', 'k')).toBe('7230000000000123');
    expect(server.call('EVAL', 'return rawequal(server, redis)', '0')).toBe(1);
    server.call('FUNCTION', 'LOAD', '#!lua name=v\nserver.register_function("f", function(keys) return {server.call("GET", keys[1]), server.VALKEY_VERSION, redis.SERVER_NAME} end)');
    expect(server.call('FCALL', 'f', '1', 'k')).toEqual(['7230000000000123', '8.0.1', 'valkey']);
  });
});

describe('setfenv and getfenv (Redis 7.2 / 7.4, Valkey 8.0 / 8.1)', () => {
  const onWorker = 'local _ = pcall\n'; // a script naming pcall runs on a worker
  const profiled = (type: 'redis' | 'valkey', version: string): FakeServer => new FakeServer({ mixins, profile: serverProfile(type, version) });

  test('present where the profile has them, on the inline engine and on workers', async () => {
    await preloadLuaEngine();
    for (const [type, version, present] of [['redis', '7.0', false], ['redis', '7.2', true], ['redis', '7.4', true], ['redis', '8.0', false], ['valkey', '8.0', true], ['valkey', '8.1', true], ['valkey', '9.1', false]] as const) {
      const server = profiled(type, version);
      for (const prefix of ['', onWorker]) {
        const reply = server.call('EVAL', `${prefix}return {type(setfenv), type(getfenv)}`, '0');
        if (present) expect(reply).toEqual(['function', 'function']);
        else expect(String((reply as Error).message)).toContain("nonexistent global variable 'setfenv'");
      }
      server.close();
    }
  });

  test("setfenv(0, t) and a script's own environment do not reach other runs or servers sharing the engine", async () => {
    await preloadLuaEngine();
    const a = profiled('redis', '7.2');
    const b = profiled('valkey', '8.0');
    for (const prefix of ['', onWorker]) {
      expect(a.call('EVAL', `${prefix}setfenv(0, {}) return tostring(getfenv(0) == _G)`, '0')).toBe('false');
      expect(a.call('EVAL', `${prefix}setfenv(1, {}) return 1`, '0')).toBe(1);
      for (const server of [a, b]) {
        expect(server.call('EVAL', `${prefix}return {tostring(getfenv(0) == _G), type(setfenv), redis.call("ECHO", "e")}`, '0')).toEqual(['true', 'function', 'e']);
        expect(String((server.call('EVAL', `${prefix}return x`, '0') as Error).message)).toContain("nonexistent global variable 'x'");
      }
    }
    a.close();
    b.close();
  });

  test("the engine's own gates cannot be given another environment, and answer nothing without the secret", async () => {
    await preloadLuaEngine();
    const server = profiled('redis', '7.4');
    server.call('FUNCTION', 'LOAD', '#!lua name=st\nlocal n = 0\nredis.register_function("inc", function() n = n + 1 return n end)');
    expect(server.call('FCALL', 'inc', '0')).toBe(1);
    for (const prefix of ['', onWorker]) {
      for (const gate of ['__fr_libraries', '__fr_fenv']) {
        const reply = server.call('EVAL', `${prefix}return setfenv(getmetatable(_G).${gate}, {})`, '0');
        expect(String((reply as Error).message)).toContain("'setfenv' cannot change environment of given object");
      }
      expect(server.call('EVAL', `${prefix}return {type(getmetatable(_G).__fr_fenv("x")), type(getmetatable(_G).__fr_fenv("x", "raw"))}`, '0')).toEqual(['nil', 'nil']);
    }
    expect(server.call('FCALL', 'inc', '0')).toBe(2);
    expect(server.call('EVAL', 'return redis.call("ECHO", "e")', '0')).toBe('e');
    server.close();
  });
});

describe('setfenv and getfenv: what the chunk leaves in reach', () => {
  test("a script naming the chunk's locals cannot get Lua's own setfenv, nor move another function's environment", async () => {
    await preloadLuaEngine();
    const a = new FakeServer({ mixins, profile: serverProfile('redis', '7.2') });
    const b = new FakeServer({ mixins, profile: serverProfile('redis', '7.2') });
    for (const prefix of ['', 'local _ = pcall\n']) {
      expect(String((a.call('EVAL', `${prefix}local _ = setfenv\nreturn type(__fr_sf)`, '0') as Error).message)).toContain("nonexistent global variable '__fr_sf'");
      const f = 'local t = {}\nlocal f = function() __fr_own() return x end\nsetfenv(f, t)\nt.x = 1\nreturn f()';
      expect(a.call('EVAL', `${prefix}${f}`, '0')).toBe(1);
      expect(b.call('EVAL', `${prefix}return {tostring(getfenv(0) == _G), redis.call("ECHO", "e")}`, '0')).toEqual(['true', 'e']);
    }
    a.close();
    b.close();
  });
});
