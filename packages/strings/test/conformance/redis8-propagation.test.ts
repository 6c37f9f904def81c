import { FakeServer, serverProfile } from '@fakeredis/core';
import { describePropagationCases, type PropagationCase } from '@fakeredis/tooling/conformance';
import { referenceBinary } from '@fakeredis/tooling/conformance/reference';
import { mixins } from './server.js';

// What Redis 8.x's string additions propagate, compared with the AOF a Redis 8.6 reference
// binary (FAKEREDIS_REDIS_8_6) writes for the same commands; skipped without it.
const cases: PropagationCase[] = [
  { name: 'SET conditions, DELEX, DIGEST and the new BITOP operators', steps: [
    ['SET', 'k', 'a'], ['SET', 'k', 'b', 'IFEQ', 'a'], ['SET', 'k', 'c', 'IFEQ', 'a'], ['SET', 'k', 'c', 'IFNE', 'a', 'GET'], ['SET', 'k', 'd', 'IFEQ', 'c', 'EX', '100'],
    ['SET', 'k', 'e', 'IFDNE', '0000000000000000', 'PXAT', '99999999999999'], ['SET', 'k', 'f', 'IFEQ', 'e', 'KEEPTTL'], ['SET', 'k', 'g', 'IFEQ', 'GET'], ['SET', 'k', 'GET'], ['SET', 'k', 'h', 'IFEQ', 'GET'], ['SET', 'k', 'i', 'IFNE', 'GET', 'GET'], ['SET', 'k', 'g', 'IFDEQ', '1'],
    ['SET', 'p', 'v', 'PXAT', '99999999999999', 'GET', 'NX'], ['SET', 'p', 'w', 'GET', 'EX', '100'],
    ['DIGEST', 'k'], ['DELEX', 'k', 'IFEQ', 'x'], ['DELEX', 'k', 'IFNE', 'x'], ['SET', 'k', 'v'], ['DELEX', 'k', 'IFDNE', '0000000000000000'], ['SET', 'k', 'v'],
    ['DELEX', 'k'], ['DELEX', 'k'], ['SET', 'k', 'v'], ['DELEX', 'k', 'IFDEQ', '1'], ['DELEX', 'nope', 'IFEQ', 'a'],
    ['SET', 'a', 'abc'], ['SET', 'b', 'xyz'], ['BITOP', 'DIFF', 'd', 'a', 'b'], ['BITOP', 'ONE', 'd', 'a', 'b'], ['BITOP', 'ANDOR', 'd', 'nope', 'nope2'],
  ] },
  { name: 'MSETEX: EX and PX as PXAT in place, the rest as given', steps: [
    ['MSETEX', '2', 'a', '1', 'b', '2', 'EX', '100'], ['MSETEX', '1', 'a', '2', 'NX', 'PX', '100000'], ['MSETEX', '1', 'a', '3', 'px', '100000', 'XX'],
    ['MSETEX', '1', 'a', '4', 'KEEPTTL'], ['MSETEX', '1', 'a', '5'], ['MSETEX', '1', 'a', '6', 'EXAT', '99999999999'], ['MSETEX', '1', 'a', '7', 'PXAT', '99999999999999'],
    ['MSETEX', '1', 'a', '8', 'EX', '10', 'EX', '20'], ['MSETEX', '1', 'a', '9', 'EX', '0'],
  ] },
];

const binary = referenceBinary('FAKEREDIS_REDIS_8_6');

describePropagationCases('propagation feed vs redis-server 8.6 AOF (strings; needs FAKEREDIS_REDIS_8_6)', cases, () => new FakeServer({ mixins, profile: serverProfile('redis', '8.6') }), { realArgs: ['--dbfilename', `strings-redis8-aof-${process.pid}.rdb`], binary, skip: binary === undefined });
