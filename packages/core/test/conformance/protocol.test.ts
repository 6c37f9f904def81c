import { runScenarios } from '@fakeredis/tooling/conformance';
import { StringCommands } from '@fakeredis/strings';
import { coreMixins, FakeServer } from '../../src/index.js';

// Framing and protocol errors, checked byte for byte against redis-server. A protocol
// error closes that connection only: later steps use a second connection.
runScenarios('protocol', { createServer: (config) => new FakeServer({ mixins: [...coreMixins, StringCommands], config }) }, [
  {
    name: 'inline commands with quotes and escapes',
    steps: [
      { cmd: [], raw: 'SET k "a b\\x41\\n"\r\n' },
      { cmd: [], raw: "GET 'k'\r\n" },
      { cmd: [], raw: 'ECHO "\\t\\\\"\n' },
      { cmd: [], raw: '\r\nPING\r\n' },
    ],
  },
  {
    name: 'pipelined multibulk and inline in one write',
    steps: [{ cmd: [], raw: '*3\r\n$3\r\nSET\r\n$1\r\nx\r\n$1\r\n1\r\nGET x\r\n*2\r\n$3\r\nGET\r\n$1\r\nx\r\n', replies: 3 }],
  },
  {
    name: 'empty and negative multibulk counts are skipped',
    steps: [{ cmd: [], raw: '*0\r\n*-1\r\nPING\r\n' }],
  },
  {
    name: 'unbalanced quotes close the connection',
    steps: [{ cmd: [], raw: 'SET k "abc\r\n' }, { cmd: ['PING'], conn: 'b' }],
  },
  {
    name: 'closing quote must be followed by a space',
    steps: [{ cmd: [], raw: 'ECHO "a"b\r\n' }],
  },
  { name: 'expected $', steps: [{ cmd: [], raw: '*1\r\n+PING\r\n' }] },
  { name: 'invalid multibulk length', steps: [{ cmd: [], raw: '*abc\r\n' }] },
  { name: 'multibulk length over the limit', steps: [{ cmd: [], raw: '*2147483648\r\n' }] },
  { name: 'invalid bulk length', steps: [{ cmd: [], raw: '*1\r\n$abc\r\n' }] },
  { name: 'negative bulk length', steps: [{ cmd: [], raw: '*1\r\n$-1\r\n' }] },
  { name: 'bulk length over proto-max-bulk-len', steps: [{ cmd: [], raw: '*1\r\n$536870913\r\n' }] },
  { name: 'too big inline request', steps: [{ cmd: [], raw: 'x'.repeat(70_000) }] },
  {
    name: 'unknown commands quote at most 128 bytes of arguments',
    steps: [
      ['NOSUCHCOMMAND', 'a'.repeat(100), 'b'.repeat(100), 'c'],
      ['NOSUCH\r\nCOMMAND', 'x\ny'],
      ['nosuch'],
    ],
  },
  {
    name: 'binary-safe arguments',
    steps: [
      ['SET', Buffer.from([0, 1, 255, 13, 10, 0]), Buffer.from([255, 0, 254])],
      ['GET', Buffer.from([0, 1, 255, 13, 10, 0])],
      ['STRLEN', Buffer.from([0, 1, 255, 13, 10, 0])],
    ],
  },
  {
    name: 'a large value',
    steps: [['SET', 'big', 'v'.repeat(1_000_000)], ['STRLEN', 'big'], ['GETRANGE', 'big', '999990', '-1']],
  },
  {
    name: 'commands after AUTH in the same write get authenticated limits',
    steps: [
      ['CONFIG', 'SET', 'requirepass', 'pw'],
      {
        conn: 'b',
        cmd: [],
        raw: '*2\r\n$4\r\nAUTH\r\n$2\r\npw\r\n*12\r\n$4\r\nMSET\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\nd\r\n$1\r\n4\r\n$1\r\ne\r\n$1\r\n5\r\n$1\r\nf\r\n',
        replies: 1,
      },
      { conn: 'b', cmd: [], raw: '$1\r\n6\r\n' },
      { conn: 'b', cmd: ['MGET', 'a', 'f'] },
      ['CONFIG', 'SET', 'requirepass', ''],
    ],
  },
  {
    name: 'nothing after QUIT in the same write is read',
    steps: [{ cmd: [], raw: 'QUIT\r\n*x\r\n' }, { messages: 'a' }],
  },
  {
    name: 'inline arguments are not split at vertical tab or form feed',
    steps: [{ cmd: [], raw: 'ECHO a\x0bb\r\n' }, { cmd: [], raw: 'ECHO a\x0cb\r\n' }],
  },
  {
    name: 'a header line ends at CR',
    steps: [{ cmd: [], raw: '*1\rX$4\r\nPING\r\n' }],
  },
]);
