import generated from './commands.generated.json' with { type: 'json' };
import { builtinOverlays } from './overlays/index.js';
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

const extraOverlays: MetadataOverlay[] = [];

/**
 * Registers an overlay for a version newer than the generated files (Redis 7.4, 8.x,
 * Valkey 8.1+ ...), written from that version's documentation. Overlays for one server
 * type apply in version order on top of the newest generated version of that type.
 * A second overlay for the same version adds its entries to the first one's.
 */
export function registerOverlay(overlay: MetadataOverlay): void {
  const index = extraOverlays.findIndex((o) => o.server === overlay.server && o.version === overlay.version);
  if (index < 0) {
    extraOverlays.push(overlay);
    return;
  }
  const existing = extraOverlays[index] as MetadataOverlay;
  extraOverlays[index] = {
    ...existing,
    changed: { ...existing.changed, ...overlay.changed },
    removed: [...new Set([...existing.removed, ...overlay.removed])],
  };
}

for (const overlay of builtinOverlays) registerOverlay(overlay);

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

/** Full versions known for a server type: generated ones and registered overlays. */
export function knownVersions(server: ServerType): string[] {
  const versions = server === 'redis' ? [data.base.version] : [];
  for (const o of [...data.overlays, ...extraOverlays]) if (o.server === server) versions.push(o.version);
  return versions.sort(compareVersions);
}

/**
 * The metadata of a server type at a version. `version` may be partial ("7.2" picks the
 * newest known 7.2.x). Redis versions chain their overlays from 7.0.15; Valkey starts
 * from its generated 8.0.1 entry (itself an overlay of Redis 7.0.15).
 */
export function metadataFor(server: ServerType, version: string): CommandMetadata {
  const all = [...data.overlays, ...extraOverlays].filter((o) => o.server === server);
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
