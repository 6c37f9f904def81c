import { createHash } from 'node:crypto';
import { FakeServer, serverProfile, type VerbatimReply } from '@fakeredis/core';
import { afterEach, describe, expect, it } from 'vitest';
import { mixins } from '../conformance/server.js';

// The EVAL script cache's limit where no reference build runs (test/conformance/eval-cache.test.ts
// compares it with Redis 7.4 and Valkey 8.0 builds).

const servers: FakeServer[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});
const server = (type: 'redis' | 'valkey', version: string): FakeServer => {
  const s = new FakeServer({ mixins, profile: serverProfile(type, version) });
  servers.push(s);
  return s;
};
const sha = (body: string): string => createHash('sha1').update(body).digest('hex');
const evicted = (s: FakeServer): string[] => String((s.call('INFO', 'stats') as VerbatimReply).text).split('\r\n').filter((l) => l.startsWith('evicted_'));

describe('the EVAL script cache limit', () => {
  it.each([
    ['redis', '7.0', false],
    ['redis', '7.2', false],
    ['redis', '7.4', true],
    ['valkey', '8.0', true],
  ] as const)('%s %s: evicts past 500 EVAL scripts: %s', (type, version, evicts) => {
    const s = server(type, version);
    s.call('SCRIPT', 'LOAD', 'return "loaded"');
    for (let i = 0; i < 501; i++) s.call('EVAL', `return ${i}`, '0');
    expect(s.call('SCRIPT', 'EXISTS', sha('return 0'), sha('return 1'), sha('return "loaded"'))).toEqual([evicts ? 0 : 1, 1, 1]);
    expect(evicted(s)).toEqual(evicts ? ['evicted_keys:0', 'evicted_clients:0', 'evicted_scripts:1'] : ['evicted_keys:0', 'evicted_clients:0']);
    if (!evicts) return;
    expect(String((s.call('EVALSHA', sha('return 0'), '0') as Error).message)).toMatch(/^NOSCRIPT No matching script/);
    s.call('CONFIG', 'RESETSTAT');
    expect(evicted(s)).toEqual(['evicted_keys:0', 'evicted_clients:0', 'evicted_scripts:0']);
  });
});
