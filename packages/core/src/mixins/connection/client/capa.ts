import type { Bytes } from '../../../bytes.js';
import type { CommandHandler } from '../../../dispatch/mixin.js';
import { OK } from '../../../reply.js';

/**
 * CLIENT CAPA capability [capability ...] (Valkey 8.0): the client declares what it can
 * handle. REDIRECT lets a replica answer its reads with -REDIRECT to the primary; a
 * standalone primary, which the fake always is, has nothing to redirect; the capability
 * shows in CLIENT LIST (capa=r, 8.1) and unknown ones are ignored.
 */
export const CLIENT_CAPA: CommandHandler = (client, argv) => {
  for (let i = 2; i < argv.length; i++) if ((argv[i] as Bytes).toLowerCase() === 'redirect') client.capaRedirect = true;
  return OK;
};
