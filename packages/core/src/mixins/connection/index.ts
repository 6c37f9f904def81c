import { defineMixin } from '../../dispatch/mixin.js';
import { auth } from './auth.js';
import { clientHelp } from './client/help.js';
import { clientGetName, clientId, clientSetInfo, clientSetName } from './client/identity.js';
import { clientKill } from './client/kill.js';
import { clientInfo, clientList } from './client/list.js';
import { clientNoEvict, clientNoTouch, clientReply } from './client/modes.js';
import { clientUnblock } from './client/unblock.js';
import { hello } from './hello.js';
import { echo, ping } from './ping-echo.js';
import { quit, reset } from './reset-quit.js';

export { authenticate, setDefaultAuth, userExists } from './auth.js';
export { describeClient } from './client/describe.js';
export { helpReply } from './help.js';
export { resetConnectionState } from './reset-quit.js';

/**
 * The connection commands: PING, ECHO, HELLO, AUTH, QUIT, RESET and CLIENT (ID,
 * GETNAME, SETNAME, SETINFO, INFO, LIST, KILL, REPLY, NO-EVICT, NO-TOUCH, UNBLOCK, HELP).
 * SETINFO and NO-TOUCH exist from Redis 7.2; the metadata leaves them out before.
 * SELECT, though in Redis's connection group, is the keyspace mixin's (with SWAPDB).
 */
export const ConnectionCommands = defineMixin({
  name: 'ConnectionCommands',
  commands: {
    PING: ping,
    ECHO: echo,
    HELLO: hello,
    AUTH: auth,
    QUIT: quit,
    RESET: reset,
    'CLIENT ID': clientId,
    'CLIENT GETNAME': clientGetName,
    'CLIENT SETNAME': clientSetName,
    'CLIENT SETINFO': clientSetInfo,
    'CLIENT INFO': clientInfo,
    'CLIENT LIST': clientList,
    'CLIENT KILL': clientKill,
    'CLIENT REPLY': clientReply,
    'CLIENT NO-EVICT': clientNoEvict,
    'CLIENT UNBLOCK': clientUnblock,
    'CLIENT NO-TOUCH': clientNoTouch,
    'CLIENT HELP': clientHelp,
  },
});
