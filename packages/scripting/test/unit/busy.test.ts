import { compose, createFakeIoredisClass, type FakeIoredis } from '@fakeredis/composer';
import { addHook, coreMixins, type FakeServer } from '@fakeredis/core';
import { StringCommands } from '@fakeredis/strings';
import { afterEach, describe, expect, it } from 'vitest';
import { loadInlineEngine } from '../../src/engine/inline.js';
import { ScriptingCommands } from '../../src/index.js';

const mixins = [...coreMixins, StringCommands, ScriptingCommands];
const Server = compose({ serverType: 'redis', version: '7.0', mixins });
const FakeRedis = createFakeIoredisClass(Server);
type FakeRedis = FakeIoredis<FakeServer>;
const BUSY = 'BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.';

const open: Array<{ disconnect(): void }> = [];
const servers: FakeServer[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.disconnect();
  for (const s of servers.splice(0)) s.close();
});

function setUp(threshold = 100): { server: FakeServer; a: FakeRedis; b: FakeRedis } {
  const server = new Server({ config: { 'busy-reply-threshold': threshold } });
  servers.push(server);
  const a = new FakeRedis({ server, maxRetriesPerRequest: 0 });
  const b = new FakeRedis({ server, maxRetriesPerRequest: 0 });
  open.push(a, b);
  return { server, a, b };
}

const errorOf = (p: Promise<unknown>): Promise<string> => p.then((v) => `resolved ${String(v)}`, (e: Error) => e.message);

describe('busy scripts', () => {
  it('a script past busy-reply-threshold makes others get BUSY until SCRIPT KILL ends it', async () => {
    const { a, b } = setUp();
    await a.ping();
    await b.set('k', 'v');
    const started = Date.now();
    const running = errorOf(a.eval('local i = 0 while true do i = i + 1 end', 0));
    expect(await errorOf(b.get('k'))).toBe(BUSY);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    expect(await b.call('SCRIPT', 'KILL')).toBe('OK');
    expect(await running).toBe('ERR Script killed by user with SCRIPT KILL... script: 6ff5fab4d6b3ac0a8ad1e7e4b8d2fc1b6e1c5a20, on @user_script:1.'.replace(/script: \w+/, `script: ${sha('local i = 0 while true do i = i + 1 end')}`));
    expect(await b.get('k')).toBe('v');
    expect(await errorOf(b.call('SCRIPT', 'KILL'))).toBe('NOTBUSY No scripts in execution right now.');
    expect(await a.eval('return redis.call("GET", KEYS[1])', 1, 'k')).toBe('v');
  });

  it('the kill error names the line the script was on (run again inline to find it), and the log says it was killed', async () => {
    // The inline engine runs the script again (it loads in the background from a process's first script).
    expect(await loadInlineEngine()).toBe(true);
    const { server, a, b } = setUp();
    const lines: string[] = [];
    // Core logs the connections too (verbose 'Accepted ...'): only the kill's line is looked at.
    addHook(server, 'log', (level, message) => {
      if (level === 'warning') lines.push(`${level} ${message}`);
    });
    await b.set('k', 'v');
    const script = 'local v = redis.call("GET", KEYS[1])\nlocal n = 0\nfor i = 1, 10 do n = n + i end\n\nwhile v do n = n + 1 end';
    const running = errorOf(a.eval(script, 1, 'k'));
    expect(await errorOf(b.get('k'))).toBe(BUSY);
    expect(await b.call('SCRIPT', 'KILL')).toBe('OK');
    expect(await running).toBe(`ERR Script killed by user with SCRIPT KILL... script: ${sha(script)}, on @user_script:5.`);
    expect(lines).toEqual(['warning Lua script killed by user with SCRIPT KILL.']);
    // A script that could catch the inline budget's error is not run again: line 1.
    const catching = 'local ok = pcall(function() end)\n\nwhile true do end';
    const caught = errorOf(a.eval(catching, 0));
    expect(await errorOf(b.get('k'))).toBe(BUSY);
    expect(await b.call('SCRIPT', 'KILL')).toBe('OK');
    expect(await caught).toBe(`ERR Script killed by user with SCRIPT KILL... script: ${sha(catching)}, on @user_script:1.`);
  });

  it('a script that wrote is UNKILLABLE; SHUTDOWN NOSAVE ends it', async () => {
    const { server, a, b } = setUp();
    const running = errorOf(a.eval('redis.call("SET", "w", "1") while true do end', 0));
    expect(await errorOf(b.call('SCRIPT', 'KILL'))).toMatch(/^UNKILLABLE Sorry the script already executed write commands/);
    expect(await errorOf(b.set('x', '1'))).toBe(BUSY);
    expect(await b.multi().exec().catch((e: Error) => e.message)).toMatch(/EXECABORT|BUSY/);
    await errorOf(b.call('SHUTDOWN', 'NOSAVE'));
    expect(server.closed).toBe(true);
    expect(await running).toMatch(/Connection is closed|max retries/);
  });

  it('pipelined commands of the script\'s caller wait for the script', async () => {
    const { a, b } = setUp(50);
    const pipeline = a.pipeline().eval('local t = redis.call("TIME") local s = tonumber(t[1]) + 0 while true do end', 0).get('k').exec();
    expect(await errorOf(b.get('k'))).toBe(BUSY);
    expect(await b.call('SCRIPT', 'KILL')).toBe('OK');
    const replies = await pipeline;
    expect(String(replies?.[0]?.[0])).toMatch(/Script killed by user with SCRIPT KILL/);
    expect(replies?.[1]).toEqual([null, null]);
  });

  it('the direct API stays synchronous, and a fast script never goes busy', () => {
    const server = new Server({ config: { 'busy-reply-threshold': 0 } });
    servers.push(server);
    expect(server.call('EVAL', 'local n = 0 for i = 1, 100000 do n = n + i end return n', 0)).toBe(5000050000);
  });
});

function sha(text: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node:crypto').createHash('sha1').update(text).digest('hex') as string;
}
