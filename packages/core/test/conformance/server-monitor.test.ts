import { MONITOR_LINES, runScenarios, type Scenario, type Step } from '@fakeredis/tooling/conformance';
import { serverForConformance } from '../server/fixtures.js';

const options = { createServer: (config: Record<string, string>) => serverForConformance(config) };
/** The monitor's lines so far (time and port masked). */
const lines: Step = { messages: 'm', compare: MONITOR_LINES };
const onMonitor = (...cmd: string[]): Step => ({ cmd, conn: 'm' });

const scenarios: Scenario[] = [
  {
    name: 'MONITOR shows commands after they ran, quoted as sdscatrepr quotes them',
    steps: [
      onMonitor('MONITOR'), ['SET', 'k', 'a"b\\c\n\r\t\x07\x08\x01\x7f\xff é'], ['GET', 'k'], ['INCR', 'k'], ['GET'], ['NOSUCH', 'x'], ['SELECT', '3'], ['PING'],
      ['ECHO', ''], ['SELECT', '0'], ['SET', 'n', '007'], ['APPEND', 'n', '1'], lines,
    ],
  },
  {
    name: 'MONITOR hides admin commands and redacts AUTH and HELLO passwords',
    steps: [
      onMonitor('MONITOR'), ['CONFIG', 'GET', 'maxmemory'], ['CLIENT', 'LIST', 'ID', '999'], ['SLOWLOG', 'LEN'], { cmd: ['CLIENT', 'ID'], compare: 'none' }, ['AUTH', 'pw'], ['AUTH', 'default', 'pw'], ['AUTH', 'a', 'b', 'c'],
      { cmd: ['HELLO', '2', 'AUTH', 'default', 'secret', 'SETNAME', 'me'], compare: { except: ['id'] } }, ['HELLO', '2', 'SETNAME', 'x', 'AUTH', 'nobody', 'y'], ['DEBUG', 'HELP'], ['MEMORY', 'USAGE', 'x'], ['INFO', 'nosuchsection'], lines,
    ],
  },
  {
    name: 'MONITOR inside MULTI / EXEC: MULTI, then the commands as EXEC runs them, then EXEC',
    steps: [
      onMonitor('MONITOR'), ['MULTI'], ['SET', 'a', '1'], ['INCR', 'a'], ['PFADD', 'a', 'x'], ['EXEC'], ['MULTI'], ['SET', 'a', '1'], ['NOSUCH'], ['EXEC'],
      ['MULTI'], ['GET', 'a'], ['EXEC', 'x'], ['EXEC', 'x'], ['MULTI'], ['DISCARD'], ['WATCH', 'a'], ['MULTI'], { cmd: ['SET', 'a', '2'], conn: 'b' }, ['GET', 'a'], ['EXEC'], lines,
    ],
  },
  {
    name: 'a monitor sees its own commands (not MONITOR), may not touch keys, ignores a second MONITOR',
    steps: [
      onMonitor('MONITOR'), onMonitor('PING'), onMonitor('GET', 'k'), onMonitor('SET', 'k', 'v'), onMonitor('CLIENT', 'GETNAME'), onMonitor('ECHO', 'hi'), onMonitor('SELECT', '2'),
      onMonitor('MULTI'), onMonitor('GET', 'x'), onMonitor('EXEC'), ['PING'], lines,
      { cmd: ['MONITOR'], conn: 'm', replies: 0 }, onMonitor('PING'), lines,
    ],
  },
  {
    name: 'MONITOR in MULTI is refused (deny blocking)',
    steps: [['MULTI'], ['MONITOR'], ['EXEC']],
  },
  {
    name: 'RESET ends monitoring; QUIT closes a monitor; other monitors see both',
    steps: [
      onMonitor('MONITOR'), { cmd: ['MONITOR'], conn: 'q' }, ['SET', 'x', '1'], lines, { messages: 'q', compare: MONITOR_LINES },
      onMonitor('RESET'), ['GET', 'x'], lines, { messages: 'q', compare: MONITOR_LINES }, onMonitor('GET', 'x'), { cmd: ['QUIT'], conn: 'q' }, ['PING'], lines,
    ],
  },
  {
    name: 'CLIENT INFO flags a monitor O',
    steps: [
      onMonitor('MONITOR'), { cmd: ['CLIENT', 'INFO'], conn: 'm', compare: { except: ['id', 'addr', 'laddr', 'fd', 'age', 'idle', 'qbuf', 'qbuf-free', 'argv-mem', 'rbs', 'rbp', 'tot-mem'] } },
    ],
  },
];

runScenarios('server: MONITOR', options, scenarios);
