import type { Bytes } from '../../../bytes.js';
import type { CommandHandler } from '../../../dispatch/mixin.js';
import { ERR_SYNTAX } from '../../../errors/index.js';
import { NO_REPLY, OK } from '../../../reply.js';

/** ON or OFF, case-insensitive; anything else is a syntax error. */
function onOff(arg: Bytes): boolean {
  const value = arg.toLowerCase();
  if (value === 'on') return true;
  if (value === 'off') return false;
  throw ERR_SYNTAX;
}

/**
 * CLIENT REPLY ON|OFF|SKIP. OFF and SKIP send no reply of their own; SKIP drops the
 * next command's reply and does nothing while replies are OFF (client.reply applies it).
 */
export const CLIENT_REPLY: CommandHandler = (client, argv) => {
  switch ((argv[2] as Bytes).toLowerCase()) {
    case 'on':
      client.replyMode = 'on';
      return OK;
    case 'off':
      client.replyMode = 'off';
      return NO_REPLY;
    case 'skip':
      if (client.replyMode !== 'off') client.replyMode = 'skip';
      return NO_REPLY;
    default:
      throw ERR_SYNTAX;
  }
};

/** CLIENT NO-EVICT ON|OFF. */
export const CLIENT_NO_EVICT: CommandHandler = (client, argv) => {
  client.noEvict = onOff(argv[2] as Bytes);
  return OK;
};

/** CLIENT NO-TOUCH ON|OFF (Redis 7.2): reads by this client leave LRU/LFU data alone. */
export const CLIENT_NO_TOUCH: CommandHandler = (client, argv) => {
  client.noTouch = onOff(argv[2] as Bytes);
  return OK;
};
