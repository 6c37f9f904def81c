import type { FakeServer } from './server.js';

/**
 * Servers of this process reachable by a TCP address without a socket: what MIGRATE
 * connects to in memory when the target host and port name one (a client flavour's
 * registry announces its servers here). A directory answers for an address or not.
 */
export type ServerDirectory = (host: string, port: number) => FakeServer | undefined;

/**
 * Kept on globalThis under a registered symbol, so every copy of core in a process (its
 * CommonJS and ES module builds) sees the same directories.
 */
const DIRECTORIES = Symbol.for('@fakeredis/core:server-directories:v1');

function directories(): Set<ServerDirectory> {
  const holder = globalThis as unknown as Record<symbol, Set<ServerDirectory> | undefined>;
  let set = holder[DIRECTORIES];
  if (set === undefined) {
    set = new Set();
    Object.defineProperty(globalThis, DIRECTORIES, { value: set, configurable: true });
  }
  return set;
}

/** Announces a directory of in-process servers; the returned function withdraws it. */
export function registerServerDirectory(directory: ServerDirectory): () => void {
  const set = directories();
  set.add(directory);
  return () => set.delete(directory);
}

/** The live in-process server at host:port, if a directory knows one (first announced wins). */
export function findInProcessServer(host: string, port: number): FakeServer | undefined {
  for (const directory of directories()) {
    const server = directory(host, port);
    if (server !== undefined && !server.closed) return server;
  }
  return undefined;
}
