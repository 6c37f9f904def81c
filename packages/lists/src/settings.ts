import type { FakeServer } from '@fakeredis/core';

/** What list commands read from the server when they write a list. */
export interface ListSettings {
  /** list-max-listpack-size as configured (a new quicklist clamps it to -5 .. 32767). */
  readonly maxListpackSize: number;
  /** Redis 7.2+: small lists are single listpacks ("listpack"), bigger ones quicklists. */
  readonly listpack: boolean;
  /** list-compress-depth, which a new quicklist keeps (DEBUG OBJECT's ql_compressed). */
  readonly compressDepth?: number;
}

export function listSettings(server: FakeServer): ListSettings {
  return {
    maxListpackSize: server.config.getNumber('list-max-listpack-size'),
    listpack: server.versionAtLeast('7.2.0'),
    compressDepth: server.config.getNumber('list-compress-depth'),
  };
}
