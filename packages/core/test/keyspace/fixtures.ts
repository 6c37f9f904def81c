import { ListCommands } from '@fakeredis/lists';
import { SortedSetCommands } from '@fakeredis/zsets';
import {
  type Bytes,
  type CommandHandler,
  coreMixins,
  defineMixin,
  ERR_WRONGTYPE,
  FakeServer,
  type FakeServerOptions,
  KeyspaceCommands,
  OK,
  type RedisObject,
  ROBJ_SIZE,
} from '../../src/index.js';

/**
 * Set-up commands for the keyspace tests, so they can create keys of every type without
 * core depending on the module packages (which depend on core). Each does only the plain
 * form Redis answers the same way (SET k v, SADD, HSET), and its replies are compared
 * with redis-server's like every other step. The value classes report the encodings Redis
 * 7.0 gives such small values. Lists and sorted sets are the real ListCommands and
 * SortedSetCommands (test-only imports).
 */
class FixtureValue implements RedisObject {
  constructor(
    readonly type: string,
    readonly items: Map<Bytes, Bytes>,
    private readonly encodingName: (items: Map<Bytes, Bytes>) => string,
  ) {}
  encoding(): string {
    return this.encodingName(this.items);
  }
  clone(): FixtureValue {
    return new FixtureValue(this.type, new Map(this.items), this.encodingName);
  }
  /** A flat estimate: these tests compare no MEMORY USAGE of fixture values with Redis. */
  memoryUsage(): number {
    return ROBJ_SIZE + 64;
  }
}

const INTEGER = /^(?:0|-?[1-9][0-9]*)$/;
const ENCODINGS: Record<string, (items: Map<Bytes, Bytes>) => string> = {
  set: (items) => ([...items.keys()].every((m) => INTEGER.test(m)) ? 'intset' : 'hashtable'),
  hash: () => 'listpack',
};

/** The key's fixture value of `type`, created (and added) when absent; WRONGTYPE otherwise. */
function collection(client: Parameters<CommandHandler>[0], key: Bytes, type: string): FixtureValue {
  const value = client.db.lookupWrite(key);
  if (value === undefined) {
    const created = new FixtureValue(type, new Map(), ENCODINGS[type] as (items: Map<Bytes, Bytes>) => string);
    client.db.add(key, created);
    return created;
  }
  if (!(value instanceof FixtureValue) || value.type !== type) throw ERR_WRONGTYPE;
  client.db.signalModifiedKey(key);
  return value;
}

/** Adds field/value pairs from argv[first] on, `step` arguments a pair; the count of new fields. */
function addPairs(target: FixtureValue, argv: Bytes[], first: number, step: 1 | 2): number {
  let added = 0;
  for (let i = first; i + step - 1 < argv.length; i += step) {
    const field = argv[i] as Bytes;
    if (!target.items.has(field)) added++;
    target.items.set(field, argv[i + step - 1] as Bytes);
  }
  return added;
}

export const FixtureCommands = defineMixin({
  name: 'KeyspaceTestFixtures',
  commands: {
    SET: (client, argv) => {
      client.db.set(argv[1] as Bytes, argv[2] as Bytes);
      return OK;
    },
    GET: (client, argv) => client.db.lookupString(argv[1] as Bytes, client) ?? null,
    SADD: (client, argv) => addPairs(collection(client, argv[1] as Bytes, 'set'), argv, 2, 1),
    HSET: (client, argv) => addPairs(collection(client, argv[1] as Bytes, 'hash'), argv, 2, 2),
  },
});

/** A server with the keyspace commands, the other core mixins, lists, sorted sets and the fixtures. */
export function keyspaceServer(options: FakeServerOptions = {}): FakeServer {
  return new FakeServer({ ...options, mixins: [FixtureCommands, ListCommands, SortedSetCommands, ...coreMixins, KeyspaceCommands] });
}
