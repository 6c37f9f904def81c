import { defineMixin } from '../../dispatch/mixin.js';
import { discard, exec, multi } from './multi-exec.js';
import { unwatch, watch } from './watch.js';

export { isWatchedKeyExpired, watchKey } from './watch.js';

/** MULTI, EXEC, DISCARD, WATCH and UNWATCH, with Redis 7.0's semantics. */
export const TransactionCommands = defineMixin({
  name: 'TransactionCommands',
  commands: {
    MULTI: multi,
    EXEC: exec,
    DISCARD: discard,
    WATCH: watch,
    UNWATCH: unwatch,
  },
});
