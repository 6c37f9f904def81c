import { compose } from '@fakeredis/composer';
import { coreMixins } from '@fakeredis/core';
import { StringCommands } from '@fakeredis/strings';
import { PubSubCommands } from '../../src/index.js';

/** A Redis 7.0 server class with core's mixins, strings and pub/sub. */
export const PubSubServer = compose({ version: '7.0', mixins: [...coreMixins, StringCommands, PubSubCommands] });
export const PubSubServer72 = compose({ version: '7.2', mixins: [...coreMixins, StringCommands, PubSubCommands] });

/** Resolves with the arguments of the next `event` an emitter fires. */
export function nextEvent<T extends unknown[]>(emitter: { once(event: string, listener: (...args: never[]) => void): unknown }, event: string): Promise<T> {
  return new Promise((resolve) => emitter.once(event, ((...args: T) => resolve(args)) as never));
}
