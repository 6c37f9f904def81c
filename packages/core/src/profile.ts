import { compareVersions, metadataFor, resolveVersion, type ArgumentSpec, type CommandMetadata, type ServerType } from './metadata/index.js';
import type { DoubleFormat } from './numbers.js';
import { KEYDB_6_3_CONFIG, redisConfig, type ProfileConfig } from './profile-config.js';
import { valkeyConfig } from './profile-valkey.js';
import { infoLayout, type InfoLayout } from './profile-info.js';
import type { MemoryUsageModel } from './values/memory.js';

export { applyProfileConfig, type ProfileConfig } from './profile-config.js';

/**
 * What a composed server emulates: a server type at a full version. Everything that
 * differs by server type (names, identity fields, texts) is decided here, once, so that
 * handlers read a field instead of testing the type.
 */
export interface ServerProfile {
  readonly serverType: ServerType;
  /** Full version, as INFO and HELLO report it ("7.0.15"). */
  readonly version: string;
  readonly metadata: CommandMetadata;
  /** How doubles are printed in replies ("%.17g" before Redis 7.2). */
  readonly doubleFormat: DoubleFormat;
  /** HELLO's `server` and INFO's server_name: "redis", "valkey". */
  readonly serverName: string;
  /** How the server calls itself in texts ("Redis is busy ...", "Valkey is busy ..."). */
  readonly title: string;
  /**
   * INFO's redis_version (and Lua's REDIS_VERSION): Redis's own version; Valkey reports the
   * Redis OSS version it stays compatible with, 7.2.4 (version.h: "should never exceed 7.2.x").
   */
  readonly redisVersion: string;
  /**
   * Valkey's extended-redis-compatibility (from 8.0): while it is yes, HELLO, INFO and the
   * texts above answer as Redis 7.2.4 would ("redis", "Redis", redis_mode).
   */
  readonly redisCompatibility: boolean;
  /** INFO server's leading fields: redis_version, and Valkey's server_name and valkey_version. */
  readonly infoIdentity: ReadonlyArray<readonly [string, string]>;
  /**
   * INFO server's fields that come and go: monotonic_clock and io_threads_active (Redis 7.0+,
   * Valkey), atomicvar_api (Redis, KeyDB), availability_zone (Valkey 8, KeyDB), listenerN
   * lines (7.2+), KeyDB's closing `features` line.
   */
  readonly infoServer: {
    readonly monotonicClock: boolean;
    /** REDIS_ATOMIC_API: "c11-builtin" (C11 atomics, Redis), "atomic-builtin" (KeyDB, compiled as C++); none in Valkey. */
    readonly atomicvarApi: string | undefined;
    readonly ioThreadsActive: boolean;
    readonly availabilityZone: boolean;
    readonly listeners: boolean;
    readonly features?: string;
    /** clients_hz after configured_hz (Valkey 8.1+: the rate clientsCron ran at). */
    readonly clientsHz?: boolean;
  };
  /**
   * INFO sections the server has or lacks beyond Redis 7.0's (false: absent, true: present):
   * KeyDB 6.3 has no latencystats (Redis 6.2) and adds `keydb`, with `cached_keys` in keyspace.
   */
  readonly infoSections: Readonly<Record<string, boolean>>;
  /** The fields and sections Redis added to INFO after 7.0 that this server prints (profile-info.ts). */
  readonly info: InfoLayout;
  /** Configuration parameters renamed, re-defaulted or added by the server type. */
  readonly config: ProfileConfig;
  /**
   * Over maxmemory, MULTI still queues commands that are not denyoom (Redis 7.4, Valkey 8.0);
   * before, everything but EXEC, DISCARD, QUIT and RESET is refused inside MULTI.
   */
  readonly multiQueuesOverMaxmemory: boolean;
  /**
   * Client-side caching of scripts: a read command a script runs has the caller remember
   * the keys that command read (Redis 7.2+, Valkey); before, the keys the script declared.
   */
  readonly trackingScriptReadKeys: boolean;
  /**
   * Redis 6.2's command lookup (KeyDB 6.3): an unknown command's name and arguments quoted
   * in backticks, and a container's unknown subcommand or a subcommand's wrong number of
   * arguments answered by the container (addReplySubcommandSyntaxError's text), since 6.2
   * has no subcommand table.
   */
  readonly legacyCommandLookup: boolean;
  /**
   * Encodings OBJECT ENCODING and DEBUG OBJECT name otherwise: Redis 6.2 (KeyDB 6.3) keeps
   * small hashes and sorted sets in ziplists, which 7.0 replaced with listpacks of the same shape.
   */
  readonly encodingNames: Readonly<Record<string, string>>;
  /**
   * Whose wording errors 7.0 reworded have: Redis 6.2's (KeyDB 6.3: CONFIG SET's
   * "Unsupported CONFIG parameter", "invalid expire time in set") or 7.0's.
   */
  readonly errorTexts: '6.2' | '7.0';
  /**
   * A blocked client that is served runs its command again (Redis 7.2+, Valkey), whose
   * changes count in server.dirty as the command counts them; Redis 7.0 (and KeyDB 6.3)
   * serve BLPOP, BRPOP, BLMOVE and BRPOPLPUSH in blocked.c without counting a change.
   */
  readonly servedBlockedCommandsRerun: boolean;
  /**
   * COMMAND / COMMAND INFO's entries: Redis 6.2's seven fields (KeyDB 6.3), 7.0's ten (a
   * command without subcommands ending in an empty set, addReplySetLen), or Valkey 9's ten
   * ending in an empty array.
   */
  readonly commandInfo: '6.2' | '7.0' | 'valkey-9.0';
  /**
   * Redis 8.2's kvobj: a key is embedded in its value's object, and a string of up to 44
   * bytes is embedded too only while object, key and value fit a 64-byte cache line (key
   * and value at most 41 bytes together: OBJECT ENCODING says raw past that), which also
   * changes a string's MEMORY USAGE. Undefined before.
   */
  readonly embstrKeyedLimit: number | undefined;
  /**
   * A command that blocks is counted (INFO total_commands_processed, commandstats calls)
   * when it ends, from Redis 7.2 (call() skips a client left blocked); 7.0 counts it when called.
   */
  readonly blockedCommandsCountedOnUnblock: boolean;
  /**
   * How MEMORY USAGE sizes lists, sets, sorted sets and hashes: Redis 7's sampling, 8.0's
   * (a quicklist averaged per element), or 8.6's exact allocation accounting (kvobjAllocSize).
   */
  readonly memoryUsage: MemoryUsageModel;
  /**
   * maxmemory-policy's values in CONFIG's order: Redis 8.6 adds volatile-lrm and
   * allkeys-lrm (least recently modified: reads leave a key's idle time as it was).
   */
  readonly evictionPolicies: readonly string[];
  /**
   * RENAME and MOVE keep the moved object's LRU time and LFU counter (Redis 7.0, KeyDB
   * 6.3); from 7.2 (and in Valkey) dbAdd starts them afresh (initObjectLRUOrLFU).
   */
  readonly movedKeyKeepsAccess: boolean;
  /**
   * How string objects are laid out: Redis's (a 16-byte object, embedded up to 44 bytes,
   * MEMORY USAGE in the allocator's size classes) or KeyDB 6.3's (a 32-byte object holding
   * its expire entry, embedded up to 52 bytes, an embedded one counted without rounding).
   */
  readonly stringObjects: 'redis' | 'keydb';
}

/** The identity a server shows: its own, or Redis's while extended-redis-compatibility is on. */
export interface ServerIdentity {
  /** HELLO's `server`. */
  readonly name: string;
  /** HELLO's `version`. */
  readonly version: string;
  /** Texts' server title ("Redis", "Valkey"). */
  readonly title: string;
  /** INFO's `<prefix>_mode` field: redis_mode, or Valkey's server_mode. */
  readonly modeField: string;
}

const VALKEY_REDIS_VERSION = '7.2.4';
const EVICTION_POLICIES = ['volatile-lru', 'volatile-lfu', 'volatile-random', 'volatile-ttl', 'allkeys-lru', 'allkeys-lfu', 'allkeys-random', 'noeviction'];
const EVICTION_POLICIES_86 = [
  'volatile-lru', 'volatile-lfu', 'volatile-random', 'volatile-ttl', 'volatile-lrm', 'allkeys-lru', 'allkeys-lfu', 'allkeys-random', 'allkeys-lrm', 'noeviction',
];
const INFO_7_0 = infoLayout('7.0.15');

/** The profile of a server type and (possibly partial) version: "redis", "7.2". */
export function serverProfile(serverType: ServerType = 'redis', version = '7.0'): ServerProfile {
  const full = resolveVersion(serverType, version);
  const common = { serverType, version: full, metadata: metadataFor(serverType, full) };
  if (serverType === 'keydb') {
    // KeyDB 6.3 is Redis 6.2 underneath: it answers HELLO as "redis" at its own version
    // (networking.cpp) and INFO's redis_version is KEYDB_SET_VERSION, 6.3.4.
    return {
      ...common,
      doubleFormat: 'printf17g',
      serverName: 'redis',
      title: 'KeyDB',
      redisVersion: full,
      redisCompatibility: false,
      infoIdentity: [['redis_version', full]],
      infoServer: { monotonicClock: false, atomicvarApi: 'atomic-builtin', ioThreadsActive: false, availabilityZone: true, listeners: false, features: 'cluster_mget' },
      infoSections: { ...INFO_7_0.sections, latencystats: false, keydb: true },
      info: INFO_7_0,
      config: KEYDB_6_3_CONFIG,
      multiQueuesOverMaxmemory: false,
      trackingScriptReadKeys: false,
      legacyCommandLookup: true,
      errorTexts: '6.2',
      servedBlockedCommandsRerun: false,
      commandInfo: '6.2',
      encodingNames: { listpack: 'ziplist' },
      embstrKeyedLimit: undefined,
      blockedCommandsCountedOnUnblock: false,
      memoryUsage: '7.0',
      evictionPolicies: EVICTION_POLICIES,
      movedKeyKeepsAccess: true,
      stringObjects: 'keydb',
    };
  }
  const valkey = serverType === 'valkey';
  const valkey8 = valkey && compareVersions(full, '8.0.0') >= 0;
  const valkey81 = valkey && compareVersions(full, '8.1.0') >= 0;
  // Valkey keeps the INFO of Redis 7.0 here (its own later fields are not modelled yet).
  const info = serverType === 'redis' ? infoLayout(full) : INFO_7_0;
  return {
    ...common,
    doubleFormat: serverType === 'redis' && compareVersions(full, '7.2.0') < 0 ? 'printf17g' : 'shortest',
    serverName: serverType,
    title: valkey ? 'Valkey' : serverType === 'redis' ? 'Redis' : 'Dragonfly',
    redisVersion: valkey ? VALKEY_REDIS_VERSION : full,
    redisCompatibility: valkey8,
    infoIdentity: valkey
      ? [['redis_version', VALKEY_REDIS_VERSION], ['server_name', 'valkey'], ['valkey_version', full], ...(valkey81 ? [['valkey_release_stage', 'ga'] as const] : [])]
      : [['redis_version', full]],
    infoServer: {
      monotonicClock: true,
      atomicvarApi: valkey ? undefined : 'c11-builtin',
      ioThreadsActive: true,
      availabilityZone: valkey8,
      listeners: valkey || compareVersions(full, '7.2.0') >= 0,
      clientsHz: valkey81,
    },
    infoSections: { ...info.sections, keydb: false },
    info,
    config: valkey8 ? valkeyConfig(full) : serverType === 'redis' ? redisConfig(full) : redisConfig('7.0.15'),
    multiQueuesOverMaxmemory: valkey8 || (serverType === 'redis' && compareVersions(full, '7.4.0') >= 0),
    trackingScriptReadKeys: valkey || (serverType === 'redis' && compareVersions(full, '7.2.0') >= 0),
    legacyCommandLookup: false,
    errorTexts: '7.0',
    servedBlockedCommandsRerun: valkey || (serverType === 'redis' && compareVersions(full, '7.2.0') >= 0),
    commandInfo: valkey && compareVersions(full, '9.0.0') >= 0 ? 'valkey-9.0' : '7.0',
    encodingNames: {},
    embstrKeyedLimit: serverType === 'redis' && compareVersions(full, '8.2.0') >= 0 ? 41 : undefined,
    blockedCommandsCountedOnUnblock: serverType === 'redis' && compareVersions(full, '7.2.0') >= 0,
    evictionPolicies: serverType === 'redis' && compareVersions(full, '8.6.0') >= 0 ? EVICTION_POLICIES_86 : EVICTION_POLICIES,
    movedKeyKeepsAccess: serverType === 'redis' && compareVersions(full, '7.2.0') < 0,
    stringObjects: 'redis',
    memoryUsage: serverType !== 'redis' ? '7.0' : compareVersions(full, '8.6.0') >= 0 ? '8.6' : compareVersions(full, '8.0.0') >= 0 ? '8.0' : '7.0',
  };
}

let fallback: ServerProfile | undefined;

/**
 * The profile a FakeServer gets when its options name none: Redis 7.0, unless a test
 * harness chose another (the conformance runner's FAKEREDIS_CONFORMANCE_AS).
 */
export function defaultProfile(): ServerProfile {
  return fallback ?? serverProfile('redis', '7.0');
}

/** Sets (or, with undefined, resets) the profile FakeServers get by default in this process. */
export function setDefaultProfile(profile: ServerProfile | undefined): void {
  fallback = profile;
}

/**
 * The identity of a profile; `compat` is the extended-redis-compatibility setting (only
 * Valkey has it): Valkey then names itself Redis 7.2.4, as networking.c's HELLO and
 * server.c's INFO do.
 */
export function serverIdentity(profile: ServerProfile, compat = false): ServerIdentity {
  if (profile.redisCompatibility && compat) return { name: 'redis', version: profile.redisVersion, title: 'Redis', modeField: 'redis_mode' };
  return {
    name: profile.serverName,
    version: profile.version,
    title: profile.title,
    modeField: profile.redisCompatibility ? 'server_mode' : 'redis_mode',
  };
}

/** The identity a server shows now (Valkey's extended-redis-compatibility is read live). */
export function identityOf(server: { readonly profile: ServerProfile; readonly config: { lookup(name: string): unknown; getBoolean(name: string): boolean } }): ServerIdentity {
  const compat = server.profile.redisCompatibility && server.config.lookup('extended-redis-compatibility') !== undefined && server.config.getBoolean('extended-redis-compatibility');
  return serverIdentity(server.profile, compat);
}

/**
 * True when a command's metadata names an argument token ("CLIENT KILL", "MAXAGE"): an
 * option the server type and version have, decided by the command files, not by a version test.
 */
export function hasArgumentToken(profile: ServerProfile, command: string, token: string): boolean {
  const wanted = token.toLowerCase();
  const search = (args: readonly ArgumentSpec[] | undefined): boolean =>
    (args ?? []).some((arg) => arg.token?.toLowerCase() === wanted || search(arg.arguments));
  return search(profile.metadata.commands[command]?.arguments);
}

/**
 * True when a command's metadata records a change of that version in its history ("SET",
 * "7.0.0": NX and GET together): a behaviour the server type and version have, decided by
 * the command files (KeyDB 6.3's, on Redis 6.2, lack 7.0's entries).
 */
export function hasHistoryEntry(profile: ServerProfile, command: string, version: string): boolean {
  return profile.metadata.commands[command]?.history?.some(([v]) => v === version) === true;
}

/** True when the profile's version is at least `version` (for option gates). */
export function versionAtLeast(profile: ServerProfile, version: string): boolean {
  return compareVersions(profile.version, version) >= 0;
}
