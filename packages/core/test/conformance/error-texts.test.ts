import { runScenarios } from '@fakeredis/tooling/conformance';
import { serverForConformance } from '../server/fixtures.js';

// Error texts that quote what a client sent. Redis prints arguments with %s / %.128s,
// which stop at a NUL byte, and keeps the reply one line: addReplyErrorFormat trims CR
// and LF at the ends and turns the others into spaces, rejectCommandFormat (unknown
// command or subcommand) turns them all into spaces, DEBUG ERROR writes its text as
// given with CR and LF as spaces.
const options = { createServer: (config: Record<string, string>) => serverForConformance(config) };
const x = (n: number, c = 'x') => c.repeat(n);

runScenarios('errors: quoted arguments', options, [
  {
    name: 'CR and LF in quoted arguments',
    steps: [
      ['CONFIG', 'SET', 'a\r\nb', '1'], ['CONFIG', 'SET', '\nab\n', '1'], ['CONFIG', 'SET', '\r\n', '1'],
      ['SET', 'k', 'v'], ['EXPIRE', 'k', '1', '\nx\n'], ['EXPIRE', 'k', '1', '\r\n'], ['EXPIRE', 'k', '1', 'a\rb'],
      ['DEBUG', 'ERROR', '\nxx\r\n'], ['DEBUG', 'ERROR', 'CODE with\nnewline'], ['DEBUG', '\nfoo\n'],
      ['f\r\noo', 'a\r\nb', '\n'], ['CONFIG', 'x\ny'], ['CONFIG', '\r\n'], ['HELLO', '3', 'a\nb'], ['HELLO', '3', '\n'],
      ['CLIENT', 'KILL', 'TYPE', 'x\r\ny'], ['CLIENT', 'NO-EVICT', '\n'], ['TTL', 'k'],
    ],
  },
  {
    name: 'quoted arguments stop at a NUL byte',
    steps: [
      ['foo\0bar', 'x\0y', 'z', '\0'], ['CONFIG', 'fo\0o', 'x'], ['DEBUG', 'fo\0o\n'], ['HELLO', '3', 'fo\0o'],
      ['CLIENT', 'KILL', 'TYPE', 'no\0x\r\n'], ['CONFIG', 'SET', 'a\0b', '1'], ['CONFIG', 'SET', 'daemonize\0x', 'yes'],
      ['SET', 'k', 'v'], ['EXPIRE', 'k', '1', 'a\0b'], ['EXPIRE', 'k', '1', '\0'],
      ['DEBUG', 'POPULATE', '2', 'p\0q'], { cmd: ['KEYS', 'p*'], compare: 'unordered' }, ['DBSIZE'],
    ],
  },
  {
    name: 'unknown command: the name and the arguments shown are cut at 128 bytes',
    steps: [
      [x(140)], [x(130, 'n'), x(100), x(100)], ['nope', x(60), x(60), x(60)], ['nope', `${x(50)}\0${x(50)}`, x(100), x(10)],
      ['nope', '', '', ''], [`${x(10)}\0${x(200)}`, 'a'], ['CONFIG', x(200)], ['CONFIG', `${x(100)}\0\r\n${x(100)}`],
      ['DEBUG', x(200)], ['DEBUG', `a\0${x(200)}`],
    ],
  },
]);
