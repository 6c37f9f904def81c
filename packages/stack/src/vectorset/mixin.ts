import { BooleanReply, ConfigError, defineMixin, installValueType, type PropagationRule, versionAtLeast } from '@fakeredis/core';
import { VADD, VCARD, VDIM, VEMB, VGETATTR, VINFO, VISMEMBER, VRANDMEMBER, VRANGE, VREM, VSETATTR, VSIM } from './commands.js';
import { VECTORSET_METADATA } from './metadata.js';
import { vectorSetType } from './vset.js';

/** RedisModule_ReplicateVerbatim after a change: VADD of a new element (not an update), VREM and VSETATTR that found theirs. */
const verbatimWhenTrue: PropagationRule = (call) => (call.reply instanceof BooleanReply && call.reply.value ? [call.argv] : null);

const never: PropagationRule = () => null;

/**
 * Redis 8's vector sets (the "vectorset" module built into redis-server, version 1). Its
 * commands exist from Redis 8.0 (the metadata overlays say which in each version), and
 * the module is listed by MODULE LIST from 8.0 only.
 */
export const VectorSetCommands = defineMixin({
  name: 'VectorSetCommands',
  metadata: VECTORSET_METADATA,
  redisModule: { name: 'vectorset', version: 1, hasTypes: true, options: ['handle-io-errors', 'handle-repl-async-load'], builtInSince: '8.0.0',
    upperCaseCommands: true },
  install(server) {
    installValueType(server, vectorSetType);
    // The module's one config (8.2+): accepted and shown; commands answer at once whatever it says.
    if (server.profile.serverType === 'redis' && versionAtLeast(server.profile, '8.2.0')) {
      server.config.define({
        name: 'vset-force-single-threaded-execution',
        default: 'no',
        parse(value) {
          const v = value.toLowerCase();
          if (v !== 'yes' && v !== 'no') throw new ConfigError("argument must be 'yes' or 'no'");
          return v;
        },
      });
    }
  },
  commands: { VADD, VREM, VSIM, VDIM, VCARD, VEMB, VSETATTR, VGETATTR, VINFO, VRANDMEMBER, VISMEMBER, VRANGE },
  propagation: { VADD: verbatimWhenTrue, VREM: verbatimWhenTrue, VSETATTR: verbatimWhenTrue, VSIM: never, VDIM: never, VCARD: never,
    VEMB: never, VGETATTR: never, VINFO: never, VRANDMEMBER: never, VISMEMBER: never, VRANGE: never },
});
