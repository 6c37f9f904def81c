import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CommandTable, serverProfile, type ServerProfile } from '@fakeredis/core';
import { modules } from '@fakeredis/server';
import { describe, expect, it } from 'vitest';
import { stackMixins } from '../src/index.js';

// COMPATIBILITY.md is generated from the command metadata and the installed mixins, so it
// cannot drift: this test fails when it is stale. `pnpm compat` rewrites it.
const file = resolve(__dirname, '../../../COMPATIBILITY.md');
const profiles: Array<[string, ServerProfile]> = [
  ['redis 7.0', serverProfile('redis', '7.0')],
  ['redis 7.2', serverProfile('redis', '7.2')],
  ['redis 7.4', serverProfile('redis', '7.4')],
  ['redis 8.0', serverProfile('redis', '8.0')],
  ['valkey 8.0', serverProfile('valkey', '8.0')],
  ['valkey 8.1', serverProfile('valkey', '8.1')],
  ['valkey 9.1', serverProfile('valkey', '9.1')],
  ['keydb 6.3', serverProfile('keydb', '6.3')],
];

function providers(profile: ServerProfile): Map<string, string> {
  const byCommand = new Map<string, string>();
  for (const module of modules) {
    const table = new CommandTable(profile.metadata, module.mixins);
    for (const entry of table.all()) if (entry.handler) byCommand.set(entry.name, module.packageName);
  }
  return byCommand;
}

export function compatibilityTable(): string {
  const installed = profiles.map(([, profile]) => providers(profile));
  const groups = new Map<string, Set<string>>();
  for (const [, profile] of profiles) {
    for (const [name, spec] of Object.entries(profile.metadata.commands)) {
      if (spec.arity === undefined || isContainer(profile, name)) continue;
      const set = groups.get(spec.group) ?? new Set<string>();
      set.add(name);
      groups.set(spec.group, set);
    }
  }
  const names = profiles.map(([label]) => label);
  const lines = [
    '# Compatibility',
    '',
    'Which commands fakeredis answers, per command group, server type and version. Generated from',
    'the command metadata and the installed modules by `pnpm compat`; a test fails when it is',
    'stale. A command marked `-` answers exactly as the real server answers an unknown command;',
    'one absent from a version does not exist there. The Valkey 8.0 column is checked against a',
    'valkey-server 8.0.1 build; Valkey 8.1 and 9.1 are their command metadata with the modules\'',
    'Redis behaviour where no real Valkey of that version was compared (e.g. 9.x hash field expiration).',
    'The KeyDB 6.3 column is keydb-server 6.3.4\'s command table (Redis 6.2 and KeyDB\'s own commands),',
    'checked against a keydb-server 6.3.4 build.',
    '',
    '## Summary',
    '',
    `| group | ${names.join(' | ')} |`,
    `| --- | ${names.map(() => '---:').join(' | ')} |`,
  ];
  const sortedGroups = [...groups.keys()].sort();
  for (const group of sortedGroups) {
    const commands = groups.get(group) as Set<string>;
    const cells = profiles.map(([, profile], i) => {
      const existing = [...commands].filter((c) => profile.metadata.commands[c] !== undefined);
      const done = existing.filter((c) => installed[i]?.has(c)).length;
      return `${done} / ${existing.length}`;
    });
    lines.push(`| ${group} | ${cells.join(' | ')} |`);
  }
  for (const group of sortedGroups) {
    lines.push('', `## ${group}`, '', `| command | ${names.join(' | ')} | package |`, `| --- | ${names.map(() => ':---:').join(' | ')} | --- |`);
    for (const command of [...(groups.get(group) as Set<string>)].sort()) {
      const cells = profiles.map(([, profile], i) =>
        profile.metadata.commands[command] === undefined ? 'n/a' : installed[i]?.has(command) ? 'yes' : '-',
      );
      const pkg = installed.map((m) => m.get(command)).find((p) => p !== undefined) ?? '';
      lines.push(`| ${command} | ${cells.join(' | ')} | ${pkg} |`);
    }
  }
  lines.push(...stackSection(), ...builtInModulesSection());
  return `${lines.join('\n')}\n`;
}

/**
 * Modules built into a server version (Redis 8's vector sets): their commands come from
 * their mixin's metadata overlays, not the command files, so they get their own table.
 */
function builtInModulesSection(): string[] {
  const mixins = modules.flatMap((m) => m.mixins.filter((mixin) => mixin.redisModule?.builtInSince !== undefined).map((mixin) => [m.packageName, mixin] as const));
  if (mixins.length === 0) return [];
  const names = profiles.map(([label]) => label);
  const lines = [
    '', '## Modules built into the server', '',
    'Redis 8 builds the `vectorset` module into redis-server; fakeredis answers its commands on the Redis 8.x profiles',
    '(checked against redis-server 8.0.6 and 8.6.3; VRANGE exists from 8.4). VLINKS, which reports the HNSW graph fakeredis',
    'does not model, answers as an unknown command.',
    '', `| command | ${names.join(' | ')} | module | package |`, `| --- | ${names.map(() => ':---:').join(' | ')} | --- | --- |`,
  ];
  for (const [packageName, mixin] of mixins) {
    const tables = profiles.map(([, profile]) => new CommandTable(profile.metadata, [mixin]));
    const commands = [...new Set((mixin.metadata ?? []).flatMap((overlay) => Object.keys(overlay.changed ?? {})))].sort();
    for (const command of commands) {
      const cells = tables.map((table) => ([...table.all()].some((entry) => entry.name === command && entry.handler) ? 'yes' : 'n/a'));
      lines.push(`| ${command} | ${cells.join(' | ')} | ${mixin.redisModule?.name ?? ''} | ${packageName} |`);
    }
  }
  return lines;
}

/** The Redis Stack modules' commands @fakeredis/stack answers: each stack mixin's metadata overlay names them. */
function stackSection(): string[] {
  const lines = [
    '', '## Redis Stack modules', '',
    'In FakeStackServer, FakeRedisStack and createStackClient (Redis 7.4 with `stackMixins`), and in',
    'fakeredis-server started with `--loadmodule <dir>/redisbloom.so`, `<dir>/redistimeseries.so` or `<dir>/rejson.so`; checked against the real',
    'modules (RedisJSON, which cannot be built here, against its own tests). Commands of a module that are not listed answer as unknown commands.',
    '', '| command | module | mixin | package |', '| --- | --- | --- | --- |',
  ];
  for (const mixin of stackMixins) {
    const names = (mixin.metadata ?? []).flatMap((overlay) => Object.keys(overlay.changed ?? {}));
    for (const name of names.sort()) lines.push(`| ${name} | ${mixin.redisModule?.name ?? ''} | ${mixin.name} | @fakeredis/stack |`);
  }
  return lines;
}

/** Containers (CONFIG, CLIENT ...) are counted through their subcommands. */
function isContainer(profile: ServerProfile, name: string): boolean {
  return Object.values(profile.metadata.commands).some((spec) => spec.container === name);
}

describe('COMPATIBILITY.md', () => {
  it('is current', () => {
    const table = compatibilityTable();
    if (process.env.FAKEREDIS_WRITE_COMPAT) writeFileSync(file, table);
    expect(readFileSync(file, 'utf8') === table, 'run `pnpm compat`').toBe(true);
  });
});
