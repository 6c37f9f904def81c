import { type Bytes, defineMixin, ErrorReply, FakeServer, knownVersions, OK, SimpleString } from '@fakeredis/core';
import { describe, expect, it } from 'vitest';
import { compose, isComposedServerClass } from '../src/index.js';

// Test fixture: handlers for commands of different ages, and one Redis never had.
const Fixture = defineMixin({
  name: 'Fixture',
  commands: {
    GET: (client, argv) => client.db.lookupString(argv[1] as Bytes) ?? null,
    SET: (client, argv) => {
      client.db.set(argv[1] as Bytes, argv[2] as Bytes);
      return OK;
    },
    WAITAOF: () => new SimpleString('waitaof ran'), // since 7.2.0
    'CLIENT SETINFO': () => OK, // since 7.2.0
    'CLIENT ID': (client) => client.id,
  },
});

describe('compose', () => {
  it('builds a server class for Redis 7.0 by default with exactly the commands that exist there', () => {
    const Server = compose({ mixins: [Fixture] });
    expect(Server.profile.serverType).toBe('redis');
    expect(Server.profile.version).toBe('7.0.15');
    expect(Server.mixins).toEqual([Fixture]);
    const server = new Server();
    expect(server).toBeInstanceOf(FakeServer);
    expect(server.profile).toBe(Server.profile);
    expect(server.call('SET', 'k', 'v')).toEqual(OK);
    expect(server.call('GET', 'k')).toBe('v');
    expect(typeof server.call('CLIENT', 'ID')).toBe('number');
    // Newer than 7.0, or not Redis at all: answered as real 7.0 answers unknown commands.
    expect(server.call('WAITAOF', '0', '0', '0')).toEqual(
      new ErrorReply("ERR unknown command 'WAITAOF', with args beginning with: '0' '0' '0' "),
    );
    expect(server.call('CLIENT', 'SETINFO', 'LIB-NAME', 'x')).toEqual(
      new ErrorReply("ERR unknown subcommand 'SETINFO'. Try CLIENT HELP."),
    );
    expect(server.call('FROBNICATE')).toEqual(new ErrorReply("ERR unknown command 'FROBNICATE', with args beginning with: "));
    expect([...server.commands.entries()].map((e) => e.fullName).sort()).toEqual(['client', 'get', 'set']);
    server.close();
  });

  it('gates by version: 7.2 has WAITAOF and CLIENT SETINFO', () => {
    const Server = compose({ serverType: 'redis', version: '7.2', mixins: [Fixture] });
    expect(Server.profile.version).toBe('7.2.4');
    const server = new Server();
    expect(server.versionAtLeast('7.2.0')).toBe(true);
    expect(server.call('WAITAOF', '0', '0', '0')).toEqual(new SimpleString('waitaof ran'));
    expect(server.call('CLIENT', 'SETINFO', 'LIB-NAME', 'x')).toEqual(OK);
    server.close();
  });

  it('accepts instance options (config, seed) but not another profile or mixin set', () => {
    const Server = compose({ mixins: [Fixture] });
    const server = new Server({ config: { databases: 3 } });
    expect(server.databases).toHaveLength(3);
    // Options compose() fixed are not overridable per instance.
    const sneaky = new Server({ mixins: [], profile: undefined } as never);
    expect(sneaky.commands.get('get')).toBeDefined();
    expect(sneaky.profile).toBe(Server.profile);
    server.close();
    sneaky.close();
  });

  it('deduplicates mixins, names the class, and rejects unknown versions', () => {
    const Server = compose({ version: '7.0', mixins: [Fixture, Fixture] });
    expect(Server.mixins).toHaveLength(1);
    expect(Server.name).toBe('FakeRedis7_0_15Server');
    expect(isComposedServerClass(Server)).toBe(true);
    expect(isComposedServerClass(FakeServer)).toBe(false);
    expect(() => compose({ version: '6.2', mixins: [] })).toThrow(/unknown redis version 6.2/);
    expect(() => compose({ serverType: 'dragonfly', mixins: [] })).toThrow();
    // A handler that names no command of any known version is refused when composing.
    const Bogus = defineMixin({ name: 'Bogus', commands: { FROBNICATE: () => OK } });
    expect(() => compose({ mixins: [Bogus] })).toThrow('Bogus: handler FROBNICATE names no command');
  });

  it('composes Valkey 8.0', () => {
    const Server = compose({ serverType: 'valkey', version: '8.0', mixins: [Fixture] });
    expect(Server.profile.serverType).toBe('valkey');
    expect(Server.profile.version).toBe('8.0.1');
    const server = new Server();
    expect(server.call('SET', 'k', 'v')).toEqual(OK);
    server.close();
    // Without a version, Valkey is 8.0, the version checked against a real Valkey.
    expect(compose({ serverType: 'valkey', mixins: [] }).profile.version).toBe('8.0.1');
    expect(compose({ serverType: 'valkey', version: '9.1', mixins: [] }).profile.version).toBe(knownVersions('valkey').at(-1));
  });
});
