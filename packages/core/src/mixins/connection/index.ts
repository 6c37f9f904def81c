export { ConnectionCommands } from './mixin.js';
export { authenticate, setDefaultAuth, userExists } from './auth.js';
export { describeClient } from './client/describe.js';
export { resetConnectionState } from './reset-quit.js';
/** HELP replies are every container's (mixins/help.ts); re-exported here for core's index. */
