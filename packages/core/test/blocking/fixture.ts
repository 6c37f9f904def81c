import {
  blockForKeys,
  type Bytes,
  type Client,
  coreMixins,
  defineMixin,
  ERR_WRONGTYPE,
  FakeServer,
  KEY_DRAINED,
  NULL_ARRAY,
  parseBlockTimeout,
  type RedisObject,
  ROBJ_SIZE,
  type Transport,
} from '../../src/index.js';

/**
 * A minimal list (RPUSH, BLPOP) for testing the blocking machinery without the lists
 * module, which depends on core. Only what the tests need; @fakeredis/lists is checked
 * against real Redis.
 */
export class FixtureList implements RedisObject {
  readonly type = 'list';
  constructor(readonly items: Bytes[] = []) {}
  encoding(): string {
    return 'quicklist';
  }
  clone(): FixtureList {
    return new FixtureList([...this.items]);
  }
  memoryUsage(): number {
    return ROBJ_SIZE + 64;
  }
}

function popFirst(client: Client, key: Bytes): Bytes | undefined {
  const value = client.db.lookupWrite(key);
  if (value === undefined) return undefined;
  if (!(value instanceof FixtureList)) throw ERR_WRONGTYPE;
  const item = value.items.shift();
  if (value.items.length === 0) client.db.delete(key);
  return item;
}

export const FixtureListCommands = defineMixin({
  name: 'FixtureListCommands',
  commands: {
    RPUSH: (client, argv) => {
      const key = argv[1] as Bytes;
      let list = client.db.lookupWrite(key);
      if (list === undefined) client.db.add(key, (list = new FixtureList()));
      if (!(list instanceof FixtureList)) throw ERR_WRONGTYPE;
      list.items.push(...argv.slice(2));
      return list.items.length;
    },
    BLPOP: (client, argv) => {
      const keys = argv.slice(1, -1);
      const deadline = parseBlockTimeout(client, argv[argv.length - 1] as Bytes);
      for (const key of keys) {
        const item = popFirst(client, key);
        if (item !== undefined) return [key, item];
      }
      if (client.denyBlocking) return NULL_ARRAY;
      return blockForKeys(client, {
        keys,
        valueTypes: ['list'],
        deadline,
        serve: (db, key) => {
          const item = popFirst(client, key);
          return item === undefined ? KEY_DRAINED : [key, item];
        },
      });
    },
  },
});

/** A server with core's commands and the fixture list. */
export function blockingServer(config: Record<string, string> = {}): FakeServer {
  return new FakeServer({ mixins: [...coreMixins, FixtureListCommands], config });
}

/** A connection whose replies are collected as RESP text. */
export function connect(server: FakeServer): { client: Client; output: string[]; send: (...argv: string[]) => void } {
  const output: string[] = [];
  const transport: Transport = {
    write: (encoded) => output.push(encoded),
    close: () => {},
    remoteAddress: '127.0.0.1:1',
    localAddress: '127.0.0.1:6379',
  };
  const client = server.createClient(transport);
  const send = (...argv: string[]) => client.feed(`*${argv.length}\r\n${argv.map((a) => `$${Buffer.byteLength(a, 'latin1')}\r\n${a}\r\n`).join('')}`);
  return { client, output, send };
}
