import { aclCommandsChanged } from '../acl/state.js';
import type { FakeServer } from '../server.js';
import { type Mixin } from './mixin.js';
import { resolveHandlers } from './table.js';

/**
 * Adds mixins to a running server, as MODULE LOAD registers a module: the command table
 * gains their commands (COMMAND COUNT, INFO, LIST, DOCS and lookups see them at once, on
 * every connection), their install() runs (value types, config parameters, INFO fields),
 * and ACL users keep their rules over the larger command set. A command another mixin
 * already has is refused before anything changes.
 */
export function installMixins(server: FakeServer, mixins: readonly Mixin[]): void {
  const all = Object.freeze([...server.mixins, ...mixins]);
  resolveHandlers(all);
  server.mixins = all;
  server.commands.install(all);
  for (const mixin of mixins) mixin.install?.(server);
  aclCommandsChanged(server);
}
