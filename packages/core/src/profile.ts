import { compareVersions, metadataFor, resolveVersion, type CommandMetadata, type ServerType } from './metadata/index.js';
import type { DoubleFormat } from './numbers.js';

/** What a composed server emulates: a server type at a full version. */
export interface ServerProfile {
  readonly serverType: ServerType;
  /** Full version, as INFO and HELLO report it ("7.0.15"). */
  readonly version: string;
  readonly metadata: CommandMetadata;
  /** How doubles are printed in replies ("%.17g" before Redis 7.2). */
  readonly doubleFormat: DoubleFormat;
}

/** The profile of a server type and (possibly partial) version: "redis", "7.2". */
export function serverProfile(serverType: ServerType = 'redis', version = '7.0'): ServerProfile {
  const full = resolveVersion(serverType, version);
  return {
    serverType,
    version: full,
    metadata: metadataFor(serverType, full),
    doubleFormat: serverType === 'redis' && compareVersions(full, '7.2.0') < 0 ? 'printf17g' : 'shortest',
  };
}

/** True when the profile's version is at least `version` (for option gates). */
export function versionAtLeast(profile: ServerProfile, version: string): boolean {
  return compareVersions(profile.version, version) >= 0;
}
