import type { Bytes } from '../../bytes.js';
import type { CommandHandler } from '../../dispatch/mixin.js';
import { errWrongArity } from '../../errors/index.js';
import { PONG } from '../../reply.js';

/** PING [message]: PONG or the message; a RESP2 client in subscribed mode gets ["pong", message]. */
export const PING: CommandHandler = (client, argv) => {
  // The metadata arity is -1; PING itself refuses more than one argument.
  if (argv.length > 2) throw errWrongArity('ping');
  const message = argv[1];
  if (client.inSubscribedContext) return ['pong' as Bytes, message ?? ('' as Bytes)];
  return message ?? PONG;
};

/** ECHO message. */
export const ECHO: CommandHandler = (_client, argv) => argv[1] as Bytes;
