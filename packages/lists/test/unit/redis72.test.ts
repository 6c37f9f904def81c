import { coreMixins, ErrorReply, FakeServer, serverProfile } from '@fakeredis/core';
import { describe, expect, it } from 'vitest';
import { ListCommands, type RedisList } from '../../src/index.js';

// Redis 7.2 encodes small lists as one listpack and converts (t_list.c,
// listTypeTryConversionRaw): to a quicklist before a push, insert or set would exceed
// list-max-listpack-size (bytes of the listpack plus the new elements' lengths, or their
// count); back to a listpack after a removal leaves a single node within half the limits.
function server72(config: Record<string, string> = {}): FakeServer {
  return new FakeServer({ profile: serverProfile('redis', '7.2'), mixins: [...coreMixins, ListCommands], config });
}
const encoding = (s: FakeServer, key = 'l') => s.call('OBJECT', 'ENCODING', key);
const list = (s: FakeServer, key = 'l') => s.db(0).peek(key as never)?.value as RedisList;

describe('Redis 7.2 list encodings', () => {
  it('small lists are listpacks; 7.0 lists are always quicklists', () => {
    const s = server72();
    s.call('RPUSH', 'l', 'a', 'b', 'c');
    expect(encoding(s)).toBe('listpack');
    expect(s.call('MEMORY', 'USAGE', 'l')).toBe(16 + 16 + 8 + 24); // robj + listpack(16) + key + dict entry
    const s70 = new FakeServer({ mixins: [...coreMixins, ListCommands] });
    s70.call('RPUSH', 'l', 'a');
    expect(encoding(s70)).toBe('quicklist');
  });

  it('converts when the byte limit would be passed, counting raw element lengths', () => {
    const s = server72();
    // 60-byte elements take 62 listpack bytes; the check adds their raw length (60).
    s.call('RPUSH', 'l', ...Array.from({ length: 130 }, () => 'x'.repeat(60))); // 7 + 130 * 60 <= 8192
    expect(encoding(s)).toBe('listpack');
    s.call('RPUSH', 'l', 'y'.repeat(60)); // 8067 + 60 <= 8192
    s.call('RPUSH', 'l', 'z'.repeat(7)); // 8129 + 7 <= 8192
    expect(encoding(s)).toBe('listpack');
    s.call('RPUSH', 'l', 'w'.repeat(60)); // 8138 + 60 > 8192
    expect(encoding(s)).toBe('quicklist');
    // The whole listpack became the first node; the push opened a second one.
    expect(list(s).nodeShape().map((n) => n.count)).toEqual([132, 1]);
  });

  it('converts back once one node is within half the limit', () => {
    const s = server72();
    s.call('RPUSH', 'l', ...Array.from({ length: 100 }, () => 'x'.repeat(99)));
    expect(encoding(s)).toBe('quicklist');
    s.call('RPOP', 'l', '50'); // nodes [80, 20] -> one node of 7 + 50 * 102 = 5107 bytes > 4096
    expect(encoding(s)).toBe('quicklist');
    s.call('RPOP', 'l', '10'); // 7 + 40 * 102 = 4087 <= 4096
    expect(encoding(s)).toBe('listpack');
  });

  it('count limits: positive fill', () => {
    const s = server72({ 'list-max-listpack-size': '4' });
    s.call('RPUSH', 'l', '1', '2', '3', '4');
    expect(encoding(s)).toBe('listpack');
    s.call('LINSERT', 'l', 'BEFORE', 'missing-pivot', 'x'); // converts even without a pivot
    expect(encoding(s)).toBe('quicklist');
    s.call('LREM', 'l', '0', '4');
    expect(encoding(s)).toBe('quicklist'); // 3 > 4 / 2
    s.call('LPOP', 'l');
    expect(encoding(s)).toBe('listpack'); // 2 <= 2
    s.call('RPUSH', 'm', '1', '2', '3', '4', '5');
    expect(encoding(s, 'm')).toBe('quicklist');
    s.call('CONFIG', 'SET', 'list-max-listpack-size', '0');
    s.call('RPUSH', 'z', 'a');
    expect(encoding(s, 'z')).toBe('listpack');
    s.call('RPUSH', 'z', 'b');
    s.call('RPOP', 'z');
    expect(encoding(s, 'z')).toBe('quicklist'); // fill 0: never back
  });

  it('LSET, LTRIM, LMOVE and COPY follow the same rules', () => {
    const s = server72();
    s.call('RPUSH', 'l', 'a', 'b');
    s.call('LSET', 'l', '0', 'x'.repeat(9000));
    expect(encoding(s)).toBe('quicklist');
    s.call('LSET', 'l', '0', 'a');
    expect(encoding(s)).toBe('listpack');
    s.call('RPUSH', 'l', ...Array.from({ length: 200 }, () => 'y'.repeat(60)));
    expect(encoding(s)).toBe('quicklist');
    s.call('LTRIM', 'l', '0', '9');
    expect(encoding(s)).toBe('listpack');
    s.call('COPY', 'l', 'c');
    expect(encoding(s, 'c')).toBe('listpack');
    s.call('RPUSH', 'big', ...Array.from({ length: 200 }, () => 'y'.repeat(60)));
    s.call('LMOVE', 'big', 'l', 'LEFT', 'LEFT');
    expect(encoding(s, 'l')).toBe('listpack');
    expect(encoding(s, 'big')).toBe('quicklist');
  });

  it('LPOS RANK -2^63 is refused; LREM count -2^63 still removes every match (until 8.0)', () => {
    const s = server72();
    s.call('RPUSH', 'l', 'a', 'b', 'a');
    const rank = s.call('LPOS', 'l', 'a', 'RANK', '-9223372036854775808');
    expect(rank).toBeInstanceOf(ErrorReply);
    expect((rank as ErrorReply).message).toBe('ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807');
    expect(s.call('LPOS', 'l', 'a', 'RANK', '-9223372036854775807')).toBeNull();
    expect(s.call('LREM', 'l', '-9223372036854775808', 'a')).toBe(2);
    const valkey = new FakeServer({ profile: serverProfile('valkey', '8.0'), mixins: [...coreMixins, ListCommands] });
    valkey.call('RPUSH', 'l', 'a');
    expect((valkey.call('LREM', 'l', '-9223372036854775808', 'a') as ErrorReply).message).toBe(
      'ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807',
    );
  });
});
