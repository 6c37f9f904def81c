import { FakeServer } from '@fakeredis/core';
import type { Wire } from '@fakeredis/tooling/conformance';
import { runTimeSeriesScenarios, tsMixins } from './timeseries-server.js';

/** A DUMP payload of a series made by the fake (the scenarios compare the fake's DUMP with the module's first). */
function dumpOf(steps: string[][], key: string): Buffer {
  const server = new FakeServer({ mixins: tsMixins });
  for (const step of steps) server.call(...step);
  const payload = server.call('DUMP', key) as string;
  server.close();
  return Buffer.from(payload, 'latin1');
}

const DUMP_SETUP: string[][] = [
  ['TS.CREATE', 'c', 'CHUNK_SIZE', '64', 'DUPLICATE_POLICY', 'max'],
  ...Array.from({ length: 90 }, (_, i) => ['TS.ADD', 'c', String(i * 997 + (i % 4) * 123456), String(Math.sin(i) * 1000)]),
  ['TS.ADD', 'c', '5000', '3'],
  ['TS.CREATE', 'u', 'ENCODING', 'UNCOMPRESSED', 'CHUNK_SIZE', '48'], ...Array.from({ length: 9 }, (_, i) => ['TS.ADD', 'u', String(i * 3), String(i / 3)]),
  ['TS.CREATE', 'e'], ['TS.CREATE', 'l', 'RETENTION', '50', 'IGNORE', '3', '0.5', 'LABELS', 'x', '1', 'longer-label-name-that-goes-on-and-on-and-on', 'v'],
  ['TS.ADD', 'l', '1', '1'], ['TS.ADD', 'l', '2', '1e300'], ['TS.ADD', 'l', '3', '-1e-300'],
];

/** INFO modules' `module:` line, without the rest of the section. */
const moduleLine = (reply: Wire): Wire => reply.t === 'bulk' || reply.t === 'verbatim'
  ? { t: reply.t, v: reply.v.split('\r\n').filter((line) => line.startsWith('module:')).join('\n') }
  : reply;

/** The TS.* names of a command list, sorted (the module also registers cluster-internal timeseries.* commands). */
const tsNames = (reply: Wire): Wire => reply.t === 'array'
  ? { t: 'array', v: reply.v.filter((w) => w.t === 'bulk' && w.v.startsWith('ts.')).sort((x, y) => ((x as { v: string }).v < (y as { v: string }).v ? -1 : 1)) }
  : reply;

const AGGS = ['min', 'max', 'sum', 'avg', 'count', 'first', 'last', 'range', 'std.p', 'std.s', 'var.p', 'var.s', 'twa'];

const range = (n: number, f: (i: number) => string[]): string[][] => Array.from({ length: n }, (_, i) => f(i));

runTimeSeriesScenarios('timeseries: TS.*', [
  { name: 'CREATE, ADD, GET, INFO', steps: [
    ['TS.CREATE', 'a'], ['TS.INFO', 'a'], ['TS.ADD', 'a', '1000', '1.5'], ['TS.ADD', 'a', '2000', '2'], ['TS.GET', 'a'], ['TS.INFO', 'a'],
    ['TS.CREATE', 'a'], ['TS.GET', 'missing'], ['TS.CREATE', 'u', 'ENCODING', 'UNCOMPRESSED', 'CHUNK_SIZE', '128', 'RETENTION', '100', 'DUPLICATE_POLICY', 'max', 'LABELS', 'x', '1', 'y', 'two'],
    ['TS.INFO', 'u'], ['TS.GET', 'u'], ['TYPE', 'a'], ['MEMORY', 'USAGE', 'a'], ['MEMORY', 'USAGE', 'u'], ['OBJECT', 'ENCODING', 'a'],
  ] },
  { name: 'CREATE errors', steps: [
    ['TS.CREATE'], ['TS.CREATE', 'k', 'RETENTION'], ['TS.CREATE', 'k', 'RETENTION', 'x'], ['TS.CREATE', 'k', 'RETENTION', '-1'],
    ['TS.CREATE', 'k', 'CHUNK_SIZE', '40'], ['TS.CREATE', 'k', 'CHUNK_SIZE', '50'], ['TS.CREATE', 'k', 'CHUNK_SIZE', 'x'], ['TS.CREATE', 'k', 'CHUNK_SIZE', '2000000'],
    ['TS.CREATE', 'k', 'ENCODING'], ['TS.CREATE', 'k', 'ENCODING', 'foo'], ['TS.CREATE', 'k', 'DUPLICATE_POLICY'], ['TS.CREATE', 'k', 'DUPLICATE_POLICY', 'foo'],
    ['TS.CREATE', 'k', 'LABELS', 'a'], ['TS.CREATE', 'k', 'LABELS', 'a', ''], ['TS.CREATE', 'k', 'LABELS', 'a', 'b(c'], ['TS.CREATE', 'k', 'IGNORE', '1'],
    ['TS.CREATE', 'k', 'IGNORE', '-1', '2'], ['TS.CREATE', 'k', 'IGNORE', '1', '-2'], ['TS.CREATE', 'k', 'IGNORE', 'x', '2'], ['TS.CREATE', 'RETENTION'],
    ['TS.CREATE', 'k', 'UNCOMPRESSED', 'COMPRESSED'], ['TS.INFO', 'k'], ['TS.CREATE', 'k2', 'COMPRESSED'], ['TS.INFO', 'k2'], ['SET', 's', 'v'], ['TS.CREATE', 's'],
    ['TS.CREATE', 'k3', 'IGNORE', '10', '0.5', 'LABELS', 'a', 'b', 'c'], ['TS.INFO', 'k3'],
  ] },
  { name: 'ADD errors and duplicate policies', steps: [
    ['TS.ADD', 'k', '1'], ['TS.ADD', 'k', 'x', '1'], ['TS.ADD', 'k', '-1', '1'], ['TS.ADD', 'k', '1', 'abc'], ['TS.ADD', 'k', '1', '1.5abc'], ['TS.ADD', 'k', '2', '+1'],
    ['TS.ADD', 'k', '3', '00012'], ['TS.ADD', 'k', '4', '1e400'], ['TS.ADD', 'k', '5', '.5'], ['TS.ADD', 'k', '6', '0x10'], ['TS.RANGE', 'k', '-', '+'],
    ['TS.ADD', 'k', '1', '5'], ['TS.ADD', 'k', '1', '5', 'ON_DUPLICATE', 'sum'], ['TS.ADD', 'k', '1', '2', 'ON_DUPLICATE', 'min'], ['TS.ADD', 'k', '1', '9', 'ON_DUPLICATE', 'MAX'],
    ['TS.ADD', 'k', '1', '7', 'ON_DUPLICATE', 'first'], ['TS.ADD', 'k', '1', '8', 'ON_DUPLICATE', 'last'], ['TS.ADD', 'k', '1', '8', 'ON_DUPLICATE', 'bad'], ['TS.GET', 'k'],
    ['TS.RANGE', 'k', '-', '+'], ['SET', 's', 'v'], ['TS.ADD', 's', '1', '1'], ['TS.ADD', 'n', '5', '1', 'RETENTION', 'x'], ['EXISTS', 'n'],
    ['TS.ADD', 'n2', '5', '1', 'RETENTION', '10', 'LABELS', 'a', 'b'], ['TS.INFO', 'n2'], ['TS.ADD', 'n2', '100', '1'], ['TS.ADD', 'n2', '50', '1'], ['TS.ADD', 'n2', '95', '1'],
    ['TS.CREATE', 'd', 'DUPLICATE_POLICY', 'SUM'], ['TS.ADD', 'd', '10', '1'], ['TS.ADD', 'd', '10', '2'], ['TS.ADD', 'd', '10', '3', 'ON_DUPLICATE', 'block'], ['TS.GET', 'd'],
  ] },
  { name: 'values as the module prints them', steps: [
    ...['1e20', '0.1', '1e-7', '123456789012345678', '100', '-0', '1e15', '1e16', '1e17', '123.456', '1e21', '-1.5e-300', '5e-324', '1.7976931348623157e308',
      '0.000123', '12345678901234567890', '1e-5', '1024', '0.5', '3.14159', '-42', '9007199254740993', '2.2250738585072014e-308', '1234567.125', '0.30000000000000004']
      .map((v, i) => ['TS.ADD', 'f', String(i + 1), v]),
    ['TS.RANGE', 'f', '-', '+'], ['TS.GET', 'f'],
  ] },
  { name: 'MADD', steps: [
    ['TS.CREATE', 'a'], ['TS.CREATE', 'b'], ['TS.MADD', 'a', '1', '1', 'b', '2', '2', 'c', '3', '3', 'a', '0', 'x'], ['TS.MADD', 'a'], ['TS.MADD', 'a', '1', '1', 'b'],
    ['TS.MADD', 'a', '1', '2'], ['TS.RANGE', 'a', '-', '+'], ['SET', 's', 'v'], ['TS.MADD', 's', '1', '1', 'a', '-5', '1'],
  ] },
  { name: 'INCRBY and DECRBY', steps: [
    ['TS.INCRBY', 'i', '5', 'TIMESTAMP', '100'], ['TS.INCRBY', 'i', '2.5', 'TIMESTAMP', '100'], ['TS.DECRBY', 'i', '1', 'TIMESTAMP', '200'], ['TS.GET', 'i'],
    ['TS.INCRBY', 'i', '1', 'TIMESTAMP', '50'], ['TS.INCRBY', 'i', 'x', 'TIMESTAMP', '300'], ['TS.INCRBY', 'i', '1', 'TIMESTAMP', 'x'], ['TS.INCRBY', 'i'],
    ['TS.RANGE', 'i', '-', '+'], ['TS.INFO', 'i'], ['SET', 's', 'v'], ['TS.INCRBY', 's', '1'], ['TS.INCRBY', 'j', 'x', 'TIMESTAMP', '5', 'LABELS', 'a', 'b'], ['TS.INFO', 'j'],
    ['TS.DECRBY', 'k', '3', 'TIMESTAMP', '7', 'RETENTION', '5', 'UNCOMPRESSED'], ['TS.INFO', 'k'],
  ] },
  { name: 'RANGE and REVRANGE options', steps: [
    ...range(50, (i) => ['TS.ADD', 'r', String(i * 10 + 3), String((i * 7) % 11)]),
    ['TS.RANGE', 'r', '-', '+'], ['TS.REVRANGE', 'r', '-', '+'], ['TS.RANGE', 'r', '100', '200'], ['TS.REVRANGE', 'r', '100', '200', 'COUNT', '3'],
    ['TS.RANGE', 'r', '-', '+', 'COUNT', '5'], ['TS.RANGE', 'r', '-', '+', 'FILTER_BY_VALUE', '2', '5'], ['TS.RANGE', 'r', '-', '+', 'FILTER_BY_TS', '13', '3', '500', '93', '13'],
    ['TS.REVRANGE', 'r', '-', '+', 'FILTER_BY_TS', '13', '3', '93', 'FILTER_BY_VALUE', '0', '3'], ['TS.RANGE', 'r', '-', '+', 'FILTER_BY_TS'], ['TS.RANGE', 'r', '-', '+', 'FILTER_BY_TS', 'x'],
    ['TS.RANGE', 'r', '-', '+', 'FILTER_BY_VALUE', '1'], ['TS.RANGE', 'r', '-', '+', 'FILTER_BY_VALUE', 'x', '1'], ['TS.RANGE', 'r', '-', '+', 'FILTER_BY_VALUE', '1', 'y'],
    ['TS.RANGE', 'r', 'x', '+'], ['TS.RANGE', 'r', '-', 'y'], ['TS.RANGE', 'r', '-1', '+'], ['TS.RANGE', 'r', '-'], ['TS.RANGE', 'missing', '-', '+'],
    ['TS.RANGE', 'r', '-', '+', 'COUNT'], ['TS.RANGE', 'r', '-', '+', 'COUNT', 'x'], ['TS.RANGE', 'r', '-', '+', 'COUNT', '0'], ['TS.RANGE', 'r', '300', '100'],
    ['TS.RANGE', 'r', '-', '+', 'ALIGN', 'start', 'AGGREGATION', 'avg', '10'], ['TS.RANGE', 'r', '-', '+', 'ALIGN', '5'], ['TS.RANGE', 'r', '0', '+', 'ALIGN', 'end', 'AGGREGATION', 'avg', '10'],
    ['TS.RANGE', 'r', '-', '+', 'ALIGN', 'foo', 'AGGREGATION', 'avg', '10'], ['TS.RANGE', 'r', '-', '+', 'ALIGN'], ['TS.RANGE', 'r', '-', '+', 'LATEST'],
  ] },
  { name: "twa with EMPTY up to '+' (LLONG_MAX: the last bucket, no buckets filled after it)", steps: [
    ['TS.CREATE', 't', 'DUPLICATE_POLICY', 'LAST'], ...range(30, (i) => ['TS.ADD', 't', String(1000 + i * 10), String(i / 10)]), ['TS.ADD', 't', '1000', '9.5'], ['TS.ADD', 't', '2000', '1'],
    ['TS.RANGE', 't', '-', '+', 'AGGREGATION', 'twa', '100', 'EMPTY'], ['TS.RANGE', 't', '-', '+', 'AGGREGATION', 'twa', '100', 'BUCKETTIMESTAMP', 'mid', 'EMPTY'],
    ['TS.RANGE', 't', '1100', '+', 'AGGREGATION', 'twa', '100', 'EMPTY'], ['TS.RANGE', 't', '-', '+', 'ALIGN', '7', 'AGGREGATION', 'twa', '100', 'EMPTY'],
    ['TS.RANGE', 't', '-', '+', 'ALIGN', '-', 'AGGREGATION', 'twa', '300', 'EMPTY', 'COUNT', '4'], ['TS.RANGE', 't', '-', '+', 'AGGREGATION', 'twa', '7', 'EMPTY'],
    ['TS.RANGE', 't', '-', '+', 'AGGREGATION', 'avg', '100', 'EMPTY'], ['TS.RANGE', 't', '-', '9223372036854775807', 'AGGREGATION', 'twa', '100', 'EMPTY'],
    ['TS.ALTER', 't', 'LABELS', 'k', 'v'], ['TS.MRANGE', '-', '+', 'AGGREGATION', 'twa', '100', 'EMPTY', 'FILTER', 'k=v'],
    ['TS.ADD', 'one', '5', '1'], ['TS.RANGE', 'one', '-', '+', 'AGGREGATION', 'twa', '10', 'EMPTY'],
  ] },
  { name: 'aggregations', steps: [
    ...range(40, (i) => ['TS.ADD', 'g', String(i * 7 + (i % 3)), String(((i * 13) % 17) - 5.5)]),
    ...['min', 'max', 'sum', 'avg', 'count', 'first', 'last', 'range', 'std.p', 'std.s', 'var.p', 'var.s', 'twa'].flatMap((agg) => [
      ['TS.RANGE', 'g', '-', '+', 'AGGREGATION', agg, '25'], ['TS.REVRANGE', 'g', '-', '+', 'AGGREGATION', agg, '25'],
      ['TS.RANGE', 'g', '30', '200', 'AGGREGATION', agg, '33', 'EMPTY', 'BUCKETTIMESTAMP', 'mid'], // The module's reverse twa with EMPTY reads its buffer after moving it (in-place aggregation): not emulated.
      agg === 'twa' ? ['TS.REVRANGE', 'g', '30', '200', 'ALIGN', 'end', 'AGGREGATION', agg, '33'] : ['TS.REVRANGE', 'g', '30', '200', 'ALIGN', 'end', 'AGGREGATION', agg, '33', 'EMPTY'],
      ['TS.RANGE', 'g', '10', '250', 'ALIGN', 'start', 'AGGREGATION', agg, '60', 'BUCKETTIMESTAMP', '+', 'EMPTY', 'COUNT', '3'],
    ]),
    ['TS.RANGE', 'g', '-', '+', 'AGGREGATION', 'foo', '10'], ['TS.RANGE', 'g', '-', '+', 'AGGREGATION', 'avg'], ['TS.RANGE', 'g', '-', '+', 'AGGREGATION', 'avg', '0'],
    ['TS.RANGE', 'g', '-', '+', 'AGGREGATION', 'avg', 'x'], ['TS.RANGE', 'g', '-', '+', 'AGGREGATION', 'avg', '10', 'BUCKETTIMESTAMP', 'x'],
    ['TS.RANGE', 'g', '-', '+', 'BUCKETTIMESTAMP', 'end', 'AGGREGATION', 'avg', '10'], ['TS.RANGE', 'g', '-', '+', 'AGGREGATION', 'avg', '10', 'x', 'EMPTY'],
    ['TS.RANGE', 'g', '-', '+', 'AGGREGATION', 'count', '10', 'COUNT', '2'], ['TS.RANGE', 'g', '-', '+', 'AGGREGATION', 'COUNT', '10'],
    ['TS.RANGE', 'g', '-', '+', 'AGGREGATION', 'aVg', '1000'], ['TS.RANGE', 'g', '100', '100', 'AGGREGATION', 'twa', '10'], ['TS.RANGE', 'g', '0', '300', 'AGGREGATION', 'twa', '10', 'EMPTY'],
  ] },
  { name: 'compaction rules', steps: [
    ['TS.CREATE', 'src'], ['TS.CREATE', 'avg'], ['TS.CREATE', 'max'], ['TS.CREATE', 'twa'],
    ['TS.CREATERULE', 'src', 'avg', 'AGGREGATION', 'avg', '10'], ['TS.CREATERULE', 'src', 'max', 'AGGREGATION', 'max', '10', '3'],
    ['TS.CREATERULE', 'src', 'twa', 'AGGREGATION', 'twa', '25'], ['TS.INFO', 'src'], ['TS.INFO', 'avg'],
    ...range(30, (i) => ['TS.ADD', 'src', String(i * 4 + 1), String((i * 5) % 9)]),
    ['TS.RANGE', 'avg', '-', '+'], ['TS.RANGE', 'max', '-', '+'], ['TS.RANGE', 'twa', '-', '+'], ['TS.GET', 'avg'], ['TS.GET', 'avg', 'LATEST'],
    ['TS.GET', 'twa', 'LATEST'], ['TS.RANGE', 'avg', '-', '+', 'LATEST'], ['TS.REVRANGE', 'max', '-', '+', 'LATEST'], ['TS.GET', 'avg', 'foo'],
    ['TS.ADD', 'src', '50', '100'], ['TS.RANGE', 'avg', '-', '+'], ['TS.RANGE', 'max', '-', '+'], ['TS.RANGE', 'twa', '-', '+'],
    ['TS.DEL', 'src', '20', '60'], ['TS.RANGE', 'avg', '-', '+'], ['TS.RANGE', 'max', '-', '+'], ['TS.RANGE', 'src', '0', '70'],
    ['TS.INFO', 'src'], ['TS.INFO', 'max'], ['TS.MEMORY'],
    ['TS.CREATERULE', 'src', 'src', 'AGGREGATION', 'avg', '10'], ['TS.CREATERULE', 'avg', 'max', 'AGGREGATION', 'avg', '10'], ['TS.CREATERULE', 'src', 'avg', 'AGGREGATION', 'avg', '10'],
    ['TS.CREATE', 'other'], ['TS.CREATERULE', 'other', 'src', 'AGGREGATION', 'avg', '10'], ['TS.CREATERULE', 'other', 'avg', 'AGGREGATION', 'avg', '10'],
    ['TS.CREATERULE', 'src', 'nope', 'AGGREGATION', 'avg', '10'], ['TS.CREATERULE', 'nope', 'avg', 'AGGREGATION', 'avg', '10'], ['TS.CREATERULE', 'src', 'x', 'AGGREGATION', 'foo', '10'],
    ['TS.CREATERULE', 'src', 'x', 'AGGREGATION', 'avg', '0'], ['TS.CREATERULE', 'src', 'x', 'AGGREGATION', 'avg', '10', '-1'], ['TS.CREATERULE', 'src', 'x', 'AGG', 'avg', '10'],
    ['TS.CREATERULE', 'src', 'x'], ['TS.DELETERULE', 'src', 'avg'], ['TS.DELETERULE', 'src', 'avg'], ['TS.DELETERULE', 'src'], ['TS.INFO', 'avg'], ['TS.INFO', 'src'],
    ['DEL', 'max'], ['TS.ADD', 'src', '1000', '1'], ['TS.INFO', 'src'], ['TS.CREATE', 'max'], ['TS.INFO', 'max'],
  ] },
  { name: 'MGET, MRANGE, QUERYINDEX', steps: [
    ['TS.CREATE', 'a', 'LABELS', 'type', 'temp', 'room', 'kitchen', 'floor', '1'], ['TS.CREATE', 'b', 'LABELS', 'type', 'temp', 'room', 'bath'],
    ['TS.CREATE', 'c', 'LABELS', 'type', 'hum', 'room', 'kitchen'], ['TS.CREATE', 'd'],
    ...range(12, (i) => ['TS.MADD', 'a', String(i * 10), String(i), 'b', String(i * 10 + 5), String(i * 2), 'c', String(i * 10), String(100 - i)]),
    ['TS.QUERYINDEX', 'type=temp'], ['TS.QUERYINDEX', 'room=kitchen', 'type!=hum'], ['TS.QUERYINDEX', 'room=(kitchen,bath)'], ['TS.QUERYINDEX', 'room=kitchen', 'floor='],
    ['TS.QUERYINDEX', 'type=temp', 'floor!='], ['TS.QUERYINDEX', 'type!=temp'], ['TS.QUERYINDEX', 'foo'], ['TS.QUERYINDEX', 'room=kitchen', 'type!=(hum,x)'], ['TS.QUERYINDEX'],
    ['TS.QUERYINDEX', 'room=()'], ['TS.QUERYINDEX', 'room=(kitchen'], ['TS.QUERYINDEX', 'room=(a,,b)'], ['TS.QUERYINDEX', '=kitchen'],
    ['TS.MGET', 'FILTER', 'type=temp'], ['TS.MGET', 'WITHLABELS', 'FILTER', 'room=kitchen'], ['TS.MGET', 'SELECTED_LABELS', 'room', 'nothere', 'FILTER', 'type=(temp,hum)'],
    ['TS.MGET', 'FILTER'], ['TS.MGET', 'type=temp'], ['TS.MGET', 'WITHLABELS', 'SELECTED_LABELS', 'x', 'FILTER', 'type=temp'], ['TS.MGET', 'SELECTED_LABELS', 'FILTER', 'type=temp'],
    ['TS.MGET', 'LATEST', 'FILTER', 'type=temp'], ['TS.MGET', 'FILTER', 'type!=temp'],
    ['TS.MRANGE', '-', '+', 'FILTER', 'type=temp'], ['TS.MREVRANGE', '20', '80', 'WITHLABELS', 'COUNT', '2', 'FILTER', 'room=kitchen'],
    ['TS.MRANGE', '-', '+', 'AGGREGATION', 'sum', '30', 'FILTER', 'room=(kitchen,bath)'], ['TS.MRANGE', '-', '+', 'SELECTED_LABELS', 'room', 'FILTER', 'type=temp'],
    ['TS.MRANGE', '-', '+', 'FILTER', 'type=temp', 'GROUPBY', 'type', 'REDUCE', 'sum'], ['TS.MRANGE', '-', '+', 'WITHLABELS', 'FILTER', 'room!=x', 'type=(temp,hum)', 'GROUPBY', 'room', 'REDUCE', 'max'],
    ['TS.MREVRANGE', '0', '60', 'AGGREGATION', 'avg', '20', 'FILTER', 'type=temp', 'GROUPBY', 'type', 'REDUCE', 'avg'],
    ['TS.MRANGE', '-', '+', 'COUNT', '3', 'FILTER', 'type=temp', 'GROUPBY', 'room', 'REDUCE', 'count'],
    ['TS.MRANGE', '-', '+', 'FILTER', 'type=temp', 'GROUPBY', 'type', 'REDUCE', 'first'], ['TS.MRANGE', '-', '+', 'FILTER', 'type=temp', 'GROUPBY', 'type'],
    ['TS.MRANGE', '-', '+', 'GROUPBY', 'type', 'REDUCE', 'sum', 'FILTER', 'type=temp'], ['TS.MRANGE', '-', '+'], ['TS.MRANGE', '-', '+', 'type=temp'],
    ['TS.MRANGE', '-', '+', 'FILTER'], ['TS.MRANGE', '-', '+', 'FILTER', 'type=temp', 'GROUPBY'], ['TS.MRANGE', 'x', '+', 'FILTER', 'type=temp'],
    ['TS.MRANGE', '-', '+', 'FILTER', 'type=temp', 'GROUPBY', 'type', 'REDUCE', 'foo'], ['TS.MRANGE', '-', '+', 'FILTER', 'type=temp', 'GROUPBY', 'nolabel', 'REDUCE', 'sum'],
    ['TS.MRANGE', '-', '+', 'FILTER_BY_VALUE', '2', '8', 'FILTER', 'type=temp'],
  ] },
  { name: 'retention and chunks', steps: [
    ['TS.CREATE', 'r', 'RETENTION', '100', 'CHUNK_SIZE', '48', 'ENCODING', 'UNCOMPRESSED'],
    ...range(30, (i) => ['TS.ADD', 'r', String(i * 10), String(i)]),
    ['TS.INFO', 'r'], ['TS.RANGE', 'r', '-', '+'], ['TS.ADD', 'r', '150', '1'], ['TS.ADD', 'r', '195', '1'], ['TS.INFO', 'r', 'DEBUG'],
    ['TS.ALTER', 'r', 'RETENTION', '0'], ['TS.RANGE', 'r', '-', '+'], ['TS.INFO', 'r'],
    ['TS.CREATE', 'c', 'CHUNK_SIZE', '64'], ...range(200, (i) => ['TS.ADD', 'c', String(i * 1000 + (i % 7) * 13), String((i * 37) % 101 / 4)]),
    ['TS.INFO', 'c', 'DEBUG'], ['MEMORY', 'USAGE', 'c'],
    ...range(40, (i) => ['TS.ADD', 'c', String(i * 4000 + 500), String(i), 'ON_DUPLICATE', 'last']), ['TS.INFO', 'c', 'DEBUG'], ['TS.RANGE', 'c', '50000', '70000'],
    ['TS.DEL', 'c', '20000', '120000'], ['TS.INFO', 'c', 'DEBUG'], ['TS.DEL', 'c', '-', '+'], ['TS.INFO', 'c', 'DEBUG'], ['TS.GET', 'c'],
    ['TS.CREATE', 'u', 'ENCODING', 'UNCOMPRESSED', 'CHUNK_SIZE', '64'], ...range(20, (i) => ['TS.ADD', 'u', String(i * 10), String(i)]),
    ...range(12, (i) => ['TS.ADD', 'u', String(i * 15 + 1), '7', 'ON_DUPLICATE', 'sum']), ['TS.INFO', 'u', 'DEBUG'], ['TS.DEL', 'u', '50', '100'], ['TS.INFO', 'u', 'DEBUG'],
    ['TS.DEL', 'u', 'x', '1'], ['TS.DEL', 'u', '1'], ['TS.DEL', 'nope', '1', '2'],
  ] },
  { name: 'generic commands and keyspace events', events: true, steps: [
    ['TS.CREATE', 'a', 'LABELS', 'l', '1'], ['TS.ADD', 'a', '1', '1'], ['TS.ADD', 'a', '2', 'x'], ['TS.MADD', 'a', '3', '3', 'b', '1', '1'], ['TS.INCRBY', 'a', '1', 'TIMESTAMP', '5'],
    ['TS.DECRBY', 'a', '1', 'TIMESTAMP', '6'], ['TS.ALTER', 'a', 'RETENTION', '5'], ['TS.CREATE', 'b'], ['TS.CREATERULE', 'a', 'b', 'AGGREGATION', 'sum', '2'],
    ['TS.ADD', 'a', '10', '1'], ['TS.DELETERULE', 'a', 'b'], ['TS.DEL', 'a', '0', '5'], ['TS.INFO', 'a'],
    ['COPY', 'a', 'c'], ['TS.INFO', 'c'], ['TS.QUERYINDEX', 'l=1'], ['RENAME', 'a', 'z'], ['TS.QUERYINDEX', 'l=1'], ['TS.INFO', 'z', 'DEBUG'],
    ['EXPIRE', 'z', '100'], ['TTL', 'z'], ['DEL', 'z'], ['TS.QUERYINDEX', 'l=1'], ['EXISTS', 'c', 'b'],
  ] },
  { name: 'DUMP and RESTORE', steps: [
    ...DUMP_SETUP, ['DUMP', 'c'], ['DUMP', 'u'], ['DUMP', 'e'], ['DUMP', 'l'],
    ['RESTORE', 'c2', '0', dumpOf(DUMP_SETUP, 'c')], ['TS.INFO', 'c2', 'DEBUG'], ['TS.RANGE', 'c2', '-', '+'], ['TS.ADD', 'c2', '100000', '1'], ['TS.INFO', 'c2', 'DEBUG'],
    ['RESTORE', 'u2', '0', dumpOf(DUMP_SETUP, 'u')], ['TS.INFO', 'u2', 'DEBUG'], ['TS.RANGE', 'u2', '-', '+'],
    ['RESTORE', 'l2', '0', dumpOf(DUMP_SETUP, 'l')], ['TS.INFO', 'l2'], ['TS.QUERYINDEX', 'x=1'], ['RESTORE', 'c', '0', dumpOf(DUMP_SETUP, 'c')],
    ['TS.CREATE', 'dst'], ['TS.CREATERULE', 'c', 'dst', 'AGGREGATION', 'avg', '1000'], ['TS.ADD', 'c', '500000', '1'], ['TS.ADD', 'c', '500500', '2'],
    ['DEBUG', 'RELOAD'], ['TS.INFO', 'c'], ['TS.INFO', 'dst'], ['TS.INFO', 'l'], ['TS.GET', 'dst', 'LATEST'], ['TS.ADD', 'c', '501500', '3'], ['TS.RANGE', 'dst', '-', '+'],
    // DUMP leaves the rules and the source out; the persisted file (DEBUG RELOAD above) keeps them.
    ['DUMP', 'dst'], ['DUMP', 'c'], ['RESTORE', 'dst2', '0', dumpOf([...DUMP_SETUP, ['TS.CREATE', 'dst'], ['TS.CREATERULE', 'c', 'dst', 'AGGREGATION', 'avg', '1000']], 'dst')],
    ['TS.INFO', 'dst2'], ['RESTORE', 'c3', '0', dumpOf([...DUMP_SETUP, ['TS.CREATE', 'dst'], ['TS.CREATERULE', 'c', 'dst', 'AGGREGATION', 'avg', '1000']], 'c')], ['TS.INFO', 'c3'],
  ] },
  { name: 'module metadata: COMMAND INFO and DOCS, COMMAND LIST, INFO modules', steps: [
    ['COMMAND', 'INFO', 'ts.add', 'ts.madd', 'ts.mget', 'ts.del', 'ts.range', 'ts.createrule', 'ts.deleterule', 'ts.queryindex', 'ts.info', 'ts.alter', 'ts.get', 'ts.incrby'],
    ['COMMAND', 'INFO', 'ts.create', 'ts.decrby', 'ts.revrange', 'ts.mrange', 'ts.mrevrange'], ['COMMAND', 'DOCS', 'ts.add', 'ts.mrange'],
    { cmd: ['COMMAND', 'LIST', 'FILTERBY', 'MODULE', 'timeseries'], compare: { map: tsNames } }, { cmd: ['INFO', 'modules'], compare: { map: moduleLine } },
    ['COMMAND', 'GETKEYS', 'TS.MADD', 'a', '1', '1', 'b', '2', '2'], ['COMMAND', 'GETKEYS', 'TS.ADD', 'a', '1', '1'], ['COMMAND', 'GETKEYS', 'TS.MGET', 'FILTER', 'a=b'],
  ] },
  { name: 'options found anywhere, keys named like options, odd arguments', steps: [
    ['TS.CREATE', 'LABELS'], ['TS.INFO', 'LABELS'], ['TS.CREATE', 'k', 'LABELS', 'RETENTION', '5'], ['TS.INFO', 'k'], ['TS.CREATE', 'k2', 'LABELS', 'a', 'b', 'c'],
    ['TS.INFO', 'k2'], ['TS.ADD', 'LATEST', '1', '1'], ['TS.GET', 'LATEST', 'x'], ['TS.INFO', 'DEBUG'], ['TS.ADD', 'DEBUG', '5', '5'], ['TS.INFO', 'DEBUG'],
    ['TS.INFO', 'k', 'nothing'], ['TS.INFO', 'k', 'DEBUG', 'x'], ['TS.ADD', 'a', '1', '1', 'ON_DUPLICATE'], ['TS.ADD', 'a', '1', '2', 'ON_DUPLICATE'],
    ['TS.ADD', 'a', '2', '1', 'RETENTION', 'x'], ['TS.ADD', 'a', '3', '1', 'LABELS', 'x', 'y'], ['TS.INFO', 'a'], ['TS.ALTER', 'a', 'LABELS'], ['TS.INFO', 'a'],
    ['TS.ALTER', 'a', 'DUPLICATE_POLICY', 'min', 'IGNORE', '5', '1'], ['TS.INFO', 'a'], ['TS.ALTER', 'nope', 'RETENTION', '5'], ['TS.ALTER', 'a', 'ENCODING', 'UNCOMPRESSED'],
    ['TS.ALTER', 'a', 'CHUNK_SIZE', '256'], ['TS.INFO', 'a'], ['TS.ALTER'], ['TS.RANGE', 'a', '-', '+', 'AGGREGATION', 'avg', '10', 'AGGREGATION', 'sum', '5'],
    ['TS.RANGE', 'a', '0', '10', 'COUNT', '1', 'COUNT', '2'], ['TS.RANGE', 'a', '-', '+', 'FILTER_BY_TS', ...Array.from({ length: 140 }, (_, i) => String(i))],
    ['TS.MGET', 'SELECTED_LABELS', ...Array.from({ length: 51 }, (_, i) => `l${i}`), 'FILTER', 'x=y'], ['TS.MGET', 'FILTER', 'x=y', 'WITHLABELS'],
    ['TS.MGET', 'SELECTED_LABELS', 'X', 'FILTER', 'x=y'], ['TS.QUERYINDEX', 'x=y', 'x=y'], ['TS.QUERYINDEX', 'x=y', 'X=y'], ['TS.QUERYINDEX', 'x!=(y)', 'x=(y,z)'],
  ] },
  { name: 'IGNORE, duplicate policies with NaN-free values, and WATCH', steps: [
    ['TS.CREATE', 'i', 'IGNORE', '10', '0.5', 'DUPLICATE_POLICY', 'LAST'], ['TS.ADD', 'i', '100', '1'], ['TS.ADD', 'i', '105', '1.2'], ['TS.ADD', 'i', '111', '1.3'],
    ['TS.ADD', 'i', '115', '5'], ['TS.ADD', 'i', '120', '5.5'], ['TS.ADD', 'i', '118', '5.1'], ['TS.RANGE', 'i', '-', '+'], ['TS.INFO', 'i'],
    ['TS.CREATE', 'j', 'IGNORE', '10', '0.5'], ['TS.ADD', 'j', '100', '1'], ['TS.ADD', 'j', '105', '1.2'], ['TS.ADD', 'j', '106', '1.2', 'ON_DUPLICATE', 'LAST'], ['TS.RANGE', 'j', '-', '+'],
    { cmd: ['WATCH', 'i'], conn: 'w' }, ['TS.INFO', 'i'], { cmd: ['MULTI'], conn: 'w' }, { cmd: ['PING'], conn: 'w' }, { cmd: ['EXEC'], conn: 'w' },
    { cmd: ['WATCH', 'i'], conn: 'w' }, ['TS.GET', 'i'], ['TS.RANGE', 'i', '-', '+'], { cmd: ['MULTI'], conn: 'w' }, { cmd: ['PING'], conn: 'w' }, { cmd: ['EXEC'], conn: 'w' },
    ['MULTI'], ['TS.ADD', 'm', '1', '1'], ['TS.ADD', 'm', '1', 'x'], ['TS.GET', 'm'], ['EXEC'],
  ] },
  { name: 'compaction events and LATEST through MRANGE and MGET', events: true, steps: [
    ['TS.CREATE', 's', 'LABELS', 'kind', 'raw'], ['TS.CREATE', 'd', 'LABELS', 'kind', 'agg'], ['TS.CREATERULE', 's', 'd', 'AGGREGATION', 'sum', '10'],
    ...range(12, (i) => ['TS.ADD', 's', String(i * 4), String(i)]),
    ['TS.MGET', 'LATEST', 'FILTER', 'kind=(raw,agg)'], ['TS.MRANGE', '-', '+', 'LATEST', 'FILTER', 'kind=agg'], ['TS.MREVRANGE', '-', '+', 'LATEST', 'FILTER', 'kind=agg'],
    ['TS.MRANGE', '-', '+', 'LATEST', 'AGGREGATION', 'max', '20', 'FILTER', 'kind=agg'], ['TS.ADD', 's', '8', '100'], ['TS.RANGE', 'd', '-', '+'], ['TS.DEL', 's', '0', '3'], ['TS.RANGE', 'd', '-', '+'],
    ['TS.ALTER', 's', 'RETENTION', '10'], ['TS.DEL', 's', '0', '20'], ['TS.DEL', 's', '40', '44'], ['TS.RANGE', 'd', '-', '+'], ['TS.INFO', 'd'],
  ] },
  { name: 'LATEST of a compaction without an unfinished bucket; HELLO, SCAN TYPE, MOVE', steps: [
    ['TS.CREATE', 'src'], ...range(10, (i) => ['TS.ADD', 'src', String(i * 10), String(i)]), ['TS.CREATE', 'dst'], ['TS.CREATERULE', 'src', 'dst', 'AGGREGATION', 'avg', '25'],
    ['TS.GET', 'dst', 'LATEST'], ['TS.RANGE', 'dst', '-', '+', 'LATEST'], ['TS.REVRANGE', 'dst', '-', '+', 'LATEST', 'AGGREGATION', 'sum', '10'],
    ['TS.REVRANGE', 'dst', '-', '+', 'LATEST', 'FILTER_BY_TS', '0', '25'], ['TS.ADD', 'src', '100', '1'], ['TS.ADD', 'src', '130', '2'], ['TS.REVRANGE', 'dst', '-', '+', 'LATEST'],
    ['TS.REVRANGE', 'dst', '-', '+', 'LATEST', 'AGGREGATION', 'max', '50'], ['TS.RANGE', 'dst', '-', '+', 'LATEST', 'FILTER_BY_TS', '100', '125'], ['TS.MGET', 'LATEST', 'FILTER', 'x=y'],
    { cmd: ['HELLO', '3'], compare: { except: ['id', 'path'] } }, { cmd: ['HELLO', '2'], compare: { except: ['id', 'path'] } }, ['SCAN', '0', 'TYPE', 'TSDB-TYPE', 'MATCH', 's*'], ['SCAN', '0', 'TYPE', 'string'],
    ['MOVE', 'src', '1'], ['SELECT', '1'], ['TS.INFO', 'src'], ['TS.ADD', 'src', '200', '1'], ['SELECT', '0'], ['TS.INFO', 'dst'],
  ] },
  { name: 'new keys and key misses (event classes n and m)', events: 'KEnm', steps: [
    ['TS.GET', 'missing'], ['TS.RANGE', 'missing', '-', '+'], ['TS.INFO', 'missing'], ['TS.ADD', 'a', '1', '1'], ['TS.MADD', 'b', '1', '1'], ['TS.INCRBY', 'c', '1', 'TIMESTAMP', '3'],
    ['TS.CREATE', 'd'], ['TS.CREATE', 'e'], ['TS.CREATERULE', 'd', 'e', 'AGGREGATION', 'min', '5'], ['DEL', 'e'], ['TS.ADD', 'd', '10', '1'], ['TS.INFO', 'd'],
    ['TS.CREATE', 'f'], ['TS.CREATERULE', 'd', 'f', 'AGGREGATION', 'min', '5'], ['DEL', 'd'], ['TS.GET', 'f', 'LATEST'], ['TS.INFO', 'f'], ['TS.MGET', 'FILTER', 'x=1'],
    ['TS.DELETERULE', 'missing', 'f'], ['TS.ALTER', 'missing'], ['TS.DEL', 'missing', '1', '2'], ['TS.QUERYINDEX', 'x=1'],
  ] },
  { name: 'generic commands on TSDB-TYPE keys', steps: [
    ['TS.CREATE', 'a', 'LABELS', 'x', '1'], ['TS.ADD', 'a', '1', '1'], ['TS.ADD', 'b', '1', '2'],
    ['DEBUG', 'DIGEST-VALUE', 'a'], ['DEBUG', 'DIGEST'], ['OBJECT', 'REFCOUNT', 'a'], ['UNLINK', 'b'], ['EXISTS', 'b'],
    ['SWAPDB', '0', '1'], ['TS.QUERYINDEX', 'x=1'], ['TS.MGET', 'FILTER', 'x=1'], ['SELECT', '1'], ['TS.GET', 'a'], ['TS.QUERYINDEX', 'x=1'], ['TS.MGET', 'FILTER', 'x=1'],
    ['SWAPDB', '0', '1'], ['SELECT', '0'], ['SELECT', '2'], ['TS.CREATE', 'a', 'LABELS', 'x', '2'], ['TS.CREATE', 'z', 'LABELS', 'x', '1'], ['SELECT', '0'],
    ['TS.QUERYINDEX', 'x=(1,2)'], ['TS.MGET', 'WITHLABELS', 'FILTER', 'x=1'], ['TS.MRANGE', '-', '+', 'FILTER', 'x=(1,2)'],
    ['RENAMENX', 'a', 'c'], ['TS.INFO', 'c'], ['TS.MGET', 'WITHLABELS', 'FILTER', 'x=1'], ['SET', 'c', 'v'], ['TS.QUERYINDEX', 'x=1'], ['TYPE', 'c'],
    // An expired series leaves the index when Redis deletes it (the active cycle's timing is not compared); reading it deletes it.
    ['TS.ADD', 'e', '5', '1', 'LABELS', 'x', '1'], ['PEXPIRE', 'e', '1'], { sleep: 20 }, ['TS.MGET', 'FILTER', 'x=1'], ['TS.QUERYINDEX', 'x=1'],
  ] },
  { name: 'RENAME of series in compaction rules: the module renames the references', steps: [
    ['TS.CREATE', 'src'], ['TS.CREATE', 'dst'], ['TS.CREATE', 'dst2'], ['TS.CREATERULE', 'src', 'dst', 'AGGREGATION', 'sum', '10'],
    ['TS.CREATERULE', 'src', 'dst2', 'AGGREGATION', 'count', '20'], ...range(6, (i) => ['TS.ADD', 'src', String(i * 7), '1']),
    ['RENAME', 'dst', 'dstB'], ['TS.INFO', 'src'], ['TS.INFO', 'dstB'], ['TS.ADD', 'src', '50', '1'], ['TS.RANGE', 'dstB', '-', '+'], ['TS.GET', 'dstB', 'LATEST'],
    ['RENAME', 'src', 'srcB'], ['TS.GET', 'dstB', 'LATEST'], ['TS.INFO', 'dst2'], ['TS.INFO', 'dstB'], ['TS.ADD', 'srcB', '70', '1'], ['TS.RANGE', 'dstB', '-', '+'],
    ['TS.INFO', 'srcB'], ['TS.CREATE', 'dst'], ['TS.INFO', 'dst'], ['TS.CREATE', 'src'], ['TS.INFO', 'src'], ['TS.INFO', 'srcB'],
    ['RENAME', 'dst2', 'x'], ['RENAME', 'x', 'dst2'], ['TS.INFO', 'srcB'], ['TS.DELETERULE', 'srcB', 'dstB'], ['TS.INFO', 'dstB'], ['TS.INFO', 'srcB'],
    ['COPY', 'srcB', 'srcC'], ['TS.INFO', 'srcC'], ['DEL', 'srcB'], ['TS.INFO', 'dst2'], ['RENAME', 'srcC', 'srcB'], ['TS.INFO', 'dst2'],
    ['TS.CREATE', 'm1'], ['TS.CREATE', 'm2'], ['TS.CREATERULE', 'm1', 'm2', 'AGGREGATION', 'avg', '5'], ['TS.ADD', 'm1', '1', '1'], ['MOVE', 'm2', '1'],
    ['TS.ADD', 'm1', '9', '1'], ['TS.INFO', 'm1'], ['SELECT', '1'], ['TS.INFO', 'm2'], ['MOVE', 'm2', '0'], ['SELECT', '0'], ['TS.INFO', 'm2'], ['TS.INFO', 'm1'],
  ] },
  { name: '60,000 samples in 1,000-sample TS.MADDs, upserts, a deletion: INFO, twa buckets, DUMP bytes', steps: [
    ['TS.CREATE', 'c'], ['TS.CREATE', 'u', 'ENCODING', 'UNCOMPRESSED'],
    ...Array.from({ length: 60 }, (_, b) => ['TS.MADD', ...Array.from({ length: 1000 }, (_, j) => {
      const i = b * 1000 + j;
      const t = String(1_700_000_000_000 + i * 1000 + (i % 7 === 0 ? 13 : 0));
      const v = String(Math.round(Math.sin(i / 500) * 1000) / 10);
      return ['c', t, v, 'u', t, v];
    }).flat()]),
    ...Array.from({ length: 300 }, (_, i) => String(1_700_000_000_000 + ((i * 7919) % 60000) * 1000 + ((((i * 7919) % 60000) % 7 === 0) ? 13 : 0)))
      .flatMap((t) => [['TS.ADD', 'c', t, '5', 'ON_DUPLICATE', 'sum'], ['TS.ADD', 'u', t, '5', 'ON_DUPLICATE', 'sum']]),
    ['TS.DEL', 'c', '1700000100000', '1700020000000'], ['TS.DEL', 'u', '1700000100000', '1700020000000'],
    ['TS.INFO', 'c'], ['TS.INFO', 'u'], ['MEMORY', 'USAGE', 'c'], ['TS.RANGE', 'c', '-', '+', 'AGGREGATION', 'twa', '3600000'],
    ['TS.REVRANGE', 'u', '-', '+', 'AGGREGATION', 'std.s', '600000'], ['DUMP', 'c'],
  ] },
  { name: 'MRANGE and RANGE argument corners', steps: [
    ['TS.CREATE', 'a', 'LABELS', 'k', 'v', 'Z', 'up'], ['TS.CREATE', 'b', 'LABELS', 'k', 'w'], ...range(8, (i) => ['TS.MADD', 'a', String(i * 5), String(i), 'b', String(i * 5), String(-i)]),
    ['TS.MRANGE', '-', '+', 'FILTER', 'k=v', 'WITHLABELS'], ['TS.MRANGE', '-', '+', 'SELECTED_LABELS', 'z', 'k', 'FILTER', 'k=(v,w)', 'GROUPBY', 'k', 'REDUCE', 'min'],
    ['TS.MRANGE', '-', '+', 'SELECTED_LABELS', 'k', 'COUNT', '2', 'FILTER', 'k=(v,w)'], ['TS.MRANGE', '-', '+', 'ALIGN', '-', 'AGGREGATION', 'sum', '10', 'FILTER', 'k=v'],
    ['TS.MRANGE', '0', '+', 'ALIGN', '-', 'AGGREGATION', 'sum', '10', 'FILTER', 'k=v'], ['TS.MRANGE', '0', '30', 'ALIGN', '+', 'AGGREGATION', 'sum', '7', 'EMPTY', 'FILTER', 'k=v'],
    ['TS.MREVRANGE', '0', '30', 'ALIGN', '3', 'AGGREGATION', 'last', '7', 'EMPTY', 'BUCKETTIMESTAMP', 'end', 'FILTER', 'k=(v,w)', 'GROUPBY', 'k', 'REDUCE', 'var.p'],
    ['TS.MRANGE', '-', '+', 'FILTER', 'k=v', 'GROUPBY', 'k', 'REDUCE', 'sum', 'x'], ['TS.MRANGE', '-', '+', 'FILTER', 'k=v', 'REDUCE', 'sum'],
    ['TS.MRANGE', '-', '+', 'FILTER_BY_TS', '5', '10', 'FILTER', 'k=(v,w)', 'GROUPBY', 'k', 'REDUCE', 'count'], ['TS.MRANGE', '-', '+', 'LATEST', 'COUNT', '1', 'FILTER', 'k!=v', 'k=w'],
    ['TS.RANGE', 'a', '-', '+', 'AGGREGATION', 'avg', '10', 'EMPTY', 'EMPTY'], ['TS.RANGE', 'a', '-', '+', 'AGGREGATION', 'avg', '10', 'BUCKETTIMESTAMP', 'mid', 'EMPTY'],
    ['TS.RANGE', 'a', '-', '+', 'AGGREGATION', 'avg', '10', 'BUCKETTIMESTAMP'], ['TS.RANGE', 'a', '-', '+', 'AGGREGATION', 'avg', '10', 'BUCKETTIMESTAMP', '~'],
    ['TS.RANGE', 'a', '3', '+', 'ALIGN', '+', 'AGGREGATION', 'count', '4'], ['TS.RANGE', 'a', '-', '33', 'ALIGN', '+', 'AGGREGATION', 'count', '4', 'EMPTY'],
    ['TS.RANGE', 'a', '-', '+', 'AGGREGATION', 'range', '9223372036854775807'], ['TS.RANGE', 'a', '9223372036854775807', '+'], ['TS.RANGE', 'a', '-', '9223372036854775808'],
    ['TS.RANGE', 'a', '-', '+', 'COUNT', '9223372036854775807'], ['TS.RANGE', 'a', '-', '+', 'FILTER_BY_VALUE', 'inf', '-inf'], ['TS.RANGE', 'a', '-', '+', 'FILTER_BY_VALUE', '-inf', 'inf'],
    ['TS.RANGE', 'a', '-', '+', 'FILTER_BY_VALUE', 'nan', '1'], ['TS.RANGE', 'a', '10', '20', 'FILTER_BY_TS', '5', '10', '15', '20', '25', 'COUNT', '2'],
  ] },
  { name: 'a rule of each aggregator: memoryUsage, contexts through DEBUG RELOAD, LATEST', steps: [
    ['TS.CREATE', 'src', 'LABELS', 'a', 'b'],
    ...AGGS.flatMap((agg) => [['TS.CREATE', `d:${agg}`], ['TS.CREATERULE', 'src', `d:${agg}`, 'AGGREGATION', agg, '10']]),
    ['TS.INFO', 'src'], ...range(13, (i) => ['TS.ADD', 'src', String(i * 3), String((i * 7) % 5 - 1.5)]), ['TS.INFO', 'src'],
    ['TS.MGET', 'LATEST', 'FILTER', 'a=b'], ...AGGS.map((agg) => ['TS.GET', `d:${agg}`, 'LATEST']), ['DEBUG', 'RELOAD'],
    ...AGGS.map((agg) => ['TS.GET', `d:${agg}`, 'LATEST']), ['TS.ADD', 'src', '40', '2'], ...AGGS.map((agg) => ['TS.RANGE', `d:${agg}`, '-', '+']), ['TS.INFO', 'src'],
    ['TS.ALTER', 'd:avg', 'RETENTION', '5', 'LABELS', 'x', 'y'], ['TS.ADD', 'd:sum', '5', '100'], ['TS.DEL', 'd:min', '0', '100'], ['TS.ADD', 'src', '41', '2'],
    ['TS.ADD', 'src', '55', '2'], ['TS.RANGE', 'd:sum', '-', '+'], ['TS.RANGE', 'd:min', '-', '+'], ['TS.INFO', 'd:avg'],
  ] },
]);
