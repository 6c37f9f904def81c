import generated from './commands.generated.json' with { type: 'json' };
import type { CommandMetadata, MetadataOverlay, ServerType } from './types.js';

export * from './types.js';

const data = generated as unknown as { base: CommandMetadata; overlays: MetadataOverlay[] };

/** Applies overlays in order to a base, giving the metadata of a later version. */
export function applyOverlays(base: CommandMetadata, overlays: MetadataOverlay[]): CommandMetadata {
  const commands = { ...base.commands };
  let last: Pick<CommandMetadata, 'server' | 'version'> = base;
  for (const overlay of overlays) {
    for (const name of overlay.removed) delete commands[name];
    Object.assign(commands, overlay.changed);
    last = overlay;
  }
  return { server: last.server, version: last.version, commands };
}

/** Every command name in the generated metadata, of any server type and version. */
export function generatedCommandNames(): Set<string> {
  const names = new Set(Object.keys(data.base.commands));
  for (const overlay of data.overlays) for (const name of Object.keys(overlay.changed)) names.add(name);
  return names;
}

/**
 * The metadata a server type and version has once mixins add their own (Mixin.metadata):
 * each mixin overlay of that server type whose version is not newer applies, in version
 * order, over the generated metadata.
 */
export function withMixinMetadata(metadata: CommandMetadata, overlays: readonly MetadataOverlay[]): CommandMetadata {
  const applicable = overlays
    .filter((o) => o.server === metadata.server && compareVersions(o.version, metadata.version) <= 0)
    .sort((a, b) => compareVersions(a.version, b.version));
  if (applicable.length === 0) return metadata;
  const commands = { ...metadata.commands };
  for (const overlay of applicable) {
    for (const name of overlay.removed) delete commands[name];
    Object.assign(commands, overlay.changed);
  }
  return { server: metadata.server, version: metadata.version, commands };
}

/** Compares dotted versions numerically ("7.2.4" > "7.0.15"). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Full versions known for a server type: those of the generated command files. */
export function knownVersions(server: ServerType): string[] {
  const versions = server === 'redis' ? [data.base.version] : [];
  for (const o of data.overlays) if (o.server === server) versions.push(o.version);
  return versions.sort(compareVersions);
}

/**
 * The metadata of a server type at a version. `version` may be partial ("7.2" picks the
 * newest known 7.2.x). Redis versions chain their overlays from 7.0.15; Valkey starts
 * from its generated 8.0.1 entry (itself an overlay of Redis 7.0.15).
 */
export function metadataFor(server: ServerType, version: string): CommandMetadata {
  const all = data.overlays.filter((o) => o.server === server);
  const full = resolveVersion(server, version);
  if (server === 'redis') {
    const chain = all
      .filter((o) => compareVersions(o.version, full) <= 0)
      .sort((a, b) => compareVersions(a.version, b.version));
    return applyOverlays(data.base, chain);
  }
  const generatedOne = data.overlays.find((o) => o.server === server);
  if (!generatedOne) throw new Error(`no command metadata for ${server}`);
  const chain = all
    .filter((o) => o !== generatedOne && compareVersions(o.version, full) <= 0)
    .sort((a, b) => compareVersions(a.version, b.version));
  return applyOverlays(data.base, [generatedOne, ...chain]);
}

/** The newest known full version matching a partial one ("7.2" -> "7.2.4"). */
export function resolveVersion(server: ServerType, version: string): string {
  const matches = knownVersions(server).filter(
    (v) => v === version || v.startsWith(`${version}.`),
  );
  const found = matches.at(-1);
  if (!found) throw new Error(`unknown ${server} version ${version}; known: ${knownVersions(server).join(', ')}`);
  return found;
}
