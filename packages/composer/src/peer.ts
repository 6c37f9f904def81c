import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const requireFromHere = createRequire(import.meta.url);

/** Marks fakeredis's own stand-ins, so a test runner's mock that returns one is recognised. */
export const FAKE_MARK: unique symbol = Symbol.for('@fakeredis/composer/fake');

/** Jest's per-module object, visible as a free variable in CommonJS modules Jest loads. */
declare const jest: { requireActual?: (name: string) => unknown } | undefined;

function missingPeer(name: string, flavour: string, error: unknown): Error {
  return new Error(`${flavour} needs the '${name}' package; install it next to @fakeredis/composer`, { cause: error });
}

function isNotFound(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND';
}

/** The directory of an installed package, found without loading it (so no mock intercepts it). */
function packageDir(name: string): string {
  try {
    return dirname(requireFromHere.resolve(`${name}/package.json`));
  } catch (error) {
    // A package whose exports hide package.json: climb from its main file.
    if ((error as NodeJS.ErrnoException).code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED') throw error;
    let dir = dirname(requireFromHere.resolve(name));
    while (!dir.endsWith(`node_modules/${name}`) && dirname(dir) !== dir) dir = dirname(dir);
    return dir;
  }
}

/** What the ioredis flavour needs from ioredis (5 or 6). */
export interface IoredisPeer {
  Redis: new (...args: unknown[]) => object;
  AbstractConnector: new (disconnectTimeout: number) => object;
  version: string;
}

/**
 * Loads ioredis's Redis class and AbstractConnector from their own files rather than
 * through `require('ioredis')`, so a test runner that replaces the 'ioredis' module with
 * FakeRedis (jest.mock, moduleNameMapper, vi.mock) does not hand fakeredis its own class.
 */
export function loadIoredis(flavour: string): IoredisPeer {
  let dir: string;
  try {
    dir = packageDir('ioredis');
  } catch (error) {
    if (isNotFound(error)) throw missingPeer('ioredis', flavour, error);
    throw error;
  }
  const { version } = requireFromHere(join(dir, 'package.json')) as { version: string };
  const major = Number(version.split('.')[0]);
  if (major < 5) throw new Error(`${flavour} needs ioredis 5 or 6; ioredis ${version} is installed`);
  const Redis = (requireFromHere(join(dir, 'built/Redis.js')) as { default: IoredisPeer['Redis'] }).default;
  const AbstractConnector = (
    requireFromHere(join(dir, 'built/connectors/AbstractConnector.js')) as { default: IoredisPeer['AbstractConnector'] }
  ).default;
  return { Redis, AbstractConnector, version };
}

/** What the node-redis flavour needs from the `redis` package (4, 5 or 6). */
export interface NodeRedisPeer {
  createClient: (options?: object) => NodeRedisClientLike;
  version: string;
}

/** The parts of a node-redis client (4, 5 and 6) the flavour uses. */
export interface NodeRedisClientLike {
  connect(): Promise<unknown>;
  duplicate(overrides?: object): NodeRedisClientLike;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  readonly isOpen: boolean;
}

/**
 * Loads node-redis. When a test runner replaced the 'redis' module with one whose
 * createClient is fakeredis's (jest.mock('redis', ...)), the real one comes from
 * jest.requireActual.
 */
export function loadNodeRedis(flavour: string): NodeRedisPeer {
  let module: { createClient?: NodeRedisPeer['createClient'] };
  let dir: string;
  try {
    dir = packageDir('redis');
    module = requireFromHere('redis') as typeof module;
  } catch (error) {
    if (isNotFound(error)) throw missingPeer('redis', flavour, error);
    throw error;
  }
  if (isFake(module.createClient) && typeof jest !== 'undefined' && typeof jest?.requireActual === 'function') {
    module = jest.requireActual('redis') as typeof module;
  }
  if (typeof module.createClient !== 'function' || isFake(module.createClient)) {
    throw new Error(
      `${flavour}: the 'redis' module resolves to fakeredis itself (a moduleNameMapper entry?); ` +
        "use jest.mock('redis', () => ({ ...jest.requireActual('redis'), createClient })) instead",
    );
  }
  const { version } = requireFromHere(join(dir, 'package.json')) as { version: string };
  const major = Number(version.split('.')[0]);
  if (major < 4) throw new Error(`${flavour} needs node-redis (the 'redis' package) 4, 5 or 6; ${version} is installed`);
  return { createClient: module.createClient, version };
}

function isFake(value: unknown): boolean {
  return typeof value === 'function' && (value as unknown as Record<symbol, unknown>)[FAKE_MARK] === true;
}

/** Marks a function or class as one of fakeredis's stand-ins (see FAKE_MARK). */
export function markFake<T extends object>(value: T): T {
  Object.defineProperty(value, FAKE_MARK, { value: true });
  return value;
}
