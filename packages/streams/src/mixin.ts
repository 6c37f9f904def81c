import { defineMixin } from '@fakeredis/core';
import { XGROUP_CREATE, XGROUP_CREATECONSUMER, XGROUP_DELCONSUMER, XGROUP_DESTROY, XGROUP_HELP, XGROUP_SETID, XSETID } from './commands/group.js';
import { XINFO_CONSUMERS, XINFO_GROUPS, XINFO_HELP, XINFO_STREAM } from './commands/info.js';
import { XACK, XAUTOCLAIM, XCLAIM, XPENDING } from './commands/pending.js';
import { XREAD, XREADGROUP } from './commands/read.js';
import { XADD, XDEL, XLEN, XRANGE, XREVRANGE, XTRIM } from './commands/write.js';

/** The stream commands (Redis 7.0; 7.2's consumer active time when the profile is 7.2 or later). */
export const StreamCommands = defineMixin({
  name: 'StreamCommands',
  commands: {
    XADD, XTRIM, XDEL, XLEN, XRANGE, XREVRANGE, XREAD, XREADGROUP, XACK, XPENDING, XCLAIM, XAUTOCLAIM, XSETID,
    XGROUP_CREATE, XGROUP_SETID, XGROUP_DESTROY, XGROUP_CREATECONSUMER, XGROUP_DELCONSUMER, XGROUP_HELP,
    XINFO_STREAM, XINFO_GROUPS, XINFO_CONSUMERS, XINFO_HELP,
  },
});
