import { coreMixins, type Mixin } from '@fakeredis/core';
import { BitmapCommands, HyperLogLogCommands, StringCommands } from '@fakeredis/strings';

/**
 * Every command mixin of every fakeredis module, in installation order. The CLI and
 * @fakeredis/all build their servers from it; add a module's mixins here when it lands.
 */
export const allMixins: readonly Mixin[] = Object.freeze([
  ...coreMixins,
  StringCommands,
  BitmapCommands,
  HyperLogLogCommands,
]);
