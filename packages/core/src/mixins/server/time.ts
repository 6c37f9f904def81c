import type { Bytes } from '../../bytes.js';
import type { CommandHandler } from '../../dispatch/mixin.js';

/** TIME and LASTSAVE, from the server's clock. */

/** Not the command's time snapshot: TIME reads the clock as Redis calls gettimeofday(). */
export const TIME: CommandHandler = (client) => {
  const now = client.server.clock.now();
  const seconds = Math.floor(now / 1000);
  const micros = Math.floor((now - seconds * 1000) * 1000);
  return [String(seconds) as Bytes, String(micros) as Bytes];
};

export const LASTSAVE: CommandHandler = (client) => client.server.lastSave;
