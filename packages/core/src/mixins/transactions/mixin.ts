import { defineMixin } from '../../dispatch/mixin.js';
import { DISCARD, EXEC, MULTI } from './multi-exec.js';
import { UNWATCH, WATCH } from './watch.js';

/** MULTI, EXEC, DISCARD, WATCH and UNWATCH, with Redis 7.0's semantics. */
export const TransactionCommands = defineMixin({
  name: 'TransactionCommands',
  commands: { MULTI, EXEC, DISCARD, WATCH, UNWATCH },
});
