import { describe, expect, it } from 'vitest';
import {
  type Bytes,
  coreMixins,
  defineMixin,
  ErrorReply,
  FakeServer,
  NO_REPLY,
  NULL_ARRAY,
  OK,
  overrideCommands,
  SimpleString,
} from '../../src/index.js';
import { connect } from '../connection/wire.js';

const k = 'k' as Bytes;
const NOW = 1_700_000_000_000;

/** A server on a frozen clock, so expiry happens only when a test says so. */
function frozenServer(): FakeServer {
  const s = new FakeServer({ mixins: [...coreMixins] });
  s.clock.freeze(NOW);
  return s;
}

describe('WATCH and expiry (isWatchedKeyExpired, the watch-time expired flag)', () => {
  it('a key already expired when watched may be deleted without failing EXEC', () => {
    const s = frozenServer();
    s.db(0).set(k, 'v' as Bytes);
    s.db(0).setExpire(k, NOW - 1);
    const a = connect(s);
    a.send('WATCH', 'k');
    s.activeExpireCycle();
    expect(s.db(0).size).toBe(0);
    a.send('MULTI');
    expect(a.send('EXEC')).toBe('*0\r\n');
  });

  it('a key already expired when watched and then written fails EXEC', () => {
    const s = frozenServer();
    s.db(0).set(k, 'v' as Bytes);
    s.db(0).setExpire(k, NOW - 1);
    const a = connect(s);
    a.send('WATCH', 'k');
    s.db(0).set(k, 'new' as Bytes); // lazily expires the old key, then adds the new one
    a.send('MULTI');
    expect(a.send('EXEC')).toBe('*-1\r\n');
  });

  it('a key that expires after WATCH fails EXEC even before it is deleted', () => {
    const s = frozenServer();
    s.db(0).set(k, 'v' as Bytes);
    const a = connect(s);
    a.send('WATCH', 'k');
    s.db(0).setExpire(k, NOW - 1); // no signal: only EXEC's own check can see it
    expect(a.client.watchDirty).toBe(false);
    a.send('MULTI');
    expect(a.send('EXEC')).toBe('*-1\r\n');
  });

  it('a key expiring by the active cycle after WATCH fails EXEC', () => {
    const s = frozenServer();
    s.db(0).set(k, 'v' as Bytes);
    s.db(0).setExpire(k, NOW + 100);
    const a = connect(s);
    a.send('WATCH', 'k');
    s.clock.advance(200);
    expect(s.db(0).size).toBe(0);
    a.send('MULTI');
    expect(a.send('EXEC')).toBe('*-1\r\n');
  });

  it('a flush of a key expired at WATCH time changes nothing', () => {
    const s = frozenServer();
    s.db(0).set(k, 'v' as Bytes);
    s.db(0).setExpire(k, NOW - 1);
    const a = connect(s);
    a.send('WATCH', 'k');
    s.db(0).flush();
    a.send('MULTI');
    expect(a.send('EXEC')).toBe('*0\r\n');
  });

  it('SWAPDB bringing in an already expired key leaves a missing watched key untouched', () => {
    const s = frozenServer();
    s.db(1).set(k, 'v' as Bytes);
    s.db(1).setExpire(k, NOW - 1);
    const a = connect(s);
    a.send('WATCH', 'k');
    s.db(0).swapContents(s.db(1));
    a.send('MULTI');
    expect(a.send('EXEC')).toBe('*0\r\n');
  });

  it('SWAPDB bringing in a live key touches a missing watched key', () => {
    const s = frozenServer();
    s.db(1).set(k, 'v' as Bytes);
    const a = connect(s);
    a.send('WATCH', 'k');
    s.db(0).swapContents(s.db(1));
    a.send('MULTI');
    expect(a.send('EXEC')).toBe('*-1\r\n');
  });
});

describe('WATCH bookkeeping', () => {
  it('forgets every watch on UNWATCH, EXEC, DISCARD, RESET and disconnect', () => {
    const s = frozenServer();
    const a = connect(s);
    const watchers = () => s.databases.reduce((n, db) => n + db.watchers.size, 0);
    a.send('WATCH', 'x', 'y', 'x');
    expect(a.client.watched).toHaveLength(2);
    a.send('SELECT', '1');
    a.send('WATCH', 'x');
    expect(watchers()).toBe(3);
    a.send('UNWATCH');
    expect(watchers()).toBe(0);
    for (const end of [['EXEC'], ['DISCARD']]) {
      a.send('WATCH', 'x');
      a.send('MULTI');
      a.send(...end);
      expect(watchers()).toBe(0);
    }
    a.send('WATCH', 'x');
    a.send('RESET');
    expect(watchers()).toBe(0);
    const b = connect(s);
    b.send('WATCH', 'x');
    b.client.disconnected();
    expect(watchers()).toBe(0);
  });

  it('touching a watched key drops all the client\'s watches (touchWatchedKey\'s unwatchAllKeys)', () => {
    const s = frozenServer();
    const a = connect(s);
    const b = connect(s);
    a.send('WATCH', 'x', 'z');
    a.send('SELECT', '1');
    a.send('WATCH', 'x');
    b.send('WATCH', 'z');
    s.db(0).set('x' as Bytes, '1' as Bytes);
    expect(a.client.watchDirty).toBe(true);
    expect(a.client.watched).toEqual([]);
    // Only b's watch is left; a's watches of z and of x in database 1 went too.
    expect([...s.db(0).watchers.keys()]).toEqual(['z']);
    expect([...(s.db(0).watchers.get('z' as Bytes)?.keys() ?? [])]).toEqual([b.client]);
    expect(s.db(1).watchers.size).toBe(0);
    // A dirty client's WATCH watches nothing more; its EXEC still fails.
    expect(a.send('WATCH', 'y')).toBe('+OK\r\n');
    expect(a.client.watched).toEqual([]);
    a.send('MULTI');
    expect(a.send('EXEC')).toBe('*-1\r\n');
    a.send('WATCH', 'x');
    a.send('UNWATCH');
    expect(a.client.watchDirty).toBe(false);
  });
});

describe('EXEC', () => {
  const Probe = defineMixin({
    name: 'Probe',
    commands: {
      // A handler that writes its replies itself, as a subscription command does.
      'ECHO': (client, argv) => {
        client.reply(argv[1] as Bytes);
        client.reply(`${client.inExec}` as Bytes);
        return NO_REPLY;
      },
    },
  });

  it('collects replies a handler writes itself, in order', () => {
    const s = new FakeServer({ mixins: overrideCommands(coreMixins, Probe) });
    expect(s.call('MULTI')).toEqual(OK);
    s.call('ECHO', 'a');
    s.call('PING');
    expect(s.call('EXEC')).toEqual(['a', 'true', new SimpleString('PONG')]);
  });

  it('answers EXECABORT for a rejected EXEC in subscribed mode and leaves the transaction', () => {
    const s = new FakeServer({ mixins: [...coreMixins] });
    const a = connect(s);
    a.client.channels.add('c' as Bytes);
    expect(a.send('EXEC')).toBe(
      "-EXECABORT Transaction discarded because of: Can't execute 'exec': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context\r\n",
    );
  });

  it('is the last command afterwards, and the queue runs with the transaction open', () => {
    const s = new FakeServer({ mixins: [...coreMixins] });
    const a = connect(s);
    a.send('MULTI');
    a.send('CLIENT', 'INFO');
    const reply = a.send('EXEC');
    expect(reply).toMatch(/^\*1\r\n\$\d+\r\nid=\d+ .* flags=x .* multi=1 .* cmd=exec /);
    expect(a.client.lastCommand).toBe('exec');
    expect(a.client.multi).toBeUndefined();
    expect(a.client.inExec).toBe(false);
  });

  it('returns the null array when a watched key was touched', () => {
    const s = new FakeServer({ mixins: [...coreMixins] });
    s.call('WATCH', 'k');
    s.db(0).set(k, 'v' as Bytes);
    s.call('MULTI');
    expect(s.call('EXEC')).toBe(NULL_ARRAY);
    expect(s.call('EXEC')).toEqual(new ErrorReply('ERR EXEC without MULTI'));
  });
});
