import { callFailed, PROPAGATE_REPL, type PropagationRule } from '@fakeredis/core';

/** PUBLISH and SPUBLISH reach replicas, not the AOF (forceCommandPropagation(c, PROPAGATE_REPL)). */
const publishRule: PropagationRule = (call) => (callFailed(call) ? null : [{ dbid: call.db.index, argv: call.argv, target: PROPAGATE_REPL }]);

export const pubsubPropagation: Readonly<Record<string, PropagationRule>> = { PUBLISH: publishRule, SPUBLISH: publishRule };
