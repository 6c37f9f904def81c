import { coreMixins, type Mixin } from '@fakeredis/core';
import { GeoCommands } from '@fakeredis/geo';
import { HashCommands } from '@fakeredis/hashes';
import { ListCommands } from '@fakeredis/lists';
import { PubSubCommands } from '@fakeredis/pubsub';
import { SetCommands } from '@fakeredis/sets';
import { FunctionCommands, ScriptingCommands } from '@fakeredis/scripting';
import { StreamCommands } from '@fakeredis/streams';
import { SortedSetCommands } from '@fakeredis/zsets';
import { BitmapCommands, HyperLogLogCommands, StringCommands } from '@fakeredis/strings';
import { BloomCommands, CountMinSketchCommands, CuckooCommands, JsonCommands, TDigestCommands, TimeSeriesCommands, TopKCommands, VectorSetCommands } from '@fakeredis/stack';

/** A published module and the command mixins it exports. */
export interface ModuleMixins {
  readonly packageName: string;
  readonly mixins: readonly Mixin[];
}

/**
 * Every fakeredis module with its mixins, in installation order. The CLI, @fakeredis/all
 * and the compatibility table are built from it; add a module here when it lands.
 */
export const modules: readonly ModuleMixins[] = Object.freeze([
  { packageName: '@fakeredis/core', mixins: coreMixins },
  { packageName: '@fakeredis/strings', mixins: [StringCommands, BitmapCommands, HyperLogLogCommands] },
  { packageName: '@fakeredis/lists', mixins: [ListCommands] },
  { packageName: '@fakeredis/hashes', mixins: [HashCommands] },
  { packageName: '@fakeredis/sets', mixins: [SetCommands] },
  { packageName: '@fakeredis/zsets', mixins: [SortedSetCommands] },
  { packageName: '@fakeredis/geo', mixins: [GeoCommands] },
  { packageName: '@fakeredis/streams', mixins: [StreamCommands] },
  { packageName: '@fakeredis/scripting', mixins: [ScriptingCommands, FunctionCommands] },
  { packageName: '@fakeredis/pubsub', mixins: [PubSubCommands] },
  // Redis 8's built-in vector sets: their commands exist from the 8.0 profiles on.
  { packageName: '@fakeredis/stack', mixins: [VectorSetCommands] },
]);

/** Every command mixin of every module, in installation order. */
export const allMixins: readonly Mixin[] = Object.freeze(modules.flatMap((m) => m.mixins));

/**
 * Redis modules fakeredis emulates, by the file name `loadmodule` names (in any
 * directory): the mixins that answer as the module does. The file itself is not read.
 * They are not in `allMixins`: a server has them only when its configuration loads them.
 */
export const redisModuleFiles: ReadonlyMap<string, readonly Mixin[]> = new Map([
  ['redisbloom.so', [BloomCommands, CuckooCommands, CountMinSketchCommands, TopKCommands, TDigestCommands]],
  ['redistimeseries.so', [TimeSeriesCommands]],
  ['rejson.so', [JsonCommands]],
  ['librejson.so', [JsonCommands]],
]);

/**
 * The mixins of a module loaded from `path` with `args`, showing both in MODULE LIST (the
 * arguments are not acted on); undefined for a file fakeredis does not emulate. It is
 * also the servers' moduleLoader, for MODULE LOAD / LOADEX at run time.
 */
export function loadedModuleMixins(path: string, args: readonly string[] = []): Mixin[] | undefined {
  const mixins = redisModuleFiles.get(path.slice(path.lastIndexOf('/') + 1));
  return mixins?.map((mixin) => (mixin.redisModule === undefined ? mixin : { ...mixin, redisModule: { ...mixin.redisModule, path, args } }));
}
