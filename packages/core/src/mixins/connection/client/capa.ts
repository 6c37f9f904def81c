import type { CommandHandler } from '../../../dispatch/mixin.js';
import { OK } from '../../../reply.js';

/**
 * CLIENT CAPA capability [capability ...] (Valkey 8.0): the client declares what it can
 * handle. REDIRECT lets a replica answer its reads with -REDIRECT to the primary; a
 * standalone primary, which the fake always is, has nothing to redirect, and unknown
 * capabilities are ignored, so the command only answers OK.
 */
export const CLIENT_CAPA: CommandHandler = () => OK;
