import { runScenarios } from '@fakeredis/tooling/conformance';
import { serverForConformance } from '../server/fixtures.js';

// Expiry times past 2^53 set by the string commands (SET ... PXAT, GETEX ... EXAT) stay
// exact in the database, through KEEPTTL and key moves, as PEXPIRETIME shows.
const options = { createServer: (config: Record<string, string>) => serverForConformance(config) };

runScenarios('expiry: exact int64 times from the string commands', options, [
  {
    name: 'SET PXAT and GETEX PXAT / EXAT past 2^53',
    steps: [
      ['SET', 's', 'v', 'PXAT', '9007199254740993'], ['PEXPIRETIME', 's'], ['SET', 's', 'w', 'KEEPTTL'], ['PEXPIRETIME', 's'],
      ['GETEX', 's', 'PXAT', '9223372036854775807'], ['PEXPIRETIME', 's'], ['EXPIRETIME', 's'],
      ['GETEX', 's', 'EXAT', '9223372036854775'], ['PEXPIRETIME', 's'], ['RENAME', 's', 't'], ['PEXPIRETIME', 't'],
      ['SWAPDB', '0', '3'], ['SELECT', '3'], ['PEXPIRETIME', 't'], ['SET', 't', 'x'], ['PEXPIRETIME', 't'],
    ],
  },
]);
