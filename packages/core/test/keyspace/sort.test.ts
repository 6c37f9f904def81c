import { describe, expect, it } from 'vitest';
import { type Bytes, coreMixins, defineMixin, defineValueType, FakeServer, installValueType, type RedisObject } from '../../src/index.js';

/** A module type that is a collection of strings (elements) with named fields (fieldValue). */
class Bag implements RedisObject {
  readonly type = 'bag';
  constructor(readonly items: Bytes[] = []) {}
  encoding(): string { return 'bag'; }
  clone(): Bag { return new Bag([...this.items]); }
  memoryUsage(): number { return 16; }
  elements(): Iterable<Bytes> { return this.items; }
  fieldValue(field: Bytes): Bytes | undefined { return this.items.includes(field) ? ('yes' as Bytes) : undefined; }
}
const bagType = defineValueType<Bag>({
  name: 'bag', eventClass: 'd', isEmpty: (b) => b.items.length === 0,
  fromElements: (_server, elements) => new Bag([...elements]),
});
const BagCommands = defineMixin({
  name: 'BagCommands',
  install(server) { installValueType(server, bagType); },
  commands: {},
});

describe('SORT through the general value members', () => {
  it('sorts any value with elements() and reads key->field through fieldValue()', () => {
    const server = new FakeServer({ mixins: [...coreMixins, BagCommands] });
    server.db(0).add('b' as Bytes, new Bag(['3', '1', '2'] as Bytes[]));
    server.db(0).add('f_1' as Bytes, new Bag(['x'] as Bytes[]));
    expect(server.call('SORT', 'b')).toEqual(['1', '2', '3']);
    expect(server.call('SORT', 'b', 'GET', 'f_*->x', 'GET', 'f_*->y')).toEqual(['yes', null, null, null, null, null]);
    server.close();
  });

  it('STORE creates the list type a module installed, or says none is installed', () => {
    const bare = new FakeServer({ mixins: coreMixins });
    bare.db(0).add('b' as Bytes, new Bag(['2', '1'] as Bytes[]));
    expect(bare.command.bind(bare, 'SORT', 'b', 'STORE', 'd')).toThrow(/needs the list type/);
    expect(bare.call('SORT', 'b')).toEqual(['1', '2']);
    bare.close();
  });
});
