import { type ConfigParameter, ConfigError, defineMixin, type FakeServer, installValueType, tryParseInt64 } from '@fakeredis/core';
import { XGROUP_CREATE, XGROUP_CREATECONSUMER, XGROUP_DELCONSUMER, XGROUP_DESTROY, XGROUP_HELP, XGROUP_SETID, XSETID } from './commands/group.js';
import { XCFGSET, XIDMPRECORD } from './commands/idmp.js';
import { XINFO_CONSUMERS, XINFO_GROUPS, XINFO_HELP, XINFO_STREAM } from './commands/info.js';
import { XACK, XACKDEL, XAUTOCLAIM, XCLAIM, XPENDING } from './commands/pending.js';
import { XREAD, XREADGROUP } from './commands/read.js';
import { XADD, XDEL, XDELEX, XLEN, XRANGE, XREVRANGE, XTRIM } from './commands/write.js';
import { streamPropagation } from './propagate.js';
import { streamFeatures } from './features.js';
import { IDMP_MAX_DURATION, IDMP_MAX_MAXSIZE, IDMP_MIN_DURATION, IDMP_MIN_MAXSIZE } from './idmp.js';
import { streamType } from './stream.js';

/** Redis 8.6's stream-idmp-duration and stream-idmp-maxsize: the limits a new stream starts with. */
function defineIdmpConfig(server: FakeServer): void {
  const param = (name: string, lower: number, upper: number): ConfigParameter => ({
    name,
    default: '100',
    parse(value) {
      const n = tryParseInt64(value);
      if (n === undefined) throw new ConfigError("argument couldn't be parsed into an integer");
      if (n < BigInt(lower) || n > BigInt(upper)) throw new ConfigError(`argument must be between ${lower} and ${upper} inclusive`);
      return n.toString();
    },
  });
  server.config.define(param('stream-idmp-duration', IDMP_MIN_DURATION, IDMP_MAX_DURATION));
  server.config.define(param('stream-idmp-maxsize', IDMP_MIN_MAXSIZE, IDMP_MAX_MAXSIZE));
}

/**
 * The stream commands (Redis 7.0; what 7.2 and 7.4 changed when the profile is theirs, see
 * features.ts). XDELEX and XACKDEL answer only where the profile's metadata has them (8.2).
 */
export const StreamCommands = defineMixin({
  name: 'StreamCommands',
  // Core's generic commands (RESTORE, RDB loading) reach the type through it.
  install(server) {
    installValueType(server, streamType);
    if (streamFeatures(server).idmp) defineIdmpConfig(server);
  },
  commands: {
    XADD, XTRIM, XDEL, XDELEX, XACKDEL, XLEN, XRANGE, XREVRANGE, XREAD, XREADGROUP, XACK, XPENDING, XCLAIM, XAUTOCLAIM, XSETID,
    XGROUP_CREATE, XGROUP_SETID, XGROUP_DESTROY, XGROUP_CREATECONSUMER, XGROUP_DELCONSUMER, XGROUP_HELP,
    XINFO_STREAM, XINFO_GROUPS, XINFO_CONSUMERS, XINFO_HELP, XCFGSET, XIDMPRECORD,
  },
  propagation: streamPropagation,
});
