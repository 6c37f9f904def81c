import {
  FakeServer,
  knownVersions,
  resolveHandlers,
  serverProfile,
  type FakeServerOptions,
  type Mixin,
  type ServerProfile,
  type ServerType,
} from '@fakeredis/core';

export interface ComposeOptions {
  /** The server to emulate; default 'redis'. */
  serverType?: ServerType;
  /**
   * Version, full or partial ("7.2" picks the newest known 7.2.x); default '7.0' for
   * Redis, '8.0' for Valkey, '6.3' for KeyDB (defaultVersion).
   */
  version?: string;
  /** Command mixins to install; commands the server type and version lack are left out. */
  mixins: readonly Mixin[];
}

/** Options of a composed server: everything but what compose() fixed. */
export type ComposedServerOptions = Omit<FakeServerOptions, 'profile' | 'mixins'>;

/** A server class with a fixed profile and mixin set, from compose(). */
export interface ComposedServerClass<S extends FakeServer = FakeServer> {
  new (options?: ComposedServerOptions): S;
  readonly prototype: S;
  /** What the class emulates (server type, full version, command metadata). */
  readonly profile: ServerProfile;
  /** The installed mixins, in installation order. */
  readonly mixins: readonly Mixin[];
}

/**
 * Assembles a server class for one server type and version whose command table holds
 * exactly the given mixins' commands that exist there. Every instance is an independent
 * emulated server; the profile (and its command metadata) is resolved once, here.
 */
export function compose(options: ComposeOptions): ComposedServerClass {
  const profile = serverProfile(options.serverType ?? 'redis', options.version ?? defaultVersion(options.serverType ?? 'redis'));
  const mixins = Object.freeze([...new Set(options.mixins)]);
  // Refuses here, not at the first `new`, a handler no metadata names or a command two mixins claim.
  resolveHandlers(mixins);

  class ComposedServer extends FakeServer {
    static readonly profile: ServerProfile = profile;
    static readonly mixins: readonly Mixin[] = mixins;

    constructor(serverOptions: ComposedServerOptions = {}) {
      super({ ...serverOptions, profile, mixins });
    }
  }
  // A readable name in stack traces and inspection: "FakeRedis7_0_15Server".
  const name = `Fake${capitalize(profile.serverType)}${profile.version.replace(/\./g, '_')}Server`;
  Object.defineProperty(ComposedServer, 'name', { value: name });
  return ComposedServer;
}

/**
 * Redis 7.0 is the reference; Valkey defaults to 8.0, the newest version checked against a
 * real Valkey (8.1 and 9.1 are known from their metadata); others to their newest known.
 */
const DEFAULT_VERSIONS: Partial<Record<ServerType, string>> = { redis: '7.0', valkey: '8.0' };

export function defaultVersion(serverType: ServerType): string {
  const chosen = DEFAULT_VERSIONS[serverType];
  if (chosen !== undefined) return chosen;
  const newest = knownVersions(serverType).at(-1);
  if (newest === undefined) throw new Error(`no known ${serverType} version`);
  return newest;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** True for a class compose() made (it carries its profile and mixins). */
export function isComposedServerClass(value: unknown): value is ComposedServerClass {
  return (
    typeof value === 'function' &&
    value.prototype instanceof FakeServer &&
    'profile' in value &&
    'mixins' in value
  );
}
