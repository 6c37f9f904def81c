import { FakeServer, serverProfile } from '@fakeredis/core';
import { describePropagationCases, type PropagationCase } from '@fakeredis/tooling/conformance';
import { referenceBinary } from '@fakeredis/tooling/conformance/reference';
import { mixins } from './server.js';

// What Redis 8.2's stream additions propagate, compared with the AOF a Redis 8.6 reference
// binary (FAKEREDIS_REDIS_8_6) writes for the same commands; skipped without it.
const cases: PropagationCase[] = [
  { name: 'XDELEX and XACKDEL as sent when they deleted or acknowledged; XADD / XTRIM with KEEPREF, DELREF, ACKED', steps: [
    ['XADD', 's', '1-1', 'f', 'v'], ['XADD', 's', '2-1', 'f', 'v'], ['XADD', 's', '3-1', 'f', 'v'], ['XADD', 's', '4-1', 'f', 'v'],
    ['XGROUP', 'CREATE', 's', 'g', '0'], ['XGROUP', 'CREATE', 's', 'g2', '0'], ['XREADGROUP', 'GROUP', 'g', 'c', 'COUNT', '2', 'STREAMS', 's', '>'],
    ['XDELEX', 's', 'IDS', '1', '9-9'], ['XDELEX', 's', 'ACKED', 'IDS', '1', '1-1'], ['XDELEX', 's', 'DELREF', 'IDS', '2', '1-1', '7-7'],
    ['XDELEX', 's', 'KEEPREF', 'IDS', '1', '3-1'], ['XDELEX', 's', 'DELREF', 'IDS', '1', '7-7'], ['XACKDEL', 's', 'g', 'IDS', '1', '2-1'], ['XACKDEL', 's', 'g', 'IDS', '1', '2-1'],
    ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 's', '>'], ['XACKDEL', 's', 'g', 'ACKED', 'IDS', '1', '4-1'], ['XACKDEL', 's', 'nog', 'IDS', '1', '4-1'],
    ['XADD', 's', 'ACKED', 'MAXLEN', '~', '0', '5-*', 'f', 'v'], ['XADD', 's', 'DELREF', 'MAXLEN', '1', '6-1', 'f', 'v'], ['XTRIM', 's', 'KEEPREF', 'MAXLEN', '0'],
    ['XADD', 's', 'KEEPREF', 'NOMKSTREAM', '8-1', 'f', 'v'], ['XADD', 's', 'NOMKSTREAM', 'delref', 'MINID', '~', '8-1', '9-1', 'f', 'v'], ['XTRIM', 's', 'ACKED', 'MAXLEN', '~', '0'],
  ] },
  { name: 'Redis 8.6: XADD IDMP with the id it added, a recorded iid as sent, XCFGSET and XIDMPRECORD when they changed something', steps: [
    ['XADD', 's', '9999999999999-0', 'f', 'v'], ['XADD', 's', 'IDMP', 'p', 'i', '*', 'f', 'v'], ['XADD', 's', 'IDMP', 'p', 'i', '*', 'f', 'v'],
    ['XADD', 's', 'IDMPAUTO', 'q', 'MAXLEN', '~', '5', '*', 'f', 'v'], ['XADD', 's', 'IDMPAUTO', 'q', '*', 'f', 'v'], ['XADD', 's', 'idmp', 'p', 'j', 'NOMKSTREAM', '*', 'f', 'v'],
    ['XCFGSET', 's', 'IDMP-DURATION', '100'], ['XCFGSET', 's', 'IDMP-DURATION', '50'], ['XCFGSET', 's', 'IDMP-DURATION', '50', 'IDMP-MAXSIZE', '9'],
    ['XIDMPRECORD', 's', 'p', 'i', '9999999999999-1'], ['XIDMPRECORD', 's', 'p', 'i', '9999999999999-1'], ['XIDMPRECORD', 's', 'p', 'i', '9999999999999-0'],
    ['XIDMPRECORD', 's', 'p', 'z', '1-1'], ['XADD', 's', 'IDMP', 'p', 'i', '*', 'x', 'y'], ['XCFGSET', 's', 'IDMP-MAXSIZE', '0'],
  ] },
];

const binary = referenceBinary('FAKEREDIS_REDIS_8_6');

describePropagationCases('propagation feed vs redis-server 8.6 AOF (streams; needs FAKEREDIS_REDIS_8_6)', cases, () => new FakeServer({ mixins, profile: serverProfile('redis', '8.6') }), { realArgs: ['--dbfilename', `streams-redis8-aof-${process.pid}.rdb`], binary, skip: binary === undefined });
