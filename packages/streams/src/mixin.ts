import { defineMixin, installValueType } from '@fakeredis/core';
import { XGROUP_CREATE, XGROUP_CREATECONSUMER, XGROUP_DELCONSUMER, XGROUP_DESTROY, XGROUP_HELP, XGROUP_SETID, XSETID } from './commands/group.js';
import { XINFO_CONSUMERS, XINFO_GROUPS, XINFO_HELP, XINFO_STREAM } from './commands/info.js';
import { XACK, XACKDEL, XAUTOCLAIM, XCLAIM, XPENDING } from './commands/pending.js';
import { XREAD, XREADGROUP } from './commands/read.js';
import { XADD, XDEL, XDELEX, XLEN, XRANGE, XREVRANGE, XTRIM } from './commands/write.js';
import { streamPropagation } from './propagate.js';
import { streamType } from './stream.js';

/**
 * The stream commands (Redis 7.0; what 7.2 and 7.4 changed when the profile is theirs, see
 * features.ts). XDELEX and XACKDEL answer only where the profile's metadata has them (8.2).
 */
export const StreamCommands = defineMixin({
  name: 'StreamCommands',
  // Core's generic commands (RESTORE, RDB loading) reach the type through it.
  install(server) {
    installValueType(server, streamType);
  },
  commands: {
    XADD, XTRIM, XDEL, XDELEX, XACKDEL, XLEN, XRANGE, XREVRANGE, XREAD, XREADGROUP, XACK, XPENDING, XCLAIM, XAUTOCLAIM, XSETID,
    XGROUP_CREATE, XGROUP_SETID, XGROUP_DESTROY, XGROUP_CREATECONSUMER, XGROUP_DELCONSUMER, XGROUP_HELP,
    XINFO_STREAM, XINFO_GROUPS, XINFO_CONSUMERS, XINFO_HELP,
  },
  propagation: streamPropagation,
});
