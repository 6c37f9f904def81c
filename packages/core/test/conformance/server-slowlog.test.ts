import { runScenarios, type Scenario } from '@fakeredis/tooling/conformance';
import { serverForConformance } from '../server/fixtures.js';

const options = { createServer: (config: Record<string, string>) => serverForConformance(config) };
const long = 'x'.repeat(200);
const many = Array.from({ length: 40 }, (_, i) => `a${i}`);
// id, time, duration vary; the argv, peer (ignored) and name are compared by the tests below.
const argvOnly = (n: number): string[] => ['SLOWLOG', 'GET', String(n)];

const scenarios: Scenario[] = [
  {
    name: 'SLOWLOG HELP, LEN, RESET and errors',
    steps: [
      // Logging off: under load any of the fake's commands can pass the default 10 ms.
      ['CONFIG', 'SET', 'slowlog-log-slower-than', '-1'],
      ['SLOWLOG', 'HELP'], ['SLOWLOG', 'RESET'], ['SLOWLOG', 'LEN'], ['SLOWLOG', 'GET', 'x'], ['SLOWLOG', 'GET', '-2'], ['SLOWLOG', 'NOSUCH'],
      ['SLOWLOG'], ['SLOWLOG', 'LEN', 'x'], ['SLOWLOG', 'GET', '1', '2'], ['SLOWLOG', 'LEN'],
      ['CONFIG', 'SET', 'slowlog-log-slower-than', '10000'],
    ],
  },
  {
    name: 'SLOWLOG with slowlog-log-slower-than 0 logs every command, newest first, cut as Redis cuts',
    steps: [
      ['CONFIG', 'SET', 'slowlog-log-slower-than', '0'], ['SLOWLOG', 'RESET'], ['CLIENT', 'SETNAME', 'me'], ['SET', 'k', long], ['ECHO', ...many.slice(0, 1)],
      ['MGET', ...many], ['MULTI'], ['GET', 'k'], ['EXEC'], ['SLOWLOG', 'LEN'], { cmd: argvOnly(-1), compare: 'shape' }, { cmd: argvOnly(2), compare: 'shape' },
      ['CONFIG', 'SET', 'slowlog-max-len', '2'], ['PING'], ['SLOWLOG', 'LEN'], ['CONFIG', 'SET', 'slowlog-log-slower-than', '-1'], ['PING'], ['SLOWLOG', 'LEN'],
      ['CONFIG', 'SET', 'slowlog-max-len', '128'], ['CONFIG', 'SET', 'slowlog-log-slower-than', '10000'],
    ],
  },
  {
    name: 'SLOWLOG with the default threshold logs DEBUG SLEEP only',
    steps: [
      ['CONFIG', 'SET', 'enable-debug-command', 'yes'], ['SLOWLOG', 'RESET'], ['PING'], ['DEBUG', 'SLEEP', '0.02'], ['PING'], ['SLOWLOG', 'LEN'],
    ],
  },
];

runScenarios('server: SLOWLOG', options, scenarios);
