import { defineMixin, installValueType, type PropagationRule } from '@fakeredis/core';
import {
  JSON_ARRAPPEND, JSON_ARRINDEX, JSON_ARRINSERT, JSON_ARRLEN, JSON_ARRPOP, JSON_ARRTRIM, JSON_CLEAR, JSON_DEBUG, JSON_DEL, JSON_FORGET, JSON_GET,
  JSON_MERGE, JSON_MGET, JSON_MSET, JSON_NUMINCRBY, JSON_NUMMULTBY, JSON_NUMPOWBY, JSON_OBJKEYS, JSON_OBJLEN, JSON_RESP, JSON_SET, JSON_STRAPPEND,
  JSON_STRLEN, JSON_TOGGLE, JSON_TYPE, replicated,
} from './commands.js';
import { jsonType } from './document.js';
import { JSON_METADATA } from './metadata.js';

/** RedisModule_ReplicateVerbatim: a JSON command reaches the AOF and replicas when it changed the document. */
const verbatimWhenAsked: PropagationRule = (call) => (replicated.delete(call.client) ? [call.argv] : null);

const writes = { JSON_SET, JSON_MSET, JSON_MERGE, JSON_DEL, JSON_FORGET, JSON_NUMINCRBY, JSON_NUMMULTBY, JSON_NUMPOWBY, JSON_TOGGLE,
  JSON_STRAPPEND, JSON_ARRAPPEND, JSON_ARRINSERT, JSON_ARRPOP, JSON_ARRTRIM, JSON_CLEAR };

/** RedisJSON 2.8.19's commands (module "ReJSON", version 20819). */
export const JsonCommands = defineMixin({
  name: 'JsonCommands',
  metadata: JSON_METADATA,
  redisModule: { name: 'ReJSON', version: 20819, hasTypes: true, options: ['handle-io-errors'] },
  // DUMP, RESTORE and dump.rdb reach the type through it.
  install(server) {
    installValueType(server, jsonType);
  },
  commands: {
    ...writes, JSON_GET, JSON_MGET, JSON_RESP, JSON_TYPE, JSON_STRLEN, JSON_ARRLEN, JSON_ARRINDEX, JSON_OBJKEYS, JSON_OBJLEN, JSON_DEBUG,
  },
  propagation: Object.fromEntries(Object.keys(writes).map((name) => [name, verbatimWhenAsked])),
});
