import { defineMixin } from '../../dispatch/mixin.js';
import { AUTH } from './auth.js';
import { CLIENT_CAPA } from './client/capa.js';
import { CLIENT_HELP } from './client/help.js';
import { CLIENT_GETNAME, CLIENT_ID, CLIENT_SETINFO, CLIENT_SETNAME } from './client/identity.js';
import { CLIENT_KILL } from './client/kill.js';
import { CLIENT_INFO, CLIENT_LIST } from './client/list.js';
import { CLIENT_NO_EVICT, CLIENT_NO_TOUCH, CLIENT_REPLY } from './client/modes.js';
import { CLIENT_PAUSE, CLIENT_UNPAUSE } from './client/pause.js';
import { CLIENT_CACHING, CLIENT_GETREDIR, CLIENT_TRACKING, CLIENT_TRACKINGINFO } from './client/tracking.js';
import { CLIENT_UNBLOCK } from './client/unblock.js';
import { HELLO } from './hello.js';
import { ECHO, PING } from './ping-echo.js';
import { QUIT, RESET } from './reset-quit.js';

/**
 * The connection commands: PING, ECHO, HELLO, AUTH, QUIT, RESET and CLIENT (ID,
 * GETNAME, SETNAME, SETINFO, INFO, LIST, KILL, REPLY, NO-EVICT, NO-TOUCH, UNBLOCK, PAUSE,
 * UNPAUSE, HELP).
 * SETINFO and NO-TOUCH exist from Redis 7.2; the metadata leaves them out before.
 * SELECT, though in Redis's connection group, is the keyspace mixin's (with SWAPDB).
 */
export const ConnectionCommands = defineMixin({
  name: 'ConnectionCommands',
  commands: {
    PING, ECHO, HELLO, AUTH, QUIT, RESET,
    CLIENT_ID, CLIENT_GETNAME, CLIENT_SETNAME, CLIENT_SETINFO, CLIENT_INFO, CLIENT_LIST, CLIENT_KILL,
    CLIENT_REPLY, CLIENT_NO_EVICT, CLIENT_UNBLOCK, CLIENT_NO_TOUCH, CLIENT_PAUSE, CLIENT_UNPAUSE, CLIENT_HELP,
    CLIENT_TRACKING, CLIENT_CACHING, CLIENT_GETREDIR, CLIENT_TRACKINGINFO, CLIENT_CAPA,
  },
});
