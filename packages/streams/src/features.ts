import { compareVersions, defineModuleState, hasArgumentToken, type FakeServer, type ServerProfile } from '@fakeredis/core';

/**
 * What the emulated server's streams do differently from Redis 7.0, decided once from the
 * profile. Handlers ask these; this file alone reads versions. Valkey forked from Redis's
 * development branch after 7.2.4: its streams (8.0.1's t_stream.c and blocked.c) have what
 * Redis 7.4 has here.
 */
export interface StreamFeatures {
  /**
   * Redis 7.2: consumers have an active time beside their seen time (XINFO CONSUMERS
   * `inactive`, XINFO STREAM FULL `active-time`, a 32-byte consumer struct); only reads and
   * claims refresh the seen time; XREADGROUP, XCLAIM and XAUTOCLAIM create their consumer
   * before reading or claiming anything.
   */
  readonly consumerActiveTime: boolean;
  /**
   * Redis 7.2: a woken blocked XREAD / XREADGROUP runs again from its arguments (`$` fixed
   * at blocking time): it may serve several streams, errors as the command would, or
   * blocks again at the end of the queue. An XREADGROUP also wakes when its key goes or
   * changes type.
   */
  readonly reexecuteBlocked: boolean;
  /** Redis 7.2.0 to 7.2.4: a command that blocks again counts its timeout from then (fixed in 7.2.5). */
  readonly timeoutRestartsWhenBlockedAgain: boolean;
  /** Redis 7.2: "Unbalanced 'xread' list of streams ... or '$' ..." names the command. */
  readonly unbalancedNamesCommand: boolean;
  /** Redis 7.2: XSETID refuses an id below the stream's max-deleted-entry-id. */
  readonly xsetidChecksMaxDeleted: boolean;
  /** Redis 7.2: `ms-*` past the last sequence of that ms answers "equal or smaller" (7.0: "too large"). */
  readonly exhaustedSeqIsTooSmall: boolean;
  /** Redis 7.0 and 7.2: XREAD / XREADGROUP ... BLOCK from a script is an error (7.4: as in MULTI). */
  readonly blockInScriptIsError: boolean;
  /** Redis 7.4: XREAD's `+` id reads the last entry. */
  readonly xreadLastEntry: boolean;
  /**
   * Redis 8.2: XADD and XTRIM take KEEPREF / DELREF / ACKED (how trimmed entries treat
   * the groups' PELs), as their metadata lists the tokens.
   */
  readonly xaddRefOptions: boolean;
  /**
   * Redis 8.0 (checked against 8.0.6 and 8.6.3): XREADGROUP counts entries-read on only from a last id
   * inside the stream with no tombstone after it; an id before the max deleted id has no
   * estimated counter; the lag of an emptied stream is 0, and the length when the group's
   * last id and the deletions are all before the first entry; XREADGROUP propagates the
   * group's last id after every read; XREAD's unbalanced-streams error names `'+'`.
   */
  readonly groupCounters8: boolean;
  readonly xtrimRefOptions: boolean;
  /**
   * Redis 8.6: idempotent producers (XADD's IDMP / IDMPAUTO, XCFGSET, XIDMPRECORD, XINFO's
   * idmp fields, the stream-idmp-* parameters, RDB_TYPE_STREAM_LISTPACKS_4), as XADD's
   * metadata lists IDMPAUTO.
   */
  readonly idmp: boolean;
  /**
   * Redis 8.6 (checked against 8.6.3; 8.0.6 still answers as 7.x): MEMORY USAGE of a stream
   * is the key's object (the name embedded) plus the allocations the stream counts as it
   * makes them (alloc_size), not 7.x's sampled estimate.
   */
  readonly allocSize: boolean;
}

/** The Redis version whose stream behaviour a profile has. */
function redisEquivalent(profile: ServerProfile): string {
  if (profile.serverType === 'redis') return profile.version;
  if (profile.serverType === 'valkey') return '7.4.0';
  return '7.0.0';
}

export function featuresOf(profile: ServerProfile): StreamFeatures {
  const version = redisEquivalent(profile);
  const redis72 = compareVersions(version, '7.2.0') >= 0;
  const redis74 = compareVersions(version, '7.4.0') >= 0;
  const redis725 = compareVersions(version, '7.2.5') >= 0;
  return {
    consumerActiveTime: redis72,
    reexecuteBlocked: redis72,
    timeoutRestartsWhenBlockedAgain: redis72 && !redis725,
    unbalancedNamesCommand: redis72,
    xsetidChecksMaxDeleted: redis72,
    exhaustedSeqIsTooSmall: redis72,
    blockInScriptIsError: !redis74,
    xreadLastEntry: redis74,
    groupCounters8: profile.serverType === 'redis' && compareVersions(version, '8.0.0') >= 0,
    xaddRefOptions: hasArgumentToken(profile, 'XADD', 'KEEPREF'),
    xtrimRefOptions: hasArgumentToken(profile, 'XTRIM', 'KEEPREF'),
    idmp: hasArgumentToken(profile, 'XADD', 'IDMPAUTO'),
    allocSize: profile.serverType === 'redis' && compareVersions(version, '8.6.0') >= 0,
  };
}

const featuresState = defineModuleState('streams.features', (server) => featuresOf(server.profile));

/** The stream features of a server. */
export function streamFeatures(server: FakeServer): StreamFeatures {
  return server.moduleState(featuresState);
}
