import { type FakeServer as Server, FakeServer, type KeyspaceEvent, serverProfile } from '@fakeredis/core';
import { mixins } from '../conformance/server.js';

/** A frozen time so TTL replies are exact. */
export const T0 = 1_700_000_000_000;

/** A server of a Redis version with this package installed, its clock frozen at T0. */
export function hashServer(version = '7.0', seed = 1): Server {
  const server = new FakeServer({ mixins, profile: serverProfile('redis', version), seed, config: { 'enable-debug-command': 'yes' } });
  server.clock.freeze(T0);
  return server;
}

/** Runs commands and returns the keyspace events they emitted, as "class event key". */
export function eventsOf(server: Server, ...commands: Array<Array<string | Buffer>>): string[] {
  const seen: string[] = [];
  // Key misses ('m') are left out: the lookups that emit them are core's business.
  const stop = server.notifier.onEvent((e: KeyspaceEvent) => {
    if (e.eventClass !== 'm') seen.push(`${e.eventClass} ${e.event} ${e.key}`);
  });
  try {
    for (const argv of commands) server.call(...argv);
  } finally {
    stop();
  }
  return seen;
}

/** HSET arguments for `n` fields f0.. with values v0.. */
export function fieldArgs(n: number): string[] {
  const args: string[] = [];
  for (let i = 0; i < n; i++) args.push(`f${i}`, `v${i}`);
  return args;
}
