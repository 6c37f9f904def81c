import { runScenarios } from '@fakeredis/tooling/conformance';
import { options } from './server.js';

runScenarios('pubsub: keyspace notifications', options, [
  {
    name: 'keyspace and keyevent channels reach channel and pattern subscribers',
    steps: [
      ['CONFIG', 'SET', 'notify-keyspace-events', 'KEA'],
      { cmd: ['SUBSCRIBE', '__keyevent@0__:set', '__keyevent@0__:del'], conn: 'b', replies: 2 },
      { cmd: ['PSUBSCRIBE', '__keyspace@0__:*'], conn: 'c' },
      { cmd: ['PSUBSCRIBE', '__key*__:*'], conn: 'd' },
      ['SET', 'k', 'v'],
      ['DEL', 'k'],
      ['SELECT', '1'],
      ['SET', 'k', 'v'],
      { messages: 'b' },
      { messages: 'c' },
      { messages: 'd' },
    ],
  },
  {
    name: 'only the enabled classes and channel kinds are published',
    steps: [
      ['CONFIG', 'SET', 'notify-keyspace-events', 'Eg'],
      { cmd: ['PSUBSCRIBE', '*'], conn: 'b' },
      ['SET', 'k', 'v'],
      ['EXPIRE', 'k', '100'],
      ['DEL', 'k'],
      ['CONFIG', 'SET', 'notify-keyspace-events', ''],
      ['SET', 'k', 'v'],
      ['DEL', 'k'],
      { messages: 'b' },
    ],
  },
  {
    name: 'an expired key is announced',
    steps: [
      ['CONFIG', 'SET', 'notify-keyspace-events', 'Ex'],
      { cmd: ['SUBSCRIBE', '__keyevent@0__:expired'], conn: 'b' },
      ['SET', 'k', 'v', 'PX', '20'],
      { sleep: 60 },
      ['GET', 'k'],
      { messages: 'b' },
    ],
  },
  {
    name: 'a subscriber sees its own writes (RESP3), inside MULTI too',
    protocols: [3],
    steps: [
      ['CONFIG', 'SET', 'notify-keyspace-events', 'KEA'],
      ['SUBSCRIBE', '__keyevent@0__:set'],
      ['PSUBSCRIBE', '__keyspace@0__:*'],
      ['SET', 'k', 'v'],
      { messages: 'a' },
      ['MULTI'],
      ['SET', 'k', 'w'],
      // EXEC's array holds one element (the first message), the rest follow it.
      { cmd: ['EXEC'], replies: 2 },
      { messages: 'a' },
    ],
  },
]);
