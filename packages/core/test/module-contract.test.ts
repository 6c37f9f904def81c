import { compose } from '@fakeredis/composer';
import { StringCommands } from '@fakeredis/strings';
import { describe, expect, it } from 'vitest';
import {
  type Bytes,
  type CommandSpec,
  coreMixins,
  defineMixin,
  defineModuleState,
  defineValueType,
  ErrorReply,
  NULL_ARRAY,
  parseBlockTimeout,
  popOrBlock,
  type RedisObject,
  ROBJ_SIZE,
  sdsAllocSize,
} from '../src/index.js';
import { connect } from './blocking/fixture.js';

// The smallest complete module, written here as core's README "Writing a module" shows
// it: a command family with its own metadata, a value type, a keyspace event, per-server
// state and a blocking command. Composing a server from it needs no edit in core.

/** The value: a stack of strings. */
class Stack implements RedisObject {
  readonly type = 'stack';
  readonly items: Bytes[] = [];
  encoding(): string {
    return 'stack';
  }
  clone(): Stack {
    const copy = new Stack();
    copy.items.push(...this.items);
    return copy;
  }
  memoryUsage(): number {
    return this.items.reduce((sum, item) => sum + sdsAllocSize(item.length), ROBJ_SIZE);
  }
}

// Module types notify in the 'd' class, as Redis modules do.
const stackType = defineValueType<Stack>({ name: 'stack', eventClass: 'd', isEmpty: (s) => s.items.length === 0 });

/** Per-server state: how many elements this server's stacks ever received. */
const pushed = defineModuleState('stack pushes', () => ({ count: 0 }));

const firstKey: CommandSpec['key_specs'] = [
  { flags: ['RW'], begin_search: { index: { pos: 1 } }, find_keys: { range: { lastkey: 0, step: 1, limit: 0 } } },
];
const spec = (arity: number, flags: string[], extra: Partial<CommandSpec> = {}): CommandSpec => ({
  summary: 'A command of the test module',
  group: 'module',
  since: '1.0.0',
  arity,
  command_flags: flags,
  acl_categories: ['WRITE'],
  key_specs: firstKey,
  arguments: [{ name: 'key', type: 'key', key_spec_index: 0 }],
  ...extra,
});

function popTop(db: Parameters<typeof stackType.deleteIfEmpty>[0], key: Bytes, stack: Stack): Bytes {
  const item = stack.items.pop() as Bytes;
  stackType.notify(db, 'stk.pop', key);
  stackType.deleteIfEmpty(db, key, stack);
  return item;
}

const StackCommands = defineMixin({
  name: 'StackCommands',
  metadata: [
    {
      server: 'redis',
      version: '7.0.0',
      removed: [],
      changed: {
        'STK.PUSH': spec(-3, ['WRITE', 'DENYOOM', 'FAST']),
        'STK.POP': spec(2, ['WRITE', 'FAST']),
        'STK.BPOP': spec(3, ['WRITE', 'BLOCKING']),
        'STK.PUSHED': spec(1, ['READONLY', 'FAST'], { key_specs: [], arguments: [] }),
      },
    },
  ],
  commands: {
    STK_PUSH(client, argv) {
      const key = argv[1] as Bytes;
      const stack = stackType.writeOrCreate(client.db, key, () => new Stack(), client);
      for (let i = 2; i < argv.length; i++) stack.items.push(argv[i] as Bytes);
      client.server.moduleState(pushed).count += argv.length - 2;
      client.db.signalKeyAsReady(key);
      stackType.notify(client.db, 'stk.push', key);
      return stack.items.length;
    },
    STK_POP(client, argv) {
      const key = argv[1] as Bytes;
      const stack = stackType.write(client.db, key, client);
      return stack === undefined ? null : popTop(client.db, key, stack);
    },
    STK_BPOP(client, argv) {
      const key = argv[1] as Bytes;
      return popOrBlock<Stack>(client, {
        keys: [key],
        valueTypes: ['stack'],
        deadline: parseBlockTimeout(client, argv[2] as Bytes),
        ready: () => {
          const stack = stackType.write(client.db, key, client);
          return stack === undefined ? undefined : { key, value: stack };
        },
        serving: (db, k) => {
          const value = db.lookupWrite(k);
          return stackType.is(value) && value.items.length > 0 ? value : undefined;
        },
        pop: (db, k, stack) => [k, popTop(db, k, stack)],
      });
    },
    STK_PUSHED(client) {
      return client.server.moduleState(pushed).count;
    },
  },
});

const Server = compose({ mixins: [...coreMixins, StringCommands, StackCommands] });

describe('a module defined outside core (the "Writing a module" example)', () => {
  it('answers its commands, with its value type, WRONGTYPE and deletion when empty', () => {
    const server = new Server();
    expect(server.call('STK.PUSH', 's', 'a', 'b')).toBe(2);
    expect(server.call('TYPE', 's')).toEqual(expect.objectContaining({ value: 'stack' }));
    expect(server.call('OBJECT', 'ENCODING', 's')).toBe('stack');
    expect(server.call('MEMORY', 'USAGE', 's')).toBe(ROBJ_SIZE + 2 * sdsAllocSize(1) + sdsAllocSize(1) + 24);
    expect(server.call('STK.POP', 's')).toBe('b');
    expect(server.call('STK.POP', 's')).toBe('a');
    expect(server.call('EXISTS', 's')).toBe(0);
    expect(server.call('STK.POP', 's')).toBe(null);
    server.call('SET', 'str', 'v');
    expect(server.call('STK.PUSH', 'str', 'x')).toEqual(new ErrorReply('WRONGTYPE Operation against a key holding the wrong kind of value'));
    expect(server.call('STK.PUSHED')).toBe(2);
    // Each server has its own module state.
    expect(new Server().call('STK.PUSHED')).toBe(0);
    server.close();
  });

  it('describes its commands in COMMAND COUNT, LIST, INFO, DOCS and GETKEYS like built-in ones', () => {
    const server = new Server();
    const bare = new (compose({ mixins: [...coreMixins, StringCommands] }))();
    expect(server.call('COMMAND', 'COUNT')).toBe((bare.call('COMMAND', 'COUNT') as number) + 4);
    expect(server.call('COMMAND', 'LIST', 'FILTERBY', 'PATTERN', 'stk.*')).toEqual(
      expect.arrayContaining(['stk.push', 'stk.pop', 'stk.bpop', 'stk.pushed']),
    );
    const info = server.call('COMMAND', 'INFO', 'STK.PUSH') as unknown[][];
    expect(info[0]?.slice(0, 6)).toEqual(['stk.push', -3, expect.anything(), 1, 1, 1]);
    expect(server.call('COMMAND', 'GETKEYS', 'STK.PUSH', 'k', 'x')).toEqual(['k']);
    const docs = server.call('COMMAND', 'DOCS', 'STK.POP');
    expect(JSON.stringify(docs)).toContain('A command of the test module');
    expect(server.call('STK.PUSH', 'k')).toEqual(new ErrorReply("ERR wrong number of arguments for 'stk.push' command"));
    // Without the module its commands are unknown, as on a real server without it.
    expect(bare.call('STK.PUSH', 'k', 'v')).toEqual(
      new ErrorReply("ERR unknown command 'STK.PUSH', with args beginning with: 'k' 'v' "),
    );
    server.close();
    bare.close();
  });

  it('emits its keyspace events in its class', async () => {
    const server = new Server({ config: { 'notify-keyspace-events': 'Kd' } });
    const event = server.pubsub.nextMessage('__keyspace@0__:s');
    server.call('STK.PUSH', 's', 'a');
    expect(String((await event).message)).toBe('stk.push');
    server.call('CONFIG', 'SET', 'notify-keyspace-events', 'Kg');
    const del = server.pubsub.nextMessage('__keyspace@0__:s');
    server.call('STK.POP', 's');
    expect(String((await del).message)).toBe('del');
    server.close();
  });

  it('blocks a client until another pushes, and answers as a timeout where blocking is denied', () => {
    const server = new Server();
    const waiter = connect(server);
    const pusher = connect(server);
    waiter.send('STK.BPOP', 'q', '0');
    expect(waiter.output).toEqual([]);
    pusher.send('STK.PUSH', 'q', 'job');
    expect(waiter.output.join('')).toBe('*2\r\n$1\r\nq\r\n$3\r\njob\r\n');
    expect(server.call('STK.BPOP', 'q', '0')).toBe(NULL_ARRAY);
    server.close();
  });

  it('is refused at compose time when a handler names no known command or a command twice', () => {
    const unknown = defineMixin({ name: 'Typo', commands: { STK_PUHS: () => null } });
    expect(() => compose({ mixins: [...coreMixins, unknown] })).toThrow(
      "Typo: handler STK_PUHS names no command in any known server version's metadata (nor in a mixin's own)",
    );
    const twice = defineMixin({ name: 'AnotherGet', commands: { GET: () => null } });
    expect(() => compose({ mixins: [...coreMixins, StringCommands, twice] })).toThrow(
      'GET is registered twice: by StringCommands and by AnotherGet',
    );
  });
});
