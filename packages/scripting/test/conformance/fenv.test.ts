import { FakeServer } from '@fakeredis/core';
import type { Scenario } from '@fakeredis/tooling/conformance';
import { runScenariosByVersion } from '@fakeredis/tooling/conformance/reference';
import { mixins } from './server.js';

// setfenv and getfenv: in the sandbox of Redis 7.2.4 / 7.4.1 and Valkey 8.0 / 8.1, absent
// from Redis 7.0, 8.0.6 and Valkey 9.1 (nonexistent globals). Against redis-server 7.0 and
// the builds FAKEREDIS_REDIS_7_2 / _7_4 / _8_0 and FAKEREDIS_VALKEY_8_0 / _8_1 / _9_1 name,
// RESP2 and RESP3. Each scenario starts with SCRIPT FLUSH: Redis keeps a cached script's
// function, and with it the environment setfenv gave it, for the script's next run (the
// fake starts every run with the globals: README, Known differences). So does a later
// script after setfenv(0, t), which is only checked inside the script that calls it.

const E = (script: string): string[] => ['EVAL', script, '0'];

const scenarios: Scenario[] = [
  { name: 'getfenv of levels and functions', steps: [
    ['SCRIPT', 'FLUSH'],
    E('return {type(setfenv), type(getfenv)}'),
    E('return {tostring(getfenv(0) == _G), tostring(getfenv(1) == _G), tostring(getfenv() == _G), tostring(getfenv(nil) == _G), tostring(getfenv("1") == _G), tostring(getfenv(1.7) == _G)}'),
    E('return {tostring(getfenv(redis.call) == _G), tostring(getfenv(type) == _G), tostring(getfenv(redis.setresp) == _G), tostring(getfenv(math.random) == _G)}'),
    E('local f = function() return getfenv(2) == _G end\nlocal g = function() return f() end\nreturn {tostring(f()), tostring(g())}'),
    E('local f = function() local e = getfenv(3) return e end\nreturn tostring(f())'),
    E('local x = 1\nreturn getfenv(2)'), E('local x = 1\nreturn getfenv(-1)'), E('local x = 1\nreturn getfenv("a")'), E('local x = 1\nreturn getfenv({})'),
    E('local x = 1\nlocal e = getfenv(5)\nreturn e'), E('local x = 1\nreturn getfenv(-0.5) == _G'),
  ] },
  { name: 'setfenv of levels and functions', steps: [
    ['SCRIPT', 'FLUSH'],
    E('setfenv(1, setmetatable({}, {__index = _G}))\nx = 5\nreturn x'),
    E('local f = function() return y end\nlocal r = setfenv(f, {y = 7})\nreturn {f(), tostring(r == f), tostring(getfenv(f).y)}'),
    E('local t, gf, ts = {}, getfenv, tostring\nlocal f = function() setfenv(2, t) end\nf()\nz = 3\nreturn {t.z, ts(gf(1) == t)}'),
    E('setfenv(1, {})\nreturn 1'), E('setfenv(1, {})\nreturn redis.call("PING")'), E('setfenv(1, {})\nreturn x'),
    E('local x = 1\nreturn setfenv(1)'), E('local x = 1\nreturn setfenv(1, 5)'), E('local x = 1\nreturn setfenv(nil, {})'), E('local x = 1\nreturn setfenv()'),
    E('local x = 1\nreturn setfenv("a", {})'), E('local x = 1\nreturn setfenv(-1, {})'), E('local x = 1\nreturn setfenv(2, {})'), E('local x = 1\nsetfenv(0.5, {})'),
    E('local x = 1\nreturn setfenv(redis.call, {})'), E('local x = 1\nsetfenv(type, {})'), E('local x = 1\nsetfenv(redis.setresp, {})'), E('local x = 1\nsetfenv(math.random, {})'),
    E('local x = 1\nlocal f = function() setfenv(3, {}) end\nf()'),
    E('local ok, e = pcall(setfenv, type, {})\nreturn {tostring(ok), e}'), ['SCRIPT', 'FLUSH'],
  ] },
  { name: 'setfenv(0, t) in the script that calls it', steps: [
    ['SCRIPT', 'FLUSH'],
    E('local t = setmetatable({}, {__index = _G})\nsetfenv(0, t)\nreturn {tostring(getfenv(0) == t), tostring(getfenv(1) == _G), tostring(getfenv(type) == t), tostring(getfenv(0) == _G)}'),
    E('return redis.call("PING")'), ['SCRIPT', 'FLUSH'],
  ] },
  { name: 'a killed script that names getfenv is reported on its line', protocols: [2], steps: [
    ['CONFIG', 'SET', 'busy-reply-threshold', '100'],
    { cmd: E('local e = getfenv(1)\nlocal n = 0\nwhile true do n = n + 1 end'), async: true }, { sleep: 300 },
    { cmd: ['SCRIPT', 'KILL'], conn: 'b' }, { await: 'a' },
  ] },
];

runScenariosByVersion('scripting: setfenv and getfenv', (config, profile) => new FakeServer({ mixins, config, profile }), scenarios, ['7.2', '7.4', '8.0', 'valkey 8.0', 'valkey 8.1', 'valkey 9.1']);
