import { describe, expect, it } from 'vitest';
import { type Bytes, NULL_ARRAY } from '../../src/index.js';
import { keyspaceServer } from './fixtures.js';

/**
 * True when running the commands (as another client) after a WATCH of `key` in
 * database `db` makes that client's EXEC fail.
 */
function touches(setup: string[][], key: string, commands: string[][], db = 0): boolean {
  const server = keyspaceServer();
  server.clock.freeze(1_700_000_000_000);
  for (const argv of setup) server.call(...argv);
  const client = server.createClient();
  const run = (...argv: string[]) => server.execute(client, argv as Bytes[]);
  run('SELECT', String(db));
  run('WATCH', key);
  for (const argv of commands) server.call(...argv);
  run('MULTI');
  run('PING');
  const reply = run('EXEC');
  server.close();
  if (reply !== NULL_ARRAY && !Array.isArray(reply)) throw new Error(`unexpected EXEC reply ${String(reply)}`);
  return reply === NULL_ARRAY;
}

describe('WATCH signals (signalModifiedKey and touchAllWatchedKeysInDb)', () => {
  const withKey = [['SET', 'k', '1']];

  it('writes signal the keys they change', () => {
    expect(touches(withKey, 'k', [['DEL', 'k']])).toBe(true);
    expect(touches(withKey, 'k', [['UNLINK', 'k']])).toBe(true);
    expect(touches(withKey, 'k', [['EXPIRE', 'k', '100']])).toBe(true);
    expect(touches(withKey, 'k', [['EXPIRE', 'k', '-1']])).toBe(true);
    expect(touches([...withKey, ['EXPIRE', 'k', '100']], 'k', [['PERSIST', 'k']])).toBe(true);
    expect(touches(withKey, 'k', [['RENAME', 'k', 'j']])).toBe(true);
    expect(touches(withKey, 'j', [['RENAME', 'k', 'j']])).toBe(true);
    expect(touches(withKey, 'j', [['RENAMENX', 'k', 'j']])).toBe(true);
    expect(touches(withKey, 'k', [['MOVE', 'k', '1']])).toBe(true);
    expect(touches(withKey, 'k', [['MOVE', 'k', '1']], 1)).toBe(true);
    expect(touches(withKey, 'j', [['COPY', 'k', 'j']])).toBe(true);
    expect(touches(withKey, 'k', [['COPY', 'k', 'k', 'DB', '2']], 2)).toBe(true);
  });

  it('reads and writes that change nothing do not signal', () => {
    expect(touches(withKey, 'k', [['EXISTS', 'k'], ['TYPE', 'k'], ['TTL', 'k'], ['TOUCH', 'k'], ['OBJECT', 'ENCODING', 'k']])).toBe(false);
    expect(touches(withKey, 'k', [['KEYS', '*'], ['SCAN', '0'], ['RANDOMKEY'], ['DBSIZE']])).toBe(false);
    expect(touches(withKey, 'k', [['PERSIST', 'k'], ['EXPIRE', 'nokey', '10'], ['DEL', 'nokey']])).toBe(false);
    expect(touches([...withKey, ['EXPIRE', 'k', '100']], 'k', [['EXPIRE', 'k', '200', 'NX'], ['EXPIRE', 'k', '50', 'GT']])).toBe(false);
    expect(touches(withKey, 'k', [['COPY', 'k', 'j']])).toBe(false);
    expect(touches(withKey, 'k', [['RENAME', 'k', 'k']])).toBe(false);
    expect(touches([...withKey, ['SET', 'j', '1']], 'k', [['RENAMENX', 'k', 'j'], ['COPY', 'j', 'k']])).toBe(false);
  });

  it('FLUSHDB and FLUSHALL signal only keys that existed', () => {
    expect(touches(withKey, 'k', [['FLUSHDB']])).toBe(true);
    expect(touches(withKey, 'k', [['FLUSHALL', 'ASYNC']])).toBe(true);
    expect(touches(withKey, 'nokey', [['FLUSHALL']])).toBe(false);
    expect(touches(withKey, 'k', [['SELECT', '1'], ['FLUSHDB']])).toBe(false);
  });

  it('SWAPDB signals keys existing in either database', () => {
    expect(touches(withKey, 'k', [['SWAPDB', '0', '1']])).toBe(true);
    expect(touches(withKey, 'k', [['SWAPDB', '1', '0']], 1)).toBe(true);
    expect(touches(withKey, 'nokey', [['SWAPDB', '0', '1']])).toBe(false);
    expect(touches(withKey, 'k', [['SWAPDB', '0', '0']])).toBe(false);
    expect(touches(withKey, 'k', [['SWAPDB', '2', '3']])).toBe(false);
  });
});
