import { describe, expect, it } from 'vitest';
import { StringCommands } from '@fakeredis/strings';
import { type Bytes, coreMixins, defineMixin, ErrorReply, FakeServer, KEY_DRAINED } from '../../src/index.js';
import { connect, FixtureListCommands } from './fixture.js';

// A block request may ask to learn that a key it waits on went away (XREADGROUP's
// signalDeletedKeyAsReady): deleting the key, or overwriting it with another type, wakes
// it with its `deletedReply`; a plain request goes on waiting.

const WAIT_GONE = new ErrorReply('UNBLOCKED the key no longer exists');

const Waits = defineMixin({
  name: 'WaitFixtures',
  commands: {
    // BRPOP's metadata: keys then a timeout. `gone` waits with a deletedReply, `plain` without.
    BRPOP(client, argv) {
      const gone = argv[2] === 'gone';
      return client.server.blocking.block(client, {
        keys: [argv[1] as Bytes],
        valueTypes: ['list'],
        deadline: 0,
        serve: () => KEY_DRAINED,
        ...(gone ? { deletedReply: WAIT_GONE } : {}),
      });
    },
  },
});

const server = () => new FakeServer({ mixins: [...coreMixins, StringCommands, FixtureListCommands, Waits] });

describe('blocked clients and deleted keys', () => {
  it('a deletion wakes only the requests that asked for it', () => {
    const s = server();
    s.call('SET', 'k', 'v');
    const gone = connect(s);
    const plain = connect(s);
    gone.send('BRPOP', 'k', 'gone');
    plain.send('BRPOP', 'k', 'plain');
    s.call('DEL', 'k');
    expect(gone.output).toEqual(['-UNBLOCKED the key no longer exists\r\n']);
    expect(plain.output).toEqual([]);
    expect(plain.client.blocked).toBeDefined();
    s.close();
  });

  it('an overwrite by another type wakes them too', () => {
    const s = server();
    s.call('RPUSH', 'k', 'a');
    const gone = connect(s);
    gone.send('BRPOP', 'k', 'gone');
    expect(gone.output).toEqual([]);
    s.call('SET', 'k', 'v');
    expect(gone.output).toEqual(['-UNBLOCKED the key no longer exists\r\n']);
    s.close();
  });
});
