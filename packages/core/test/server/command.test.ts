import { describe, expect, it } from 'vitest';
import { type Bytes, defineMixin, FakeServer, MapReply, metadataFor, serverProfile, SetReply, SimpleString } from '../../src/index.js';
import { aclCategories, commandFlags, legacyKeyRange } from '../../src/mixins/server/command/describe.js';
import { doesCommandHaveKeys, getKeysFromCommand, getKeysUsingKeySpecs, keyNames } from '../../src/mixins/server/command/keys.js';
import { serverMixins } from './fixtures.js';

const spec = (name: string) => {
  const found = metadataFor('redis', '7.0.15').commands[name];
  if (!found) throw new Error(name);
  return found;
};
const argv = (...args: string[]) => args as Bytes[];

describe('COMMAND COUNT and LIST describe the installed table only', () => {
  const server = new FakeServer({ mixins: serverMixins });

  it('COUNT is the number of installed top-level commands', () => {
    expect(server.call('COMMAND', 'COUNT')).toBe(server.commands.size);
    expect(server.commands.get('get')).toBeDefined();
    expect(server.commands.get('lpush')).toBeUndefined();
  });

  it('LIST names every installed command and subcommand once', () => {
    const names = server.call('COMMAND', 'LIST') as string[];
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('get');
    expect(names).toContain('config|get');
    expect(names).not.toContain('lpush');
    expect(names.length).toBe([...server.commands.all()].length);
  });

  it('LIST FILTERBY PATTERN is case-insensitive and matches full names', () => {
    expect((server.call('COMMAND', 'LIST', 'FILTERBY', 'PATTERN', 'CONFIG|G*') as string[]).sort()).toEqual(['config|get']);
    expect(server.call('COMMAND', 'LIST', 'FILTERBY', 'PATTERN', 'lpush')).toEqual([]);
  });

  it('LIST FILTERBY ACLCAT uses declared and implied categories', () => {
    const fast = server.call('COMMAND', 'LIST', 'FILTERBY', 'ACLCAT', 'FAST') as string[];
    expect(fast).toContain('get');
    expect(fast).not.toContain('config|set');
    const admin = server.call('COMMAND', 'LIST', 'FILTERBY', 'ACLCAT', 'admin') as string[];
    expect(admin).toContain('config|set');
    expect(admin).toContain('shutdown');
    expect(server.call('COMMAND', 'LIST', 'FILTERBY', 'ACLCAT', 'nosuch')).toEqual([]);
  });

  it('COMMAND lists what COMMAND INFO lists, COMMAND DOCS a map of the same names', () => {
    const all = server.call('COMMAND') as unknown[][];
    expect(all.length).toBe(server.commands.size);
    expect(server.call('COMMAND', 'INFO')).toEqual(all);
    const docs = server.call('COMMAND', 'DOCS') as MapReply;
    expect(docs.entries.map(([name]) => name).sort()).toEqual(all.map((info) => info[0]).sort());
  });

  it('a container keeps its own handler whatever order the mixin lists it in', () => {
    const reversed = defineMixin({ name: 'Reversed', commands: { 'COMMAND COUNT': () => 7, COMMAND: () => 'all' as Bytes } });
    const table = new FakeServer({ mixins: [reversed] });
    expect(table.call('COMMAND')).toBe('all');
    expect(table.call('COMMAND', 'COUNT')).toBe(7);
  });

  it('a container lists only its installed subcommands', () => {
    const [config] = server.call('COMMAND', 'INFO', 'config') as unknown[][];
    const subs = (config as unknown[])[9] as unknown[][];
    expect(subs.map((s) => s[0]).sort()).toEqual(['config|get', 'config|help', 'config|resetstat', 'config|rewrite', 'config|set']);
    const [get] = server.call('COMMAND', 'INFO', 'get') as unknown[][];
    expect((get as unknown[])[9]).toEqual(new SetReply([]));
  });
});

describe('command description from metadata', () => {
  it('derives (first, last, step) and movablekeys from key specs', () => {
    expect(legacyKeyRange(spec('GET'))).toEqual({ first: 1, last: 1, step: 1, movable: false });
    expect(legacyKeyRange(spec('MSET'))).toEqual({ first: 1, last: -1, step: 2, movable: false });
    expect(legacyKeyRange(spec('RENAME'))).toEqual({ first: 1, last: 2, step: 1, movable: false });
    expect(legacyKeyRange(spec('ZUNIONSTORE'))).toMatchObject({ first: 1, last: 1, step: 1, movable: true });
    expect(legacyKeyRange(spec('EVAL'))).toEqual({ first: 0, last: 0, step: 0, movable: true });
    expect(legacyKeyRange(spec('MIGRATE'))).toMatchObject({ first: 3, last: 3, movable: true });
    expect(legacyKeyRange(spec('PING'))).toEqual({ first: 0, last: 0, step: 0, movable: false });
  });

  it('hides internal flags and orders them as Redis does', () => {
    expect(commandFlags(spec('SET'))).toEqual(['write', 'denyoom']);
    expect(commandFlags(spec('SORT'))).toEqual(['write', 'denyoom', 'movablekeys']);
    expect(commandFlags(spec('CONFIG SET'))).toEqual(['admin', 'noscript', 'loading', 'stale']);
  });

  it('adds the implied ACL categories', () => {
    expect(aclCategories(spec('GET'))).toEqual(['read', 'string', 'fast']);
    expect(aclCategories(spec('CONFIG SET'))).toEqual(['admin', 'slow', 'dangerous']);
    expect(aclCategories(spec('EVAL_RO'))).toEqual(['slow', 'scripting']);
    expect(aclCategories(spec('BLPOP'))).toEqual(['write', 'list', 'slow', 'blocking']);
  });

  it('COMMAND DOCS of Redis 7.2 shows display_text for every plain argument', () => {
    const server = new FakeServer({ mixins: serverMixins, profile: serverProfile('redis', '7.2') });
    const docs = server.call('COMMAND', 'DOCS', 'get') as MapReply;
    const get = docs.entries[0]?.[1] as MapReply;
    const args = get.entries.find(([k]) => k === 'arguments')?.[1] as MapReply[];
    expect(args[0]?.entries).toEqual([['name', 'key'], ['type', 'key'], ['display_text', 'key'], ['key_spec_index', 0]]);
    const seven = new FakeServer({ mixins: serverMixins }).call('COMMAND', 'DOCS', 'get') as MapReply;
    const sevenArgs = (seven.entries[0]?.[1] as MapReply).entries.find(([k]) => k === 'arguments')?.[1] as MapReply[];
    expect(sevenArgs[0]?.entries).toEqual([['name', 'key'], ['type', 'key'], ['key_spec_index', 0]]);
  });

  it('COMMAND HELP follows the emulated server', () => {
    const redis = new FakeServer({ mixins: serverMixins }).call('COMMAND', 'HELP') as SimpleString[];
    expect(redis[2]?.value).toBe('    Return details about all Redis commands.');
    expect(redis.at(-1)?.value).toBe('    Prints this help.');
    const valkey = new FakeServer({ mixins: serverMixins, profile: serverProfile('valkey', '8.0') }).call('COMMAND', 'HELP') as SimpleString[];
    expect(valkey[2]?.value).toBe('    Return details about all commands.');
  });
});

describe('key extraction (mixins/server/command/keys.ts)', () => {
  it('follows index/range and keyword specs', () => {
    expect(keyNames(spec('MSET'), argv('MSET', 'a', '1', 'b', '2'))).toEqual(['a', 'b']);
    expect(keyNames(spec('XREAD'), argv('XREAD', 'COUNT', '1', 'STREAMS', 'a', 'b', '0', '0'))).toEqual(['a', 'b']);
    expect(keyNames(spec('LMOVE'), argv('LMOVE', 's', 'd', 'LEFT', 'RIGHT'))).toEqual(['s', 'd']);
  });

  it('follows keynum specs and rejects a bad numkeys', () => {
    expect(keyNames(spec('EVAL'), argv('EVAL', 's', '2', 'a', 'b', 'x'))).toEqual(['a', 'b']);
    expect(getKeysUsingKeySpecs(spec('EVAL'), argv('EVAL', 's', 'x', 'a'))).toBeUndefined();
    expect(getKeysUsingKeySpecs(spec('EVAL'), argv('EVAL', 's', '5', 'a'))).toBeUndefined();
    expect(keyNames(spec('EVAL'), argv('EVAL', 's', '0'))).toEqual([]);
  });

  it('uses the command procedure where specs are incomplete or have variable flags', () => {
    expect(getKeysFromCommand(spec('SORT'), argv('SORT', 'k', 'STORE', 'a', 'STORE', 'b'))).toEqual([
      { pos: 1, flags: ['RO', 'ACCESS'] },
      { pos: 5, flags: ['OW', 'UPDATE'] },
    ]);
    expect(getKeysFromCommand(spec('SET'), argv('SET', 'k', 'v', 'get'))).toEqual([{ pos: 1, flags: ['RW', 'ACCESS', 'UPDATE'] }]);
    expect(getKeysFromCommand(spec('SET'), argv('SET', 'k', 'v'))).toEqual([{ pos: 1, flags: ['OW', 'UPDATE'] }]);
    expect(keyNames(spec('MIGRATE'), argv('MIGRATE', 'h', '1', '', '0', '5', 'KEYS', 'a', 'b'))).toEqual(['a', 'b']);
  });

  it('knows which commands take keys', () => {
    expect(doesCommandHaveKeys(spec('GET'))).toBe(true);
    expect(doesCommandHaveKeys(spec('PING'))).toBe(false);
    expect(doesCommandHaveKeys(spec('PUBLISH'))).toBe(false);
    expect(doesCommandHaveKeys(spec('EVAL'))).toBe(true);
  });
});

describe('COMMAND GETKEYSANDFLAGS reply', () => {
  it('pairs each key with its flags as a set', () => {
    const server = new FakeServer({ mixins: serverMixins });
    expect(server.call('COMMAND', 'GETKEYSANDFLAGS', 'SET', 'k', 'v')).toEqual([
      ['k', new SetReply([new SimpleString('OW'), new SimpleString('update')])],
    ]);
  });
});
