export { aclCheckCommand, aclCheckQueuedCommand, aclCheckScriptCall, aclMayReadEveryKey, aclUserCanRun } from './check.js';
export { type AclLogContext, aclState, clientUser, getUser, setUserRules } from './state.js';
export { ACL_USERS_WITH_ACLFILE, checkUserDirective, loadConfiguredUsers } from './config.js';
export { AclStartupError } from './file.js';
