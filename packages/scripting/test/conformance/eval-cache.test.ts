import { createHash } from 'node:crypto';
import { FakeServer, serverProfile } from '@fakeredis/core';
import type { Scenario, Step, Wire } from '@fakeredis/tooling/conformance';
import { referenceEnv, runReferenceScenarios, runScenariosByVersion } from '@fakeredis/tooling/conformance/reference';
import { mixins } from './server.js';

// The script cache's limit on what EVAL caches: from Redis 7.4 (and in Valkey 8.0) the
// scripts EVAL cached (not SCRIPT LOAD) are kept in an LRU list of 500, the least
// recently run evicted when a 501st comes (INFO stats evicted_scripts); EVALSHA of an
// evicted one answers NOSCRIPT. SCRIPT LOAD of a script EVAL cached keeps it for good in
// Valkey, not in Redis 7.4. Against redis-server 7.0 (no limit), and Redis 7.2 / 7.4 and
// Valkey 8.0 builds when FAKEREDIS_REDIS_7_2 / FAKEREDIS_REDIS_7_4 / FAKEREDIS_VALKEY_8_0
// name them, RESP2 and RESP3.

const sha = (body: string): string => createHash('sha1').update(body).digest('hex');
const body = (i: number): string => `return ${i}`;

/** INFO's lines for these fields, in the order INFO prints them. */
const infoLines =
  (pattern: RegExp) =>
  (reply: Wire): Wire => {
    if (reply.t !== 'bulk' && reply.t !== 'verbatim') return reply;
    return { t: 'array', v: reply.v.split('\r\n').filter((line) => pattern.test(line)).map((v) => ({ t: 'bulk', v })) };
  };
const STATS: Step = { cmd: ['INFO', 'stats'], compare: { map: infoLines(/^evicted_/) } };
const SCRIPTS: Step = { cmd: ['INFO', 'memory'], compare: { map: infoLines(/^(number_of_cached_scripts|used_memory_scripts_eval):/) } };
const evals = (from: number, to: number): Step[] => Array.from({ length: to - from }, (_, i) => ['EVAL', body(from + i), '0']);

const scenarios: Scenario[] = [
  { name: 'the 501st script EVAL caches evicts the least recently run', steps: [
    ['SCRIPT', 'FLUSH'], ['CONFIG', 'RESETSTAT'], ['SCRIPT', 'LOAD', 'return "loaded"'], ['SCRIPT', 'LOAD', '#!lua\nreturn "loaded with a shebang"'],
    ...evals(0, 500), STATS, SCRIPTS,
    // Running script 0 again (EVALSHA or EVAL) makes script 1 the oldest.
    ['EVALSHA', sha(body(0)), '0'], ['EVAL', body(500), '0'], STATS, SCRIPTS,
    ['SCRIPT', 'EXISTS', sha(body(0)), sha(body(1)), sha(body(2)), sha('return "loaded"')], ['EVALSHA', sha(body(1)), '0'], ['EVALSHA_RO', sha(body(1)), '0'],
    ['EVAL', body(2), '0'], ['EVAL', body(501), '0'], ['SCRIPT', 'EXISTS', sha(body(2)), sha(body(3)), sha(body(4))],
    // SCRIPT LOAD of a script EVAL cached: kept for good in Valkey, still evictable in Redis 7.4.
    ['SCRIPT', 'LOAD', body(4)], ['EVAL', body(502), '0'], ['SCRIPT', 'EXISTS', sha(body(4)), sha(body(5))],
    // A script that fails when it runs is cached; one refused before it runs is cached too.
    ['EVAL', 'return 1 + nil', '0'], ['EVAL_RO', '#!lua\nreturn "w"', '0'], ['SCRIPT', 'EXISTS', sha('return 1 + nil'), sha('#!lua\nreturn "w"')],
    ['EVAL', '#!lua\nreturn "loaded with a shebang"', '0'], ['EVALSHA', sha('return "loaded"'), '0'], STATS, SCRIPTS,
    ['CONFIG', 'RESETSTAT'], STATS, ['SCRIPT', 'FLUSH'], STATS, SCRIPTS,
  ] },
  { name: 'a script refused before it runs is not made the most recent', steps: [
    ['SCRIPT', 'FLUSH'], ['EVAL', '#!lua\nreturn "w"', '0'], ...evals(0, 499),
    ['EVAL_RO', '#!lua\nreturn "w"', '0'], ['EVALSHA_RO', sha('#!lua\nreturn "w"'), '0'], ['EVAL', body(499), '0'],
    ['SCRIPT', 'EXISTS', sha('#!lua\nreturn "w"'), sha(body(0))], ['EVALSHA', sha(body(0)), '0'], ['EVAL', body(500), '0'], ['SCRIPT', 'EXISTS', sha(body(0)), sha(body(1))],
  ] },
  { name: 'what a script costs in used_memory_scripts_eval', steps: [
    ['SCRIPT', 'FLUSH'], ['EVAL', 'return 1', '0'], SCRIPTS, ['SCRIPT', 'LOAD', 'return 1'], SCRIPTS, ['SCRIPT', 'FLUSH'], ['SCRIPT', 'LOAD', 'return 1'], SCRIPTS,
    ['EVAL', 'return 1', '0'], SCRIPTS, ['EVAL', `return "${'x'.repeat(100)}"`, '0'], SCRIPTS, ['SCRIPT', 'FLUSH'], SCRIPTS,
  ] },
];

runScenariosByVersion('scripting: the EVAL script cache limit', (config, profile) => new FakeServer({ mixins, config, profile }), scenarios, ['7.2', '7.4', '8.0', '8.6', 'valkey 8.0']);

// Valkey 8.1 and 9.1: the same eviction, without used_memory_scripts_eval, whose figures
// the fake does not have for them (README, Known differences: 16 bytes more a script, and
// these builds' 8-byte allocator quantum).
const evictions = scenarios.filter((s) => s.name !== 'what a script costs in used_memory_scripts_eval').map((s) => ({ ...s, steps: s.steps.filter((step) => step !== SCRIPTS) }));
for (const version of ['8.1', '9.1']) {
  const valkey = { createServer: (config: Record<string, string>) => new FakeServer({ mixins, config, profile: serverProfile('valkey', version) }) };
  runReferenceScenarios(referenceEnv('valkey', version), `scripting: the EVAL script cache limit, no memory figures (Valkey ${version})`, valkey, evictions);
}
