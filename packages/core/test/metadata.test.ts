import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { metadataFor, resolveVersion } from '../src/metadata/index.js';

const root = resolve(__dirname, '../../..');
const shared = process.env.FAKEREDIS_SHARED_COMMANDS ?? resolve(root, '../shared/commands');

describe('command metadata', () => {
  it.skipIf(!existsSync(shared))('is generated from the current shared command files', async () => {
    const { generate } = await import(resolve(root, 'tooling/scripts/gen-commands.mjs'));
    const committed = readFileSync(resolve(__dirname, '../src/metadata/commands.generated.json'), 'utf8');
    expect(committed === generate(), 'run `pnpm gen:commands`').toBe(true);
  });

  it('chains versions: 7.2 has what 7.0 lacks', () => {
    expect(resolveVersion('redis', '7.0')).toBe('7.0.15');
    expect(resolveVersion('redis', '7.2')).toBe('7.2.4');
    const v70 = metadataFor('redis', '7.0');
    const v72 = metadataFor('redis', '7.2');
    expect(v70.commands['CLIENT SETINFO']).toBeUndefined();
    expect(v72.commands['CLIENT SETINFO']?.since).toBe('7.2.0');
    expect(v70.commands.GET?.arity).toBe(2);
    expect(Object.keys(v70.commands).length).toBe(388);
  });
});
