import { coreMixins, FakeServer, serverProfile } from '@fakeredis/core';
import { StringCommands } from '@fakeredis/strings';
import { describePropagationCases, type PropagationCase } from '@fakeredis/tooling/conformance';
import { referenceBinary, referenceEnv } from '@fakeredis/tooling/conformance/reference';
import { VectorSetCommands } from '../../src/vectorset/index.js';

// What the vector-set commands propagate (RedisModule_ReplicateVerbatim): VADD when it added
// an element (an update is not propagated), VREM and VSETATTR when they found theirs; never
// the reads. Compared with the AOF redis-server 8.0.6 / 8.6.3 writes for the same commands.
const cases: PropagationCase[] = [
  { name: 'VADD of a new element, not of an update; VREM and VSETATTR that found theirs; never the reads', steps: [
    ['VADD', 'v', 'VALUES', '2', '1', '0', 'a'], ['VADD', 'v', 'VALUES', '2', '1', '0', 'a'], ['VADD', 'v', 'VALUES', '2', '0', '1', 'a', 'SETATTR', '{}'],
    ['VADD', 'v', 'REDUCE', '1', 'VALUES', '2', '1', '0', 'b'], ['VADD', 'v', 'VALUES', '2', '0', '1', 'b', 'CAS', 'EF', '10'], ['VADD', 'v', 'junk'],
    ['VSETATTR', 'v', 'a', '{"x":1}'], ['VSETATTR', 'v', 'zz', '{}'], ['VSETATTR', 'nokey', 'a', '{}'], ['VREM', 'v', 'zz'], ['VREM', 'nokey', 'a'],
    ['VSIM', 'v', 'ELE', 'a', 'TRUTH'], ['VEMB', 'v', 'a'], ['VCARD', 'v'], ['VDIM', 'v'], ['VGETATTR', 'v', 'a'], ['VISMEMBER', 'v', 'a'],
    ['VRANDMEMBER', 'v', '0'], ['VREM', 'v', 'a'], ['VREM', 'v', 'b'], ['EXISTS', 'v'],
    ['MULTI'], ['VADD', 'w', 'VALUES', '1', '1', 'a'], ['VCARD', 'w'], ['VADD', 'w', 'VALUES', '1', '1', 'a'], ['VREM', 'w', 'a'], ['EXEC'],
  ] },
];

for (const version of ['8.0', '8.6']) {
  const env = referenceEnv('redis', version);
  const binary = referenceBinary(env);
  describePropagationCases(`vector sets: propagation feed vs redis-server ${version} AOF (needs ${env})`, cases,
    () => new FakeServer({ profile: serverProfile('redis', version), mixins: [...coreMixins, StringCommands, VectorSetCommands] }), { binary, skip: binary === undefined });
}
