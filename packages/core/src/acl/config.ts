import type { Bytes } from '../bytes.js';
import type { FakeServer } from '../server.js';
import { AclUser, mergeSelectorArguments, RULE_ERROR_TEXT } from './rules.js';
import { aclState, pubsubDefault } from './state.js';

/**
 * `user` directives of a configuration file (ACLAppendUserForLoading while the file is
 * read, ACLLoadConfiguredUsers at start-up), for a server that reads one
 * (fakeredis-server): check each directive as it is read, then load them all once the
 * server exists.
 */

/** What Redis logs, and exits, when a configuration has both `user` directives and an aclfile (checked before either loads). */
export const ACL_USERS_WITH_ACLFILE =
  'Configuring Redis with users defined in redis.conf and at the same setting an ACL file path is invalid. This setup is very likely to lead to configuration errors and security holes, please define either an ACL file or declare users directly in your redis.conf, but not both.';

/**
 * Checks one `user <name> [rule ...]` directive (`args` without the word `user`) against
 * those already read (`pending`, to which it is added when valid). Returns the error of a
 * fatal configuration line, as redis-server prints it: "Error in user declaration '<arg>':
 * <reason>". As in Redis 7.0, the argument named is counted from the directive's start
 * while the refused rule is counted among the rules, so it is two places off; unknown
 * commands and categories are only found at start-up.
 */
export function checkUserDirective(server: FakeServer, pending: string[][], args: readonly string[]): string | undefined {
  const argv = ['user', ...args];
  const name = args[0] as string;
  if (pending.some((user) => user[0] === name)) return `Error in user declaration '${argv[1]}': ${RULE_ERROR_TEXT.EALREADY}`;
  const merged = mergeSelectorArguments(args.slice(1));
  if ('unmatched' in merged) return `Error in user declaration '${argv[merged.unmatched]}': ${RULE_ERROR_TEXT.EINVAL}`;
  const probe = new AclUser('__fakeuser:0__' as Bytes, aclState(server).table, pubsubDefault(server));
  for (let j = 0; j < merged.merged.length; j++) {
    const failure = probe.apply(merged.merged[j] as string, pubsubDefault(server));
    if (failure !== undefined && failure.error !== 'ENOENT') return `Error in user declaration '${argv[j]}': ${RULE_ERROR_TEXT[failure.error]}`;
  }
  pending.push([name, ...merged.merged]);
  return undefined;
}

/**
 * Loads the checked `user` directives (ACLLoadConfiguredUsers): `default` is reset first,
 * the others created. Undefined when done; else the lines Redis logs (as warnings) before
 * it exits: a rule refused now (an unknown command), or users beside an aclfile.
 */
export function loadConfiguredUsers(server: FakeServer, pending: readonly string[][]): string[] | undefined {
  if (pending.length === 0) return undefined;
  if (server.config.get('aclfile') !== '') return [ACL_USERS_WITH_ACLFILE];
  const state = aclState(server);
  const defaults = pubsubDefault(server);
  for (const [name, ...rules] of pending) {
    let user = state.users.get(name as Bytes);
    if (user === undefined) {
      user = new AclUser(name as Bytes, state.table, defaults);
      state.users.set(user.name, user);
    } else {
      user.apply('reset', defaults);
    }
    for (const rule of rules) {
      const failure = user.apply(rule, defaults);
      if (failure !== undefined) {
        return [`Error loading ACL rule '${rule}' for the user named '${name}': ${RULE_ERROR_TEXT[failure.error]}`, 'Critical error while loading ACLs. Exiting.'];
      }
    }
    if (!user.enabled) {
      server.log('notice', `The user '${name}' is disabled (there is no 'on' modifier in the user description). Make sure this is not a configuration error.`);
    }
  }
  return undefined;
}
