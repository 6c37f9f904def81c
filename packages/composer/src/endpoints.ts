import type { Endpoint } from './memory-socket.js';
import { addressKey, DEFAULT_HOST, DEFAULT_PORT, type ServerAddress } from './registry.js';

let nextEphemeralPort = 32768 + Math.floor(Math.random() * 20000);

/** A client-side port as a kernel would pick it (Linux's default ephemeral range). */
export function ephemeralPort(): number {
  const port = nextEphemeralPort;
  nextEphemeralPort = port >= 60999 ? 32768 : port + 1;
  return port;
}

/** "ip:port" as Redis prints an address in CLIENT LIST (IPv6 in brackets). */
export function formatEndpoint(endpoint: Endpoint): string {
  return endpoint.address.includes(':') && !endpoint.address.startsWith('/')
    ? `[${endpoint.address}]:${endpoint.port}`
    : `${endpoint.address}:${endpoint.port}`;
}

/**
 * The two ends of an emulated connection to `address`: the server end as Redis would
 * see it (loopback TCP, or "path:0" for a Unix socket) and the client end.
 */
export function connectionEndpoints(address: ServerAddress): { server: Endpoint; client: Endpoint } {
  if (address.path) {
    const end = { address: address.path, port: 0 };
    return { server: end, client: end };
  }
  const key = addressKey(address);
  const host = key.slice(0, key.lastIndexOf(':'));
  // A named host resolves to some address; loopback is what a local server would see.
  const ip = /^[0-9.]+$/.test(host) || host.includes(':') ? host : DEFAULT_HOST;
  return {
    server: { address: ip, port: address.port ?? DEFAULT_PORT },
    client: { address: ip, port: ephemeralPort() },
  };
}
