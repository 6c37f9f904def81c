import { randomBytes } from 'node:crypto';
import { compose, createFakeIoredisClass, type FakeIoredis } from '@fakeredis/composer';
import { coreMixins, type FakeServer, MapReply, VerbatimReply } from '@fakeredis/core';
import { StringCommands } from '@fakeredis/strings';
import { afterEach, describe, expect, it } from 'vitest';
import { globalReferences, libraryKeepsState } from '../../src/functions/lua-scope.js';
import { splitArgs } from '../../src/functions/metadata.js';
import { crc64, lzfCompress, lzfDecompress, RdbReader, RdbWriter, verifyPayload, withFooter } from '../../src/functions/rdb.js';
import { sandboxCode } from '../../src/functions/sandbox.js';
import { functionsState } from '../../src/functions/state.js';
import { FunctionCommands, ScriptingCommands } from '../../src/index.js';

const Server = compose({ serverType: 'redis', version: '7.0', mixins: [...coreMixins, StringCommands, ScriptingCommands, FunctionCommands] });
const FakeRedis = createFakeIoredisClass(Server);
type FakeRedis = FakeIoredis<FakeServer>;

const servers: FakeServer[] = [];
const clients: FakeRedis[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.disconnect();
  for (const s of servers.splice(0)) s.close();
});
const newServer = (config: Record<string, string | number> = {}): FakeServer => {
  const server = new Server({ config });
  servers.push(server);
  return server;
};

/** The names `globalReferences` reports, in order. */
const globalsOf = (code: string): string[] =>
  globalReferences(code).map(({ at, write }) => `${/^[A-Za-z_][A-Za-z0-9_]*/.exec(code.slice(at))?.[0] ?? '?'}${write ? '=' : ''}`);

describe('lua-scope: the global references of a chunk', () => {
  it.each([
    ['x = 1', ['x=']],
    ['local x = 1 x = 2', []],
    ['local x = x', ['x']],
    ['local function f() return f end', []],
    ['local f = function() return f end', ['f']],
    ['function f() end', ['f=']],
    ['function a.b.c:d() return self, a end', ['a', 'a']],
    ['for i = i, 10 do print(i) end', ['i', 'print']],
    ['for k, v in pairs(t) do k = v end', ['pairs', 't']],
    ['a, b.c, d[1], e = f, g', ['a=', 'b', 'd', 'e=', 'f', 'g']],
    ['x = x + 1', ['x=', 'x']],
    ['(x) = 1', ['x']],
    ['x.y = 1 x:z()', ['x', 'x']],
    ['repeat local y = 1 until y', []],
    ['repeat local y = 1 until z', ['z']],
    ['local t = {x = 1, [y] = z, w, a.b, c:d()}', ['y', 'z', 'w', 'a', 'c']],
    ['local t = {x == 1}', ['x']],
    ['return a.b["c"]:d"e"{f}', ['a', 'f']],
    ['local function f(...) return arg, ... end', []],
    ['local function f(a, b) return a + b + c end', ['c']],
    ['if a then local b = 1 elseif b then c() else d = b end', ['a', 'b', 'c', 'd=', 'b']],
    ['while not done do done = true end', ['done', 'done=']],
    ['do local s = "x" end return s', ['s']],
    ['local s = [[ x = y ]] -- z = w\nreturn #s', []],
    ['local s = [==[ ]] ]=] ]==] --[[ comment x ]] return s .. "\\"x" .. \'y\'', []],
    ['return 0x1F + 1e10 + .5 + 3.', []],
    ['local a, b = 1 local c = a and b or -d', ['d']],
    ['redis.register_function("f", function(keys, args) return redis.call("GET", keys[1]) end)', ['redis', 'redis']],
    ['local r = redis; r.x = 1; return; ', ['redis']],
  ])('%s', (code, expected) => {
    expect(globalsOf(code)).toEqual(expected);
  });

  it('rewrites globals on their own lines', () => {
    const code = '\nlocal x = 1\nredis.register_function("f", function() return string.rep("a", x) end)\n';
    expect(sandboxCode(code)).toBe('local __fr_env, __fr_set = ...; \nlocal x = 1\n__fr_env.redis.register_function("f", function() return __fr_env.string.rep("a", x) end)\n');
    expect(sandboxCode('\nx = y')).toBe('local __fr_env, __fr_set = ...; \n__fr_set.x = __fr_env.y');
  });
});

describe('lua-scope: whether a library may keep state between calls', () => {
  const reg = (body: string): string => `redis.register_function("f", function(keys, args) ${body} end)`;
  it.each([
    [reg('return redis.call("GET", keys[1])'), false],
    [`local PREFIX, N, ON, NOTHING = "p:", 10 * 60, true, nil\nlocal function helper(k) return PREFIX .. k end\n${reg('return {helper(keys[1]), N, ON, NOTHING}')}`, false],
    [`local helper = function(x) local t = {} t[1] = x return t end\n${reg('return helper(1)')}`, false],
    [`for i = 1, 3 do redis.register_function("f" .. i, function() return i end) end`, false],
    [`local x\n${reg('return x')}`, false],
    [`local n = 0\n${reg('n = n + 1 return n')}`, true],
    [`local t = {}\n${reg('t[#t + 1] = 1 return #t')}`, true],
    [`local t = {}\n${reg('return #t')}`, true],
    [`local x = 1\n${reg('return x')}\nx = {}`, true],
    [`local a, b = 1\n${reg('return b')}`, false],
    [`local a, b = (function() return 1, {} end)()\n${reg('return b')}`, true],
    [`local f\nf = function() return 1 end\n${reg('return f()')}`, true],
    // A closure over a table: kept state when its function ran as the library loaded; taken as such when it runs per call too.
    [`redis.register_function("f", (function() local n = 0 return function() n = n + 1 return n end end)())`, true],
    [`local function g() local m = {} return function() m[1] = 1 return m end end\n${reg('return g()()')}`, true],
    [reg('local t = {} table.sort(keys, function(a, b) return #a < #b end) return keys'), false],
    [reg('local n = 0 local function bump() n = n + 1 end bump() return n'), true],
    [`do local hidden = {} ${reg('return hidden')} end`, true],
    [`for _, v in pairs({}) do ${reg('return v')} end`, true],
  ])('%s', (code, expected) => {
    expect(libraryKeepsState(code)).toBe(expected);
  });
});

describe('library headers (sdssplitargs)', () => {
  it.each([
    ['#!lua name=x', ['#!lua', 'name=x']],
    ['  #!lua   name=x  ', ['#!lua', 'name=x']],
    ['#!lua "name=a b"', ['#!lua', 'name=a b']],
    ["#!lua 'name=a\\'b'", ['#!lua', "name=a'b"]],
    ['#!lua "\\x41\\n"', ['#!lua', 'A\n']],
    ['#!lua "x"y', undefined],
    ['#!lua "x', undefined],
    ['#!lua a\0b c', ['#!lua', 'a']],
  ])('%j', (line, expected) => {
    expect(splitArgs(line)).toEqual(expected);
  });
});

describe('RDB pieces', () => {
  it('CRC-64/Jones: the check value of crc64.c', () => {
    expect(crc64(Buffer.from('123456789'))).toBe(0xe9c6d914c4b8d9can);
  });

  it('LZF: what is compressed decompresses to the input', () => {
    const inputs = [
      Buffer.from('a'.repeat(1000)),
      Buffer.from('abcabcabcabcabcabcabcabcabcabcabcabc'),
      Buffer.from(`#!lua name=x\n${"redis.register_function('f', function() return 1 end)\n".repeat(50)}`),
      randomBytes(300),
      Buffer.concat([randomBytes(50), Buffer.alloc(500, 7), randomBytes(50)]),
    ];
    for (const input of inputs) {
      const packed = lzfCompress(input, input.length + 64);
      expect(packed).toBeDefined();
      expect(Buffer.from(lzfDecompress(packed as Uint8Array, input.length) as Uint8Array)).toEqual(input);
    }
    // Too little room: Redis then stores the string as it is.
    expect(lzfCompress(randomBytes(100), 96)).toBeUndefined();
    expect(lzfDecompress(Uint8Array.from([0x40, 0x00]), 5)).toBeUndefined();
  });

  it('strings: lengths, integers, LZF', () => {
    const writer = new RdbWriter(true);
    const values = ['', 'x', '12', '-3', '300', '70000', '007', 'y'.repeat(100), 'z'.repeat(20000), '2147483648'];
    for (const v of values) writer.string(Buffer.from(v));
    const payload = withFooter(writer.result());
    expect(verifyPayload(payload)).toBe(10);
    const reader = new RdbReader(payload);
    for (const v of values) expect(Buffer.from(reader.string() as Uint8Array).toString()).toBe(v);
    expect(verifyPayload(withFooter(writer.result(), 11))).toBeUndefined();
  });
});

describe('functions through the direct API', () => {
  it('FUNCTION LOAD and FCALL are synchronous; the first FCALL of a server needs no await', () => {
    const server = newServer();
    expect(server.call('FUNCTION', 'LOAD', "#!lua name=l\nredis.register_function('f', function(keys, args) return redis.call('SET', keys[1], args[1]) end)")).toBe('l');
    expect(server.call('FCALL', 'f', 1, 'k', 'v')).toEqual({ value: 'OK' });
    expect(server.call('GET', 'k')).toBe('v');
  });

  it('a library keeps its Lua state between calls, each server its own (compared with Redis in function-state.test.ts)', () => {
    const counter = '#!lua name=c\nlocal n = 0\nredis.register_function("count", function() n = n + 1 return n end)';
    const one = newServer();
    const two = newServer();
    one.call('FUNCTION', 'LOAD', counter);
    two.call('FUNCTION', 'LOAD', counter);
    expect([one.call('FCALL', 'count', 0), one.call('FCALL', 'count', 0), two.call('FCALL', 'count', 0), one.call('FCALL', 'count', 0)]).toEqual([1, 2, 1, 3]);
    // A closed server's libraries are dropped from the engine with the next call.
    one.close();
    expect([two.call('FCALL', 'count', 0), two.call('FCALL', 'count', 0)]).toEqual([2, 3]);
  });

  it('a library the rewrite cannot compile (60 upvalues) runs without it', () => {
    const server = newServer();
    const names = Array.from({ length: 60 }, (_, i) => `u${i}`);
    const code = `#!lua name=wide\nlocal ${names.join(', ')} = ${names.map((_, i) => i).join(', ')}\nredis.register_function('wide', function() return ${names.join(' + ')} + #tostring(1) end)`;
    expect(server.call('FUNCTION', 'LOAD', code)).toBe('wide');
    expect(server.call('FCALL', 'wide', 0)).toBe(1771);
    expect(functionsState(server).current.libraries.get('wide')?.mode).toBe('shadow');
    expect(String((server.call('FUNCTION', 'LOAD', '#!lua name=bad\nredis.call("GET", "x")') as { message: string }).message)).toMatch(/nonexistent global variable 'call'/);
  });

  it('INFO memory: the functions engine heap grows with what libraries load', () => {
    const server = newServer();
    const field = (name: string): number => Number(new RegExp(`${name}:(\\d+)`).exec((server.call('INFO', 'memory') as VerbatimReply).text)?.[1]);
    expect(field('used_memory_vm_functions')).toBe(33792);
    server.call('FUNCTION', 'LOAD', "#!lua name=a\nredis.register_function('f', function() return 1 end)");
    const after = field('used_memory_vm_functions');
    expect(after).toBeGreaterThan(33792);
    expect(after).toBeLessThan(33792 + 8192);
    expect(field('used_memory_functions')).toBe(440);
    server.call('FUNCTION', 'FLUSH');
    expect(field('used_memory_functions')).toBe(200);
  });
});

describe('other versions', () => {
  it('FUNCTION DUMP writes the RDB version of the emulated server, and RESTORE reads no newer one', () => {
    const footerVersion = (server: FakeServer): number => {
      const dump = Buffer.from(server.call('FUNCTION', 'DUMP') as string, 'latin1');
      return dump.readUInt16LE(dump.length - 10);
    };
    const versions: Array<['redis' | 'valkey', string, number]> = [['redis', '7.0', 10], ['redis', '7.2', 11], ['redis', '7.4', 12], ['redis', '8.0', 12], ['valkey', '8.0', 11], ['valkey', '9.1', 80]];
    for (const [serverType, version, rdb] of versions) {
      const server = new (compose({ serverType, version, mixins: [...coreMixins, ScriptingCommands, FunctionCommands] }))();
      servers.push(server);
      expect(footerVersion(server)).toBe(rdb);
    }
    const newer = Buffer.from(withFooter(new Uint8Array(0), 11));
    expect(String((newServer().call('FUNCTION', 'RESTORE', newer) as { message: string }).message)).toBe('ERR DUMP payload version or checksum are wrong');
  });
});

describe('busy functions', () => {
  const BUSY_FUNCTION = 'BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.';
  const BUSY_SCRIPT = 'BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.';
  const errorOf = (p: Promise<unknown>): Promise<string> => p.then((v) => `resolved ${String(v)}`, (e: Error) => e.message);

  function setUp(): { server: FakeServer; a: FakeRedis; b: FakeRedis } {
    const server = newServer({ 'busy-reply-threshold': 50 });
    const a = new FakeRedis({ server, maxRetriesPerRequest: 0 });
    const b = new FakeRedis({ server, maxRetriesPerRequest: 0 });
    clients.push(a, b);
    return { server, a, b };
  }

  it('FUNCTION KILL ends a function; the caller gets the kill error, others got BUSY', async () => {
    const { a, b } = setUp();
    await a.call('FUNCTION', 'LOAD', '#!lua name=spin\nredis.register_function("spin", function()\n  local i = 0 while true do i = i + 1 end\nend)');
    const running = errorOf(a.call('FCALL', 'spin', '0'));
    expect(await errorOf(b.get('k'))).toBe(BUSY_FUNCTION);
    const stats = (await b.call('FUNCTION', 'STATS')) as unknown[];
    expect(stats[0]).toBe('running_script');
    expect((stats[1] as unknown[]).slice(0, 4)).toEqual(['name', 'spin', 'command', ['FCALL', 'spin', '0']]);
    expect(await errorOf(b.call('SCRIPT', 'KILL'))).toBe(BUSY_FUNCTION);
    expect(await b.call('FUNCTION', 'KILL')).toBe('OK');
    // Redis names the line the function was at (3); the fake reports line 1.
    expect(await running).toMatch(/^ERR Script killed by user with SCRIPT KILL\.\.\. script: spin, on @user_function:\d+\.$/);
    expect(await b.call('FUNCTION', 'STATS')).toEqual(['running_script', null, 'engines', ['LUA', ['libraries_count', 1, 'functions_count', 1]]]);
  });

  it('after FUNCTION KILL the killed engine\'s libraries start over (Redis keeps their state); SCRIPT KILL of an EVAL does not touch them', async () => {
    const { a, b } = setUp();
    await a.call('FUNCTION', 'LOAD', '#!lua name=k\nlocal n = 0\nredis.register_function("inc", function() n = n + 1 return n end)\nredis.register_function{function_name="spin", callback=function() n = n + 1 while true do end end, flags={"no-writes"}}');
    expect([await a.call('FCALL', 'inc', '0'), await a.call('FCALL', 'inc', '0')]).toEqual([1, 2]);
    const evalRunning = errorOf(a.eval('while true do end', 0));
    expect(await b.call('SCRIPT', 'KILL')).toBe('OK');
    expect(await evalRunning).toMatch(/Script killed by user/);
    expect(await a.call('FCALL', 'inc', '0')).toBe(3);
    const running = errorOf(a.call('FCALL', 'spin', '0'));
    expect(await errorOf(b.get('k'))).toBe(BUSY_FUNCTION);
    expect(await b.call('FUNCTION', 'KILL')).toBe('OK');
    expect(await running).toMatch(/Script killed by user/);
    // Redis answers 5 (the killed call's increment kept): the fake's engine died with it.
    expect(await a.call('FCALL', 'inc', '0')).toBe(1);
  });

  it('a server whose functions worker runs another server\'s busy function moves to another worker, its libraries starting over', async () => {
    const { a, b } = setUp();
    const other = newServer();
    other.call('FUNCTION', 'LOAD', '#!lua name=c\nlocal n = 0\nredis.register_function("count", function() n = n + 1 return n end)');
    expect([other.call('FCALL', 'count', 0), other.call('FCALL', 'count', 0)]).toEqual([1, 2]);
    await a.call('FUNCTION', 'LOAD', '#!lua name=k\nlocal n = 0\nredis.register_function{function_name="spin", callback=function() n = n + 1 while true do end end, flags={"no-writes"}}');
    const running = errorOf(a.call('FCALL', 'spin', '0'));
    expect(await errorOf(b.get('k'))).toBe(BUSY_FUNCTION);
    // Redis answers 3: each server has its own Lua state.
    expect([other.call('FCALL', 'count', 0), other.call('FCALL', 'count', 0)]).toEqual([1, 2]);
    expect(await b.call('FUNCTION', 'KILL')).toBe('OK');
    expect(await running).toMatch(/Script killed by user/);
    expect(other.call('FCALL', 'count', 0)).toBe(3);
  });

  it('the store\'s gates are in the globals\' metatable and answer nothing without the secret', () => {
    const server = newServer();
    expect(server.call('EVAL', 'local t = {} for k in pairs(getmetatable(_G)) do t[#t + 1] = k end table.sort(t) return t', 0)).toEqual(['__fr_fenv', '__fr_libraries', '__index']);
    expect(server.call('EVAL', 'return {type(getmetatable(_G).__fr_fenv("guess")), type(getmetatable(_G).__fr_fenv("guess", "raw"))}', 0)).toEqual(['nil', 'nil']);
    expect(server.call('EVAL', 'return getmetatable(_G).__fr_libraries("guess", KEYS, ARGV)', 0)).toBeNull();
    expect(server.call('EVAL', 'return type(getmetatable(_G).__fr_libraries("guess"))', 0)).toBe('nil');
  });

  it('FUNCTION STATS and FUNCTION KILL while a script (EVAL) is busy', async () => {
    const { a, b } = setUp();
    const running = errorOf(a.eval('while true do end', 0));
    expect(await errorOf(b.call('FUNCTION', 'STATS'))).toBe(BUSY_SCRIPT);
    expect(await errorOf(b.call('FUNCTION', 'KILL'))).toBe(BUSY_SCRIPT);
    expect(await b.call('SCRIPT', 'KILL')).toBe('OK');
    expect(await running).toMatch(/Script killed by user/);
  });

  it('a FUNCTION LOAD running past 500 ms is stopped', () => {
    const server = newServer();
    const started = performance.now();
    const reply = server.call('FUNCTION', 'LOAD', '#!lua name=t\nwhile true do end');
    expect(String((reply as { message?: string }).message)).toBe('ERR Error registering functions: ERR FUNCTION LOAD timeout');
    expect(performance.now() - started).toBeLessThan(5000);
    expect(server.call('FUNCTION', 'LOAD', "#!lua name=t\nredis.register_function('ok', function() return 1 end)")).toBe('t');
    expect(server.call('FCALL', 'ok', 0)).toBe(1);
    expect(server.call('FUNCTION', 'STATS')).toBeInstanceOf(MapReply);
  });
});
