import type { Bytes } from '../../bytes.js';
import type { Client } from '../../client.js';
import { trimDouble } from '../../config/special.js';
import type { CommandHandler } from '../../dispatch/mixin.js';
import type { CommandEntry } from '../../dispatch/table.js';
import { ErrorReply, MapReply, type Reply, VerbatimReply } from '../../reply.js';
import { addHook, defineModuleState, type FakeServer } from '../../server.js';
import { helpReply } from '../help.js';

/**
 * LATENCY (latency.c) and the per-command latency histograms (INFO latencystats, LATENCY
 * HISTOGRAM). Every handler call is timed through the commandCalled hook: a call of at
 * least `latency-monitor-threshold` ms is a sample of the "command" or "fast-command"
 * event (one per second, the worst kept, 160 kept per event); with `latency-tracking` its
 * duration goes into the command's histogram, which has hdr_histogram's layout (1 ns to
 * 1 s, 2 significant figures), so buckets and percentiles are reported at the precision
 * Redis reports them. The durations are the fake's own.
 */

// ---- hdr_histogram(1, 1e9, 2) ---------------------------------------------------------

/** sub_bucket_half_count_magnitude and friends for 2 significant figures, unit 1 ns. */
const HALF_MAGNITUDE = 7;
const HALF_COUNT = 1 << HALF_MAGNITUDE;
const SUB_BUCKET_COUNT = HALF_COUNT * 2;
/** (buckets needed to reach 1e9: 23) + 1, times the half count. */
const COUNTS_LEN = 24 * HALF_COUNT;
const HISTOGRAM_MIN = 1;
const HISTOGRAM_MAX = 1_000_000_000;

/** get_bucket_index: 64 - clz(value | sub_bucket_mask) - unit_magnitude - (half magnitude + 1). */
function bucketIndex(value: number): number {
  const log2 = value < 2 ** 31 ? 31 - Math.clz32(value) : Math.floor(Math.log2(value));
  return Math.max(log2, HALF_MAGNITUDE) - HALF_MAGNITUDE;
}

function lowestEquivalent(value: number): number {
  const scale = 2 ** bucketIndex(value);
  return Math.floor(value / scale) * scale;
}

/** The value range one count stands for (size_of_equivalent_value_range). */
function rangeSize(value: number): number {
  const bucket = bucketIndex(value);
  return 2 ** (Math.floor(value / 2 ** bucket) >= SUB_BUCKET_COUNT ? bucket + 1 : bucket);
}

function highestEquivalent(value: number): number {
  return lowestEquivalent(value) + rangeSize(value) - 1;
}

function valueAtIndex(index: number): number {
  let bucket = (index >> HALF_MAGNITUDE) - 1;
  let sub = (index & (HALF_COUNT - 1)) + HALF_COUNT;
  if (bucket < 0) {
    sub -= HALF_COUNT;
    bucket = 0;
  }
  return sub * 2 ** bucket;
}

/** A command's latency histogram, in nanoseconds, as Redis's hdr_histogram holds it. */
export class LatencyHistogram {
  readonly counts = new Float64Array(COUNTS_LEN);
  total = 0;

  /** updateCommandLatencyHistogram: the duration clamped to 1 ns .. 1 s. */
  record(ns: number): void {
    const value = Math.min(Math.max(ns, HISTOGRAM_MIN), HISTOGRAM_MAX);
    const bucket = bucketIndex(value);
    const index = ((bucket + 1) << HALF_MAGNITUDE) + (Math.floor(value / 2 ** bucket) - HALF_COUNT);
    this.counts[index]! += 1;
    this.total++;
  }

  /** hdr_value_at_percentile. */
  valueAtPercentile(percentile: number): number {
    const requested = percentile < 100 ? percentile : 100;
    const countAt = Math.max(1, Math.trunc((requested / 100) * this.total + 0.5));
    let value = 0;
    let cumulative = 0;
    for (let i = 0; i < COUNTS_LEN; i++) {
      cumulative += this.counts[i] as number;
      if (cumulative >= countAt) {
        value = valueAtIndex(i);
        break;
      }
    }
    return percentile === 0 ? lowestEquivalent(value) : highestEquivalent(value);
  }

  /**
   * fillCommandCDF's buckets: hdr's logarithmic iterator from 1024 ns doubling, each step
   * reported as (highest equivalent value of where it stopped) / 1000 µs with the
   * cumulative count, when that count grew.
   */
  cumulativeBuckets(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    // hdr_iter_log_init(iter, h, 1024, 2), then hdr_iter_next until it is done.
    let index = -1;
    let value = 0;
    let highest = 0;
    let cumulative = 0;
    let level = 1024;
    let levelLowest = lowestEquivalent(level);
    const moveNext = (): boolean => {
      index++;
      if (index >= COUNTS_LEN) return false;
      cumulative += this.counts[index] as number;
      value = valueAtIndex(index);
      highest = highestEquivalent(value);
      return true;
    };
    const logIterNext = (): boolean => {
      const more = cumulative < this.total || (index < COUNTS_LEN && valueAtIndex(index + 1) > levelLowest);
      if (!more) return false;
      for (;;) {
        if (value >= levelLowest) {
          level *= 2;
          levelLowest = lowestEquivalent(level);
          return true;
        }
        if (!moveNext()) return true;
      }
    };
    let previous = 0;
    while (logIterNext()) {
      if (cumulative > previous) out.push([Math.floor(highest / 1000), cumulative]);
      previous = cumulative;
    }
    return out;
  }
}

// ---- state -----------------------------------------------------------------------------

const LATENCY_TS_LEN = 160;

interface LatencySample {
  time: number;
  latency: number;
}

interface LatencyTimeSeries {
  idx: number;
  max: number;
  /** Every sample's latency summed and counted (Valkey 8.1's LATEST shows them; a uint32_t sum there). */
  sum: number;
  cnt: number;
  readonly samples: LatencySample[];
}

const latencyState = defineModuleState('core:latency', () => ({
  events: new Map<string, LatencyTimeSeries>(),
  histograms: new Map<CommandEntry, LatencyHistogram>(),
}));

const seconds = (server: FakeServer) => Math.floor(server.clock.now() / 1000);

/** latencyAddSample: one sample per second per event, the worst of that second kept. */
export function latencyAddSample(server: FakeServer, event: string, latency: number): void {
  const events = server.moduleState(latencyState).events;
  let ts = events.get(event);
  if (ts === undefined) {
    ts = { idx: 0, max: 0, sum: 0, cnt: 0, samples: Array.from({ length: LATENCY_TS_LEN }, () => ({ time: 0, latency: 0 })) };
    events.set(event, ts);
  }
  const now = seconds(server);
  if (latency > ts.max) ts.max = latency;
  ts.sum = (ts.sum + latency) >>> 0;
  ts.cnt = (ts.cnt + 1) >>> 0;
  const prev = ts.samples[(ts.idx + LATENCY_TS_LEN - 1) % LATENCY_TS_LEN] as LatencySample;
  if (prev.time === now) {
    if (latency > prev.latency) prev.latency = latency;
    return;
  }
  const slot = ts.samples[ts.idx] as LatencySample;
  slot.time = now;
  slot.latency = latency;
  ts.idx = (ts.idx + 1) % LATENCY_TS_LEN;
}

/** latencyAddSampleIfNeeded. */
export function latencyAddSampleIfNeeded(server: FakeServer, event: string, latency: number): void {
  const threshold = server.config.getNumber('latency-monitor-threshold');
  if (threshold !== 0 && latency >= threshold) latencyAddSample(server, event, latency);
}

/** Installs the call timing hook (ServerCommands.install). */
export function installLatency(server: FakeServer): void {
  addHook(server, 'commandCalled', (client, entry, _argv, durationUs) => {
    latencyAddSampleIfNeeded(server, entry.flags.has('fast') ? 'fast-command' : 'command', Math.floor(durationUs / 1000));
    // A blocked client's call is measured by Redis when it is unblocked; the fake leaves it out.
    if (client.blocked !== undefined || !server.config.getBoolean('latency-tracking')) return;
    const histograms = server.moduleState(latencyState).histograms;
    let histogram = histograms.get(entry);
    if (histogram === undefined) histograms.set(entry, (histogram = new LatencyHistogram()));
    histogram.record(durationUs * 1000);
  });
}

/** CONFIG RESETSTAT drops the histograms (resetCommandTableStats). */
export function resetLatencyHistograms(server: FakeServer): void {
  server.moduleState(latencyState).histograms.clear();
}

/** INFO latencystats: each command's percentiles from its histogram, in µs with 3 decimals. */
export function latencyStatsFields(server: FakeServer): Array<[string, string]> {
  if (!server.config.getBoolean('latency-tracking')) return [];
  const percentiles = server.config.get('latency-tracking-info-percentiles').split(' ').filter((p) => p !== '');
  const histograms = server.moduleState(latencyState).histograms;
  const fields: Array<[string, string]> = [];
  for (const entry of server.commands.all()) {
    const histogram = histograms.get(entry);
    if (histogram === undefined) continue;
    const values = percentiles.map((p) => `p${trimDouble(p)}=${(histogram.valueAtPercentile(Number(p)) / 1000).toFixed(3)}`);
    fields.push([`latency_percentiles_usec_${entry.fullName}`, values.join(',')]);
  }
  return fields;
}

// ---- LATENCY ---------------------------------------------------------------------------

interface LatencyStats {
  allTimeHigh: number;
  avg: number;
  min: number;
  max: number;
  mad: number;
  samples: number;
  period: number;
}

/** analyzeLatencyForEvent. */
function analyze(server: FakeServer, ts: LatencyTimeSeries): LatencyStats {
  const ls: LatencyStats = { allTimeHigh: ts.max, avg: 0, min: 0, max: 0, mad: 0, samples: 0, period: 0 };
  let sum = 0;
  for (const s of ts.samples) {
    if (s.time === 0) continue;
    ls.samples++;
    if (ls.samples === 1) ls.min = ls.max = s.latency;
    else {
      if (ls.min > s.latency) ls.min = s.latency;
      if (ls.max < s.latency) ls.max = s.latency;
    }
    sum += s.latency;
    if (ls.period === 0 || s.time < ls.period) ls.period = s.time;
  }
  if (ls.samples) {
    ls.avg = Math.floor(sum / ls.samples);
    ls.period = seconds(server) - ls.period;
    if (ls.period === 0) ls.period = 1;
  }
  sum = 0;
  for (const s of ts.samples) if (s.time !== 0) sum += Math.abs(ls.avg - s.latency);
  if (ls.samples) ls.mad = Math.floor(sum / ls.samples);
  return ls;
}

/** The advice texts, with the server's name where Redis says "Redis" (Valkey rewrote some sentences, and says valkey.io, valkey-cli). */
function advice(valkey: boolean) {
  const name = valkey ? 'Valkey' : 'Redis';
  return {
    slowlogInspect: `- Check your Slow Log to understand what are the commands you are running which are too slow to execute. Please check https://${valkey ? 'valkey.io' : 'redis.io'}/commands/slowlog for more information.\n`,
    scheduler:
      `- The system is slow to execute ${name} code paths not containing system calls. This usually means the system does not provide ${name} CPU time to run for long periods. You should try to:\n` +
      '  1) Lower the system load.\n' +
      `  2) Use a computer / VM just for ${name} if you are running other software in the same system.\n` +
      '  3) Check if you have a "noisy neighbour" problem.\n' +
      `  4) Check with '${valkey ? 'valkey-cli' : 'redis-cli'} --intrinsic-latency 100' what is the intrinsic latency in your system.\n` +
      `  5) Check if the problem is allocator-related by recompiling ${name} with MALLOC=libc, if you are using Jemalloc. However this may create fragmentation problems.\n`,
    hz: `- In order to make the ${name} keys expiring process more incremental, try to set the 'hz' configuration parameter to 100 using 'CONFIG SET hz 100'.\n`,
    largeObjects:
      '- Deleting, expiring or evicting (because of maxmemory policy) large objects is a blocking operation. If you have very large objects that are often deleted, expired, or evicted, try to fragment those objects into multiple smaller objects.\n',
    massEviction:
      `- Sudden changes to the 'maxmemory' setting via 'CONFIG SET', or allocation of large objects via sets or sorted sets intersections, STORE option of SORT, ${name} Cluster large keys migrations (RESTORE command), may create sudden memory pressure forcing the server to block trying to evict keys. \n`,
  };
}

/**
 * createLatencyReport for the events the fake records (command, fast-command and any a
 * module adds); the events of disk, fork and AOF never occur, and no transparent huge
 * pages are ever detected.
 */
function latencyReport(server: FakeServer): string {
  const events = server.moduleState(latencyState).events;
  const threshold = server.config.getNumber('latency-monitor-threshold');
  const valkey = server.profile.serverType === 'valkey';
  if (events.size === 0 && threshold === 0) {
    if (valkey) return 'I\'m sorry, Dave, I can\'t do that. Latency monitoring is disabled in this Valkey instance. You may use "CONFIG SET latency-monitor-threshold <milliseconds>." in order to enable it.\n';
    // Redis 8 points to the page's new address.
    const page = server.profile.serverType === 'redis' && server.versionAtLeast('8.0.0')
      ? 'https://redis.io/docs/latest/operate/oss_and_stack/management/optimization/latency-monitor'
      : 'https://redis.io/topics/latency-monitor';
    return `I'm sorry, Dave, I can't do that. Latency monitoring is disabled in this Redis instance. You may use "CONFIG SET latency-monitor-threshold <milliseconds>." in order to enable it. If we weren't in a deep space mission I'd suggest to take a look at ${page}.\n`;
  }
  const advise = { slowlogEnabled: false, slowlogTuning: false, slowlogInspect: false, scheduler: false, hz: false, largeObjects: false, massEviction: false };
  let advices = 0;
  let report = '';
  let eventnum = 0;
  for (const [event, ts] of events) {
    eventnum++;
    if (eventnum === 1) {
      report += valkey ? 'Latency spikes are observed in this Valkey instance.\n\n' : "Dave, I have observed latency spikes in this Redis instance. You don't mind talking about it, do you Dave?\n\n";
    }
    const ls = analyze(server, ts);
    report += `${eventnum}. ${event}: ${ls.samples} latency spikes (average ${ls.avg}ms, mean deviation ${ls.mad}ms, period ${(ls.period / ls.samples).toFixed(2)} sec). Worst all time event ${ts.max}ms.`;
    const name = event.toLowerCase();
    if (name === 'command') {
      const slower = server.config.getNumber('slowlog-log-slower-than');
      // Valkey also counts a slow log that keeps nothing (slowlog-max-len 0) as disabled.
      if (slower < 0 || (valkey && server.config.getNumber('slowlog-max-len') === 0)) {
        advise.slowlogEnabled = true;
        advices++;
      } else if (Math.trunc(slower / 1000) > threshold) {
        advise.slowlogTuning = true;
        advices++;
      }
      advise.slowlogInspect = true;
      advise.largeObjects = true;
      advices += 2;
    }
    if (name === 'fast-command') {
      advise.scheduler = true;
      advices++;
    }
    if (name === 'expire-cycle') {
      advise.hz = true;
      advise.largeObjects = true;
      advices += 2;
    }
    if (name === 'eviction-del') {
      advise.largeObjects = true;
      advices++;
    }
    if (name === 'eviction-cycle') {
      advise.massEviction = true;
      advices++;
    }
    report += '\n';
  }
  const name = valkey ? 'Valkey' : 'Redis';
  if (eventnum === 0 && advices === 0) {
    if (valkey) return `${report}No latency spike was observed during the lifetime of this Valkey instance, not in the slightest bit.\n`;
    return `${report}Dave, no latency spike was observed during the lifetime of this Redis instance, not in the slightest bit. I honestly think you ought to sit down calmly, take a stress pill, and think things over.\n`;
  }
  if (eventnum > 0 && advices === 0) {
    if (valkey) return `${report}\nThere are latency events logged that are not easy to fix. Please get some help from Valkey community, providing this report in your help request.\n`;
    return `${report}\nWhile there are latency events logged, I'm not able to suggest any easy fix. Please use the Redis community to get some help, providing this report in your help request.\n`;
  }
  report += valkey ? '\nHere is some advice for you:\n\n' : '\nI have a few advices for you:\n\n';
  if (advise.slowlogEnabled) {
    report += `- There are latency issues with potentially slow commands you are using. Try to enable the Slow Log ${name} feature using the command 'CONFIG SET slowlog-log-slower-than ${threshold * 1000}'. If the Slow log is disabled ${name} is not able to log slow commands execution for you.\n`;
  }
  if (advise.slowlogTuning) {
    report += `- Your current Slow Log configuration only logs events that are slower than your configured latency monitor threshold. Please use 'CONFIG SET slowlog-log-slower-than ${threshold * 1000}'.\n`;
  }
  const texts = advice(valkey);
  if (advise.slowlogInspect) report += texts.slowlogInspect;
  if (advise.scheduler) report += texts.scheduler;
  if (advise.hz && server.config.getNumber('hz') < 100) report += texts.hz;
  if (advise.largeObjects) report += texts.largeObjects;
  if (advise.massEviction) report += texts.massEviction;
  return report;
}

/** sparklineRenderRange with SPARKLINE_FILL, 4 rows, labels under the columns. */
function sparkline(samples: Array<{ value: number; label: string }>, columns: number, rows: number): string {
  const charset = '_o#';
  let out = '';
  for (let offset = 0; offset < samples.length; offset += columns) {
    if (offset !== 0) out += '\n';
    const part = samples.slice(offset, offset + columns);
    let min = 0;
    let max = 0;
    samples.forEach((s, i) => {
      if (i === 0) min = max = s.value;
      else if (s.value < min) min = s.value;
      else if (s.value > max) max = s.value;
    });
    let relmax = max - min;
    if (relmax === 0) relmax = 1;
    const steps = charset.length * rows;
    const labels = samples.some((s) => s.label !== '');
    for (let row = 0; ; row++) {
      let loop = false;
      const chars = new Array<string>(part.length).fill(' ');
      for (let j = 0; j < part.length; j++) {
        const s = part[j] as { value: number; label: string };
        let step = Math.trunc(Math.trunc((s.value - min) * steps) / relmax);
        if (step < 0) step = 0;
        if (step >= steps) step = steps - 1;
        if (row < rows) {
          const charidx = step - (rows - row - 1) * charset.length;
          loop = true;
          if (charidx >= 0 && charidx < charset.length) chars[j] = charset[charidx] as string;
          else if (charidx >= charset.length) chars[j] = '|';
        } else {
          if (labels && row - rows < 1) {
            loop = true;
            break;
          }
          const labelChar = row - rows - 1;
          if (s.label.length > labelChar) {
            loop = true;
            chars[j] = s.label[labelChar] as string;
          }
        }
      }
      if (!loop) break;
      out += `${chars.join('')}\n`;
    }
  }
  return out;
}

/** latencyCommandGenSparkeline: 80 columns, labels for how long ago each sample was. */
function latencyGraph(server: FakeServer, event: string, ts: LatencyTimeSeries): string {
  const samples: Array<{ value: number; label: string }> = [];
  let min = 0;
  let max = 0;
  const now = seconds(server);
  for (let j = 0; j < LATENCY_TS_LEN; j++) {
    const s = ts.samples[(ts.idx + j) % LATENCY_TS_LEN] as LatencySample;
    if (s.time === 0) continue;
    if (samples.length === 0) min = max = s.latency;
    else {
      if (s.latency > max) max = s.latency;
      if (s.latency < min) min = s.latency;
    }
    const elapsed = now - s.time;
    const label =
      elapsed < 60 ? `${elapsed}s` : elapsed < 3600 ? `${Math.trunc(elapsed / 60)}m` : elapsed < 86400 ? `${Math.trunc(elapsed / 3600)}h` : `${Math.trunc(elapsed / 86400)}d`;
    samples.push({ value: s.latency, label });
  }
  return `${event} - high ${max} ms, low ${min} ms (all time high ${ts.max} ms)\n${'-'.repeat(80)}\n${sparkline(samples, 80, 4)}`;
}

/** fillCommandCDF. */
function commandCdf(histogram: LatencyHistogram): Reply {
  return new MapReply([
    ['calls' as Bytes, histogram.total],
    ['histogram_usec' as Bytes, new MapReply(histogram.cumulativeBuckets())],
  ]);
}

/** An event by name, matched as Redis's dict of C strings matches it (exactly). */
function series(client: Client, name: Bytes): LatencyTimeSeries | undefined {
  return client.server.moduleState(latencyState).events.get(name);
}

export const LATENCY_HISTORY: CommandHandler = (client, argv) => {
  const ts = series(client, argv[2] as Bytes);
  if (ts === undefined) return [];
  const out: Reply[] = [];
  for (let j = 0; j < LATENCY_TS_LEN; j++) {
    const s = ts.samples[(ts.idx + j) % LATENCY_TS_LEN] as LatencySample;
    if (s.time !== 0) out.push([s.time, s.latency]);
  }
  return out;
};

export const LATENCY_GRAPH: CommandHandler = (client, argv) => {
  const name = argv[2] as Bytes;
  const ts = series(client, name);
  if (ts === undefined) return new ErrorReply(`ERR No samples available for event '${name}'`);
  return new VerbatimReply('txt', latencyGraph(client.server, name, ts) as Bytes);
};

export const LATENCY_LATEST: CommandHandler = (client) => {
  const out: Reply[] = [];
  // Valkey 8.1 adds the sum and count of every sample.
  const totals = client.server.profile.serverType === 'valkey' && client.server.versionAtLeast('8.1.0');
  for (const [event, ts] of client.server.moduleState(latencyState).events) {
    const last = ts.samples[(ts.idx + LATENCY_TS_LEN - 1) % LATENCY_TS_LEN] as LatencySample;
    out.push(totals ? [event as Bytes, last.time, last.latency, ts.max, ts.sum, ts.cnt] : [event as Bytes, last.time, last.latency, ts.max]);
  }
  return out;
};

export const LATENCY_DOCTOR: CommandHandler = (client) => new VerbatimReply('txt', latencyReport(client.server) as Bytes);

/** LATENCY RESET [event ...]: how many events were dropped (names compared without case). */
export const LATENCY_RESET: CommandHandler = (client, argv) => {
  const events = client.server.moduleState(latencyState).events;
  if (argv.length === 2) {
    const count = events.size;
    events.clear();
    return count;
  }
  let resets = 0;
  for (const name of argv.slice(2)) {
    for (const event of [...events.keys()]) {
      if (event.toLowerCase() === name.toLowerCase()) {
        events.delete(event);
        resets++;
      }
    }
  }
  return resets;
};

/**
 * LATENCY HISTOGRAM [command ...]: each named command (and a container's subcommands)
 * that has a histogram; unknown names are skipped; without names every command.
 */
export const LATENCY_HISTOGRAM: CommandHandler = (client, argv) => {
  const server = client.server;
  const histograms = server.moduleState(latencyState).histograms;
  const entries: Array<[Reply, Reply]> = [];
  const add = (entry: CommandEntry) => {
    const histogram = histograms.get(entry);
    if (histogram !== undefined) entries.push([entry.fullName as Bytes, commandCdf(histogram)]);
  };
  if (argv.length === 2) {
    for (const entry of server.commands.all()) add(entry);
  } else {
    for (const name of argv.slice(2)) {
      const entry = server.commands.getByFullName(name);
      if (entry === undefined) continue;
      add(entry);
      for (const sub of entry.subcommands.values()) add(sub);
    }
  }
  return new MapReply(entries);
};

export const LATENCY_HELP: CommandHandler = (client) =>
  helpReply(client.server, 'LATENCY', [
    'DOCTOR',
    '    Return a human readable latency analysis report.',
    'GRAPH <event>',
    '    Return an ASCII latency graph for the <event> class.',
    'HISTORY <event>',
    '    Return time-latency samples for the <event> class.',
    'LATEST',
    '    Return the latest latency samples for all events.',
    'RESET [<event> ...]',
    '    Reset latency data of one or more <event> classes.',
    '    (default: reset all data for all event classes)',
    'HISTOGRAM [COMMAND ...]',
    '    Return a cumulative distribution of latencies in the format of a histogram for the specified command names.',
    '    If no commands are specified then all histograms are replied.',
  ]);
