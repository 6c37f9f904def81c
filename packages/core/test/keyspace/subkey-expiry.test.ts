import { describe, expect, it } from 'vitest';
import { type Bytes, Clock, coreMixins, type Database, FakeServer, type RedisObject, ROBJ_SIZE } from '../../src/index.js';

// Sub-key expiry (hash fields) is an index the database keeps: the value says when its
// earliest sub-key is due, the database finds the key by it in its active expiry cycle,
// and RENAME, MOVE, COPY and SWAPDB keep it indexed with no back-pointer to the key.

/** A value whose items each expire at their own time. */
class Timed implements RedisObject {
  readonly type = 'timed';
  readonly expired: Array<[number, Bytes]> = [];
  constructor(readonly due: Map<Bytes, number> = new Map()) {}
  encoding(): string {
    return 'timed';
  }
  clone(): Timed {
    return new Timed(new Map(this.due));
  }
  memoryUsage(): number {
    return ROBJ_SIZE;
  }
  nextSubkeyExpiry(): number {
    let next = 0;
    for (const at of this.due.values()) if (next === 0 || at < next) next = at;
    return next;
  }
  expireSubkeys(db: Database, key: Bytes, now: number): void {
    for (const [item, at] of this.due) {
      if (at >= now) continue;
      this.due.delete(item);
      this.expired.push([db.index, key]);
    }
    if (this.due.size === 0) db.delete(key);
  }
}

function setup(): { server: FakeServer; value: Timed } {
  const clock = new Clock();
  clock.set(1_000_000);
  clock.freeze();
  const server = new FakeServer({ mixins: coreMixins, clock });
  const value = new Timed(new Map([['a' as Bytes, 1_000_100], ['b' as Bytes, 1_000_200]]));
  server.db(0).add('k' as Bytes, value);
  server.db(0).scheduleSubkeyExpiry('k' as Bytes);
  return { server, value };
}

describe('sub-key expiry index', () => {
  it('expires due sub-keys in the active cycle and deletes the emptied key', () => {
    const { server, value } = setup();
    server.clock.advance(150);
    expect(value.expired).toEqual([[0, 'k']]);
    expect(value.due.size).toBe(1);
    server.clock.advance(100);
    expect(value.expired).toEqual([[0, 'k'], [0, 'k']]);
    expect(server.call('EXISTS', 'k')).toBe(0);
    server.close();
  });

  it('follows the key through RENAME and MOVE', () => {
    const { server, value } = setup();
    server.call('RENAME', 'k', 'r');
    server.call('MOVE', 'r', '3');
    server.clock.advance(300);
    expect(value.expired).toEqual([[3, 'r'], [3, 'r']]);
    server.close();
  });

  it('indexes a COPY on its own and swaps with SWAPDB', () => {
    const { server, value } = setup();
    server.call('COPY', 'k', 'c');
    const copy = server.db(0).peek('c' as Bytes)?.value as Timed;
    server.call('SWAPDB', '0', '5');
    server.clock.advance(300);
    expect(value.expired).toEqual([[5, 'k'], [5, 'k']]);
    expect(copy.expired).toEqual([[5, 'c'], [5, 'c']]);
    server.close();
  });

  it('indexes a value that overwrites a key (RESTORE REPLACE)', () => {
    const { server, value } = setup();
    const replacement = new Timed(new Map([['y' as Bytes, 1_000_050]]));
    server.db(0).set('k' as Bytes, replacement);
    server.clock.advance(300);
    expect(value.expired).toEqual([]);
    expect(replacement.expired).toEqual([[0, 'k']]);
    server.close();
  });

  it('forgets a deleted or overwritten key', () => {
    const { server, value } = setup();
    server.call('DEL', 'k');
    const later = new Timed(new Map([['z' as Bytes, 1_000_500]]));
    server.db(0).add('k' as Bytes, later);
    server.clock.advance(300);
    expect(value.expired).toEqual([]);
    expect(later.expired).toEqual([]);
    server.clock.advance(300);
    expect(later.expired).toEqual([[0, 'k']]);
    server.close();
  });
});
