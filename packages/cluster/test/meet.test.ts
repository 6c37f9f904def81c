import { afterEach, expect, test } from 'vitest';
import { serverRegistry } from '@fakeredis/composer';
import type { FakeServer } from '@fakeredis/core';
import { ClusterServer } from './helpers.js';

const servers: FakeServer[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

function node(port: number): FakeServer {
  const server = new ClusterServer({ config: { 'cluster-enabled': 'yes', port } });
  serverRegistry(ClusterServer).set({ port }, server);
  servers.push(server);
  return server;
}

test('a fresh node: no address, cluster down; ADDSLOTSRANGE of every slot brings it up', () => {
  const a = node(33001);
  expect(a.command<string>('CLUSTER', 'NODES')).toMatch(/^[0-9a-f]{40} :33001@43001 myself,master - 0 0 0 connected\n$/);
  expect(a.command<string>('CLUSTER', 'INFO')).toContain('cluster_state:fail\r\ncluster_slots_assigned:0\r\n');
  expect(() => a.command('GET', 'k')).toThrow('CLUSTERDOWN Hash slot not served');
  expect(() => a.command('SET', 'k', 'v')).toThrow('CLUSTERDOWN Hash slot not served');
  expect(a.command('CLUSTER', 'ADDSLOTSRANGE', '0', '16383')).toBe('OK');
  expect(a.command<string>('CLUSTER', 'INFO')).toContain('cluster_state:ok\r\n');
  expect(a.command('SET', 'k', 'v')).toBe('OK');
});

test('CLUSTER MEET joins a node of this process at once; slots one side lacks take the other\'s owner', () => {
  const a = node(33011);
  const b = node(33012);
  a.command('CLUSTER', 'ADDSLOTSRANGE', '0', '8191');
  b.command('CLUSTER', 'ADDSLOTSRANGE', '8192', '16383');
  expect(a.command('CLUSTER', 'MEET', '127.0.0.1', '33012')).toBe('OK');
  for (const server of [a, b]) {
    const info = server.command<string>('CLUSTER', 'INFO');
    expect(info).toContain('cluster_state:ok\r\n');
    expect(info).toContain('cluster_known_nodes:2\r\n');
    expect(info).toContain('cluster_size:2\r\n');
  }
  expect(a.command<string>('CLUSTER', 'NODES')).toContain(`127.0.0.1:33012@43012 master - 0 `);
  const moved = (() => {
    try {
      a.command('SET', 'foo', '1');
      return '';
    } catch (error) {
      return (error as Error).message;
    }
  })();
  expect(moved).toBe('MOVED 12182 127.0.0.1:33012');
  // An address no server of this process has: OK, and nothing happens.
  expect(a.command('CLUSTER', 'MEET', '127.0.0.1', '33999')).toBe('OK');
  expect(a.command<string>('CLUSTER', 'INFO')).toContain('cluster_known_nodes:2\r\n');
});
