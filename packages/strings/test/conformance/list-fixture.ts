import { type Bytes, defineMixin, ERR_WRONGTYPE, type RedisObject } from '@fakeredis/core';

/**
 * Test fixture: a key of another type, so scenarios can check WRONGTYPE paths without
 * depending on @fakeredis/lists. Only LPUSH's reply (the new length) and TYPE are used.
 */
class FixtureList implements RedisObject {
  readonly type = 'list';
  readonly items: Bytes[] = [];
  encoding(): string {
    return 'listpack';
  }
  clone(): FixtureList {
    const copy = new FixtureList();
    copy.items.push(...this.items);
    return copy;
  }
}

export const ListFixture = defineMixin({
  name: 'ListFixture',
  commands: {
    LPUSH: (client, argv) => {
      const key = argv[1] as Bytes;
      const existing = client.db.lookupWrite(key);
      if (existing !== undefined && !(existing instanceof FixtureList)) throw ERR_WRONGTYPE;
      const list = existing ?? new FixtureList();
      if (existing === undefined) client.db.add(key, list);
      for (let j = 2; j < argv.length; j++) list.items.unshift(argv[j] as Bytes);
      client.db.signalModifiedKey(key);
      return list.items.length;
    },
  },
});
