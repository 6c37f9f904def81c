import { type Compare, runScenarios, type Scenario, type Step, type Wire, withStartConfig } from '@fakeredis/tooling/conformance';
import { referenceEnv, runReferenceScenarios } from '@fakeredis/tooling/conformance/reference';
import { serverProfile } from '../../src/index.js';
import { serverForConformance } from '../server/fixtures.js';

const options = withStartConfig({ createServer: (config: Record<string, string>) => serverForConformance(config) }, { 'enable-debug-command': 'yes' });
/** DOCTOR and GRAPH text with the figures masked (the sleeps take a few ms more or less). */
const report: Compare = { normalize: (text) => text.replace(/\d+(\.\d+)?/g, 'N') };
/**
 * INFO latencystats with the timings masked: the commands and their percentile names compared,
 * the lines sorted (Redis lists them in its command table's hash order), without CONFIG GET
 * (the runner's own, on the real server, before each CONFIG SET).
 */
const percentiles: Compare = {
  normalize: (text) =>
    text
      .split('\r\n')
      .filter((line) => !line.startsWith('latency_percentiles_usec_config|get:'))
      .map((line) => line.replace(/=\d+(\.\d+)?/g, '=N'))
      .sort()
      .join('\r\n'),
};
/** The µs labels hdr's log iterator (1024 ns doubling, 2 significant figures) can report. */
const HDR_LABELS = new Set(['1', '2', '4', '8', '16', '33', '66', '132', '264', '528', '1056', '2113', '4227', '8454', '16908', '33816', '67633', '135266', '270532', '541065', '1073741']);
/**
 * LATENCY HISTOGRAM with its timings checked, not compared: each command's calls are kept;
 * its buckets become "ok" when every label is one hdr reports and the counts rise to calls.
 */
const histogramShape: Compare = {
  map: (w: Wire): Wire => {
    const pairs = (x: Wire): Array<[Wire, Wire]> =>
      x.t === 'map' ? x.v : x.t === 'array' ? Array.from({ length: x.v.length / 2 }, (_, i) => [x.v[2 * i] as Wire, x.v[2 * i + 1] as Wire]) : [];
    const rebuild = (x: Wire, entries: Array<[Wire, Wire]>): Wire => (x.t === 'map' ? { t: 'map', v: entries } : { t: 'array', v: entries.flat() });
    return rebuild(w, pairs(w).map(([name, cdf]) => {
      const fields = pairs(cdf);
      const calls = fields[0]?.[1];
      const buckets = pairs(fields[1]?.[1] ?? { t: 'null' });
      const counts = buckets.map(([, c]) => Number((c as { v: string }).v));
      const ok = buckets.every(([label]) => HDR_LABELS.has((label as { v: string }).v)) && counts.every((c, i) => i === 0 || c > (counts[i - 1] as number)) &&
        String(counts.at(-1)) === (calls as { v: string }).v;
      return [name, rebuild(cdf, [fields[0] as [Wire, Wire], [fields[1]?.[0] as Wire, { t: 'simple', v: ok ? 'ok' : JSON.stringify(buckets) }]])];
    }));
  },
};
const sleep = (seconds: string): Step => ['DEBUG', 'SLEEP', seconds];

const scenarios: Scenario[] = [
  {
    name: 'LATENCY HELP, errors, and DOCTOR with monitoring off and on',
    steps: [
      ['LATENCY', 'HELP'], ['LATENCY', 'RESET'], ['LATENCY', 'DOCTOR'], ['LATENCY', 'NOSUCH'], ['LATENCY'], ['LATENCY', 'HISTORY'], ['LATENCY', 'LATEST', 'x'],
      ['LATENCY', 'GRAPH', 'nope'], ['LATENCY', 'HISTORY', 'nope'], ['LATENCY', 'LATEST'], ['LATENCY', 'RESET', 'a', 'b'],
      ['CONFIG', 'SET', 'latency-monitor-threshold', '100'], ['LATENCY', 'DOCTOR'], ['CONFIG', 'SET', 'latency-monitor-threshold', '0'],
    ],
  },
  {
    name: 'a command at or over latency-monitor-threshold is a "command" sample; DOCTOR and GRAPH report it',
    // Every command is timed, on a machine that may be busy with other work: the threshold
    // is far above what a command under the threshold (the 10 ms sleep included) takes there.
    steps: [
      ['LATENCY', 'RESET'], ['CONFIG', 'SET', 'latency-monitor-threshold', '1000'], sleep('0.01'), ['LATENCY', 'LATEST'], sleep('1.1'),
      { cmd: ['LATENCY', 'LATEST'], compare: 'shape' }, { cmd: ['LATENCY', 'HISTORY', 'command'], compare: 'shape' }, { cmd: ['LATENCY', 'DOCTOR'], compare: report },
      { cmd: ['LATENCY', 'GRAPH', 'command'], compare: report }, ['LATENCY', 'GRAPH', 'COMMAND'], ['LATENCY', 'RESET', 'COMMAND', 'command'], ['LATENCY', 'LATEST'],
      ['CONFIG', 'SET', 'latency-monitor-threshold', '0'],
    ],
  },
  {
    name: 'LATENCY HISTOGRAM: calls per command and subcommand, hdr log buckets',
    steps: [
      ['CONFIG', 'RESETSTAT'], ['SET', 'a', '1'], ['SET', 'b', '2'], ['GET', 'a'], ['CONFIG', 'GET', 'hz'],
      // A container's subcommands come in table order here, in hash order in Redis: named one by one.
      { cmd: ['LATENCY', 'HISTOGRAM', 'set', 'nosuch', 'config|resetstat', 'CONFIG|GET', 'config|set'], compare: histogramShape },
      { cmd: ['LATENCY', 'HISTOGRAM', 'get'], compare: histogramShape },
      ['CONFIG', 'SET', 'latency-tracking', 'no'], ['GET', 'a'], { cmd: ['LATENCY', 'HISTOGRAM', 'get'], compare: histogramShape }, ['CONFIG', 'SET', 'latency-tracking', 'yes'],
      ['CONFIG', 'RESETSTAT'], ['LATENCY', 'HISTOGRAM', 'set'],
    ],
  },
  {
    name: 'INFO latencystats: the configured percentiles of each command called, nothing when tracking is off',
    steps: [
      ['CONFIG', 'RESETSTAT'], ['PING'], ['SET', 'a', '1'], { cmd: ['INFO', 'latencystats'], compare: percentiles },
      ['CONFIG', 'SET', 'latency-tracking-info-percentiles', '90 99.5 100'], { cmd: ['INFO', 'latencystats'], compare: percentiles },
      ['CONFIG', 'SET', 'latency-tracking-info-percentiles', ''], { cmd: ['INFO', 'latencystats'], compare: percentiles },
      ['CONFIG', 'SET', 'latency-tracking-info-percentiles', '0.5'], ['CONFIG', 'RESETSTAT'], ['GET', 'a'], { cmd: ['INFO', 'latencystats'], compare: percentiles },
      ['CONFIG', 'SET', 'latency-tracking', 'no'], ['CONFIG', 'RESETSTAT'], ['GET', 'a'], { cmd: ['INFO', 'latencystats'], compare: percentiles },
      ['CONFIG', 'SET', 'latency-tracking', 'yes'], ['CONFIG', 'SET', 'latency-tracking-info-percentiles', '50 99 99.9'],
    ],
  },
];

runScenarios('server: LATENCY', options, scenarios);

// Redis 8 changed DOCTOR's text (the latency monitor page's address), Valkey most of its sentences.
for (const [serverType, version] of [['redis', '7.4'], ['redis', '8.0'], ['redis', '8.6'], ['valkey', '8.0'], ['valkey', '8.1'], ['valkey', '9.1']] as const) {
  const profile = serverProfile(serverType, version);
  runReferenceScenarios(referenceEnv(serverType, version), `server: LATENCY (${serverType} ${version})`, {
    createServer: (config) => serverForConformance(config, undefined, profile),
    realServerArgs: ['--enable-debug-command', 'yes'],
  }, scenarios.slice(0, 2));
}
