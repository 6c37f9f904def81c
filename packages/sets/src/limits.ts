import type { FakeServer } from '@fakeredis/core';

/** Redis caps intsets at 2^30 entries whatever set-max-intset-entries says. */
const INTSET_HARD_LIMIT = 2 ** 30;

/** The encoding thresholds in force when a set is written, read from the config then. */
export interface SetLimits {
  /** set-max-intset-entries, capped as Redis caps it. */
  readonly intsetEntries: number;
  /** Redis 7.2+: set-max-listpack-entries and -value; absent before (no listpack sets). */
  readonly listpack?: { readonly entries: number; readonly value: number };
}

export function setLimits(server: FakeServer): SetLimits {
  const config = server.config;
  const intsetEntries = Math.min(config.getNumber('set-max-intset-entries'), INTSET_HARD_LIMIT);
  if (!server.versionAtLeast('7.2.0')) return { intsetEntries };
  return {
    intsetEntries,
    listpack: { entries: config.getNumber('set-max-listpack-entries'), value: config.getNumber('set-max-listpack-value') },
  };
}
