import { afterEach } from 'vitest';

/**
 * The clients a test file opens, disconnected after each test, with the named client
 * registries reset (so the next test gets fresh servers). Returns the function that
 * registers a client and hands it back.
 */
export function openedClients(...registries: Array<{ reset(): void }>): <T extends { disconnect(): void }>(client: T) => T {
  const opened: Array<{ disconnect(): void }> = [];
  afterEach(() => {
    for (const client of opened.splice(0)) client.disconnect();
    for (const registry of registries) registry.reset();
  });
  return (client) => {
    opened.push(client);
    return client;
  };
}
