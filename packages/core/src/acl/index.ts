export { aclCheckCommand, aclCheckQueuedCommand, aclCheckScriptCall, aclUserCanRun } from './check.js';
export { type AclLogContext, aclState, clientUser, getUser, setUserRules } from './state.js';
export { checkUserDirective, loadConfiguredUsers } from './config.js';
