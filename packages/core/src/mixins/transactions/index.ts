export { TransactionCommands } from './mixin.js';
export { isWatchedKeyExpired, watchKey } from './watch.js';
