import { callFailed, type PropagationRule } from '@fakeredis/core';

/** FUNCTION LOAD, DELETE, FLUSH and RESTORE change the libraries (server.dirty++): propagated when they succeed. */
const functionRule: PropagationRule = (call) => (callFailed(call) ? null : [call.argv]);

export const functionPropagation: Readonly<Record<string, PropagationRule>> = {
  'FUNCTION LOAD': functionRule,
  'FUNCTION DELETE': functionRule,
  'FUNCTION FLUSH': functionRule,
  'FUNCTION RESTORE': functionRule,
};
