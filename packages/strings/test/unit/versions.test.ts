import { ErrorReply, FakeServer, OK, serverProfile } from '@fakeredis/core';
import { describe, expect, it } from 'vitest';
import { mixins } from '../conformance/server.js';

const syntax = new ErrorReply('ERR syntax error');
const notInteger = new ErrorReply('ERR value is not an integer or out of range');

function server(version: string): FakeServer {
  return new FakeServer({ mixins, profile: serverProfile('redis', version) });
}

// Redis 7.2 (#11734) parses BITCOUNT's and BITPOS's arguments before looking the key up,
// so a missing key no longer hides bad arguments; 7.0's behaviour is checked by conformance.
describe('version differences', () => {
  it('BITCOUNT on a missing key: 7.0 answers 0, 7.2 checks the arguments', () => {
    const old = server('7.0');
    expect(old.call('BITCOUNT', 'nope', 'a', 'b')).toBe(0);
    expect(old.call('BITCOUNT', 'nope', '0')).toBe(0);
    expect(old.call('BITCOUNT', 'nope', '0', '1', 'x')).toBe(0);
    const next = server('7.2');
    expect(next.call('BITCOUNT', 'nope', 'a', 'b')).toEqual(notInteger);
    expect(next.call('BITCOUNT', 'nope', '0')).toEqual(syntax);
    expect(next.call('BITCOUNT', 'nope', '0', '1', 'x')).toEqual(syntax);
    expect(next.call('BITCOUNT', 'nope', '0', '1', 'BIT')).toBe(0);
    expect(next.call('BITCOUNT', 'nope')).toBe(0);
  });

  it('BITCOUNT: 7.2 checks the unit before a reversed negative range', () => {
    const old = server('7.0');
    old.call('SET', 'k', 'abc');
    expect(old.call('BITCOUNT', 'k', '-1', '-3', 'x')).toBe(0);
    const next = server('7.2');
    next.call('SET', 'k', 'abc');
    expect(next.call('BITCOUNT', 'k', '-1', '-3', 'x')).toEqual(syntax);
    expect(next.call('BITCOUNT', 'k', '-1', '-3', 'BIT')).toBe(0);
    expect(next.call('BITCOUNT', 'k', '0', '-1')).toBe(10);
  });

  it('BITPOS on a missing key: 7.0 answers -1/0, 7.2 checks the range', () => {
    const old = server('7.0');
    expect(old.call('BITPOS', 'nope', '1', 'x')).toBe(-1);
    expect(old.call('BITPOS', 'nope', '0', '1', '2', '3', '4')).toBe(0);
    const next = server('7.2');
    expect(next.call('BITPOS', 'nope', '1', 'x')).toEqual(notInteger);
    expect(next.call('BITPOS', 'nope', '0', '1', '2', '3', '4')).toEqual(syntax);
    expect(next.call('BITPOS', 'nope', '0', '1', '2', 'x')).toEqual(syntax);
    expect(next.call('BITPOS', 'nope', '1', '1', '2', 'BIT')).toBe(-1);
    expect(next.call('BITPOS', 'nope', '0')).toBe(0);
    next.call('SET', 'k', Buffer.from([0xff]));
    expect(next.call('BITPOS', 'k', '0')).toBe(8);
  });
});

describe('Redis 8.x string additions are absent before 8.2', () => {
  it('BITOP DIFF, DIFF1, ANDOR and ONE are syntax errors in 7.x', () => {
    for (const version of ['7.0', '7.2', '7.4', '8.0']) {
      const old = server(version);
      old.call('SET', 'a', 'x');
      for (const op of ['DIFF', 'DIFF1', 'ANDOR', 'ONE']) expect(old.call('BITOP', op, 'd', 'a', 'a')).toEqual(syntax);
    }
    const next = server('8.6');
    next.call('SET', 'a', Buffer.from([0xf0]));
    next.call('SET', 'b', Buffer.from([0x3c]));
    expect(next.call('BITOP', 'DIFF', 'd', 'a', 'b')).toBe(1);
    expect(next.call('BITPOS', 'd', '1')).toBe(0);
    expect(next.call('BITCOUNT', 'd')).toBe(2); // 0xc0
  });
});

describe('Redis 8.4 string additions are absent before 8.4', () => {
  it('SET IFEQ/IFNE/IFDEQ/IFDNE are syntax errors, DIGEST, DELEX and MSETEX unknown commands in 7.x and 8.0', () => {
    for (const version of ['7.0', '7.2', '7.4', '8.0']) {
      const old = server(version);
      old.call('SET', 'k', 'v');
      for (const option of ['IFEQ', 'IFNE', 'IFDEQ', 'IFDNE']) expect(old.call('SET', 'k', 'w', option, 'v')).toEqual(syntax);
      expect(old.call('DIGEST', 'k')).toEqual(new ErrorReply("ERR unknown command 'DIGEST', with args beginning with: 'k' "));
      expect(old.call('DELEX', 'k')).toEqual(new ErrorReply("ERR unknown command 'DELEX', with args beginning with: 'k' "));
      expect(old.call('MSETEX', '1', 'k', 'w')).toEqual(new ErrorReply("ERR unknown command 'MSETEX', with args beginning with: '1' 'k' 'w' "));
      expect(old.call('GET', 'k')).toBe('v');
    }
    const next = server('8.6');
    next.call('SET', 'k', 'hello');
    expect(next.call('DIGEST', 'k')).toBe('9555e8555c62dcfd');
    expect(next.call('SET', 'k', 'w', 'IFEQ', 'hello')).toEqual(OK);
    expect(next.call('DELEX', 'k', 'IFNE', 'w')).toBe(0);
    expect(next.call('DELEX', 'k', 'IFEQ', 'w')).toBe(1);
  });
});
