import { createRequire } from 'node:module';

const requireFromHere = createRequire(import.meta.url);

/**
 * Loads an optional peer dependency (ioredis, redis) when the flavour that needs it is
 * used, so installing only one client library is enough.
 */
export function requirePeer<T>(name: 'ioredis' | 'redis', flavour: string): T {
  try {
    return requireFromHere(name) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') {
      throw new Error(`${flavour} needs the '${name}' package; install it next to @fakeredis/composer`, {
        cause: error,
      });
    }
    throw error;
  }
}
