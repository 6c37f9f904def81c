import { randomBytes } from 'node:crypto';
import { type Bytes, cString } from '../../bytes.js';
import type { CommandHandler } from '../../dispatch/mixin.js';
import { checkUserPermissions } from '../../acl/check.js';
import { aclFileError, loadAclFile, saveAclFile } from '../../acl/file.js';
import { killClientsOfUser, killPubsubClientsIfNeeded } from '../../acl/kill.js';
import { type AclCommand, type AclUser, SELECTOR_ALLCHANNELS, SELECTOR_ALLKEYS, Selector, USER_FLAG_NAMES } from '../../acl/rules.js';
import { AclDenied, aclState, getUser, setUserRules, sortedUsers } from '../../acl/state.js';
import { ERR_NOT_INTEGER, errSubcommandSyntax, errWrongArity } from '../../errors/index.js';
import { ACL_CATEGORIES } from './command/describe.js';
import { helpReply } from '../help.js';
import { tryParseInt64 } from '../../numbers.js';
import { DoubleReply, ErrorReply, map, OK, type Reply, SetReply } from '../../reply.js';

/**
 * The ACL command family of Redis 7.0 (acl.c's aclCommand): users and their rules,
 * descriptions, categories, the security log, dry runs and the ACL file.
 */

const b = (s: string) => s as Bytes;

/** ACL SETUSER username [rule ...]: all rules apply, or none (the first refused one is named). */
export const ACL_SETUSER: CommandHandler = (client, argv) => {
  const username = argv[2] as Bytes;
  if (/[ \t\n\v\f\r\0]/.test(username)) throw new ErrorReply("ERR Usernames can't contain spaces or null characters");
  const server = client.server;
  const error = setUserRules(server, username, argv.slice(3), (updated, original) => killPubsubClientsIfNeeded(server, updated, original));
  if (error !== undefined) throw new ErrorReply(`ERR ${error}`);
  return OK;
};

/** ACL DELUSER username [...]: the number deleted; their clients are disconnected. */
export const ACL_DELUSER: CommandHandler = (client, argv) => {
  const names = argv.slice(2) as Bytes[];
  if (names.includes(b('default'))) throw new ErrorReply("ERR The 'default' user cannot be removed");
  const state = aclState(client.server);
  let deleted = 0;
  for (const name of names) {
    const user = state.users.get(name);
    if (user === undefined) continue;
    state.users.delete(name);
    killClientsOfUser(client.server, user);
    deleted++;
  }
  return deleted;
};

/** One selector as GETUSER shows it: commands, keys, channels. */
function selectorFields(selector: Selector): Array<[Reply, Reply]> {
  const keys = selector.flags & SELECTOR_ALLKEYS ? '~*' : selector.patterns.map((p) => Selector.patternString(p)).join(' ');
  const channels = selector.flags & SELECTOR_ALLCHANNELS ? '&*' : selector.channels.map((c) => `&${c}`).join(' ');
  return [
    [b('commands'), b(selector.describeCommandRules())],
    [b('keys'), b(keys)],
    [b('channels'), b(channels)],
  ];
}

/** ACL GETUSER username: flags, passwords, the root selector's rules, then the other selectors; null when unknown. */
export const ACL_GETUSER: CommandHandler = (client, argv) => {
  const user = getUser(client.server, argv[2] as Bytes);
  if (user === undefined) return null;
  const flags = USER_FLAG_NAMES.filter(([flag]) => user.flags & flag).map(([, name]) => b(name));
  return map([
    [b('flags'), new SetReply(flags)],
    [b('passwords'), user.passwords.map(b)],
    ...selectorFields(user.root),
    [b('selectors'), user.selectors.slice(1).map((s) => map(selectorFields(s)))],
  ]);
};

function describeUserLine(user: AclUser): Bytes {
  return b(`user ${user.name} ${user.describe()}`);
}

/** ACL LIST: each user as a config-file line, in name order. */
export const ACL_LIST: CommandHandler = (client) => sortedUsers(aclState(client.server)).map(describeUserLine);

/** ACL USERS: the user names, in order. */
export const ACL_USERS: CommandHandler = (client) => sortedUsers(aclState(client.server)).map((u) => u.name);

/** ACL WHOAMI: the connection's user. */
export const ACL_WHOAMI: CommandHandler = (client) => client.user as Bytes;

/** ACL CAT [category]: the categories, or a category's commands and subcommands. */
export const ACL_CAT: CommandHandler = (client, argv) => {
  if (argv.length > 3) throw errSubcommandSyntax(argv[1] as Bytes, 'ACL');
  if (argv.length === 2) return ACL_CATEGORIES.map(b);
  const name = cString(argv[2] as Bytes);
  const index = ACL_CATEGORIES.indexOf(name.toLowerCase());
  if (index < 0) throw new ErrorReply(`ERR Unknown category '${name.slice(0, 128)}'`);
  const out: Bytes[] = [];
  const walk = (commands: readonly AclCommand[]) => {
    for (const cmd of commands) {
      if (cmd.isModule) continue;
      if (cmd.categories & (1 << index)) out.push(b(cmd.fullName));
      if (cmd.subcommands.length > 0) walk(cmd.subcommands);
    }
  };
  walk(aclState(client.server).table.top);
  return out;
};

const GENPASS_MAX_BITS = 4096;

/** ACL GENPASS [bits]: a random password of bits/4 hex digits (256 bits by default). */
export const ACL_GENPASS: CommandHandler = (_client, argv) => {
  if (argv.length > 3) throw errSubcommandSyntax(argv[1] as Bytes, 'ACL');
  let bits = 256n;
  if (argv.length === 3) {
    const parsed = tryParseInt64(argv[2] as Bytes);
    if (parsed === undefined) throw ERR_NOT_INTEGER;
    bits = parsed;
  }
  if (bits <= 0n || bits > BigInt(GENPASS_MAX_BITS)) {
    throw new ErrorReply(
      `ERR ACL GENPASS argument must be the number of bits for the output password, a positive number up to ${GENPASS_MAX_BITS}`,
    );
  }
  const chars = Math.floor((Number(bits) + 3) / 4);
  return b(randomBytes(Math.ceil(chars / 2)).toString('hex').slice(0, chars));
};

const REASONS: Record<AclDenied, string> = {
  [AclDenied.Command]: 'command',
  [AclDenied.Key]: 'key',
  [AclDenied.Auth]: 'auth',
  [AclDenied.Channel]: 'channel',
};

/** ACL LOG [count | RESET]: the newest entries first (10 by default). */
export const ACL_LOG: CommandHandler = (client, argv) => {
  if (argv.length > 3) throw errSubcommandSyntax(argv[1] as Bytes, 'ACL');
  const server = client.server;
  const log = aclState(server).log;
  let count = 10;
  if (argv.length === 3) {
    const arg = argv[2] as Bytes;
    if (cString(arg).toLowerCase() === 'reset') {
      log.length = 0;
      return OK;
    }
    const parsed = tryParseInt64(arg);
    if (parsed === undefined) throw ERR_NOT_INTEGER;
    count = parsed < 0n ? 0 : parsed > BigInt(log.length) ? log.length : Number(parsed);
  }
  count = Math.min(count, log.length);
  const now = server.clock.now();
  const with72 = server.versionAtLeast('7.2.0');
  return log.slice(0, count).map((entry) => {
    const fields: Array<[Reply, Reply]> = [
      [b('count'), entry.count],
      [b('reason'), b(REASONS[entry.reason])],
      [b('context'), b(entry.context)],
      [b('object'), entry.object],
      [b('username'), entry.username],
      [b('age-seconds'), new DoubleReply((now - entry.ctime) / 1000)],
      [b('client-info'), b(entry.clientInfo)],
    ];
    if (with72) {
      fields.push([b('entry-id'), entry.entryId], [b('timestamp-created'), entry.createdAt], [b('timestamp-last-updated'), entry.ctime]);
    }
    return map(fields);
  });
};

/** ACL DRYRUN username command [arg ...]: OK, or why the user may not run it (nothing runs or is logged). */
export const ACL_DRYRUN: CommandHandler = (client, argv) => {
  const server = client.server;
  const state = aclState(server);
  const user = getUser(server, argv[2] as Bytes);
  if (user === undefined) throw new ErrorReply(`ERR User '${cString(argv[2] as Bytes)}' not found`);
  const call = argv.slice(3);
  const name = cString(call[0] as Bytes).toLowerCase();
  let cmd = state.table.byName.get(name);
  if (cmd !== undefined && cmd.subcommands.length > 0 && call.length > 1) {
    cmd = state.table.byName.get(`${name}|${cString(call[1] as Bytes).toLowerCase()}`);
  }
  if (cmd === undefined || name.includes('|')) throw new ErrorReply(`ERR Command '${cString(call[0] as Bytes)}' not found`);
  const arity = cmd.spec.arity;
  if ((arity > 0 && arity !== call.length) || call.length < -arity) throw errWrongArity(cmd.fullName);
  const denial = checkUserPermissions(user, cmd, call);
  if (denial === undefined) return OK;
  // Redis 7.2 names the user (getAclErrorMessage, verbose).
  const who = server.versionAtLeast('7.2.0') ? `User ${user.name}` : 'This user';
  if (denial.reason === AclDenied.Command) return b(`${who} has no permissions to run the '${cmd.fullName}' command`);
  const what = denial.reason === AclDenied.Key ? 'key' : 'channel';
  return b(`${who} has no permissions to access the '${cString(call[denial.pos] as Bytes)}' ${what}`);
};

/** ACL LOAD: the users of `aclfile` replace the current ones (all or nothing). */
export const ACL_LOAD: CommandHandler = (client) => {
  const file = client.server.config.get('aclfile');
  if (file === '') throw aclFileError(client.server);
  const errors = loadAclFile(client, file);
  if (errors !== undefined) throw new ErrorReply(`ERR ${errors}`);
  return OK;
};

/** ACL SAVE: writes the users to `aclfile` as ACL LIST lines. */
export const ACL_SAVE: CommandHandler = (client) => {
  const file = client.server.config.get('aclfile');
  if (file === '') throw aclFileError(client.server);
  if (!saveAclFile(client.server, file)) {
    throw new ErrorReply('ERR There was an error trying to save the ACLs. Please check the server logs for more information');
  }
  return OK;
};

export const ACL_HELP: CommandHandler = (client) =>
  helpReply(client.server, 'ACL', [
    'CAT [<category>]',
    '    List all commands that belong to <category>, or all command categories',
    '    when no category is specified.',
    'DELUSER <username> [<username> ...]',
    '    Delete a list of users.',
    'DRYRUN <username> <command> [<arg> ...]',
    '    Returns whether the user can execute the given command without executing the command.',
    'GETUSER <username>',
    "    Get the user's details.",
    'GENPASS [<bits>]',
    '    Generate a secure 256-bit user password. The optional `bits` argument can',
    '    be used to specify a different size.',
    'LIST',
    '    Show users details in config file format.',
    'LOAD',
    '    Reload users from the ACL file.',
    'LOG [<count> | RESET]',
    '    Show the ACL log entries.',
    'SAVE',
    '    Save the current config to the ACL file.',
    'SETUSER <username> <attribute> [<attribute> ...]',
    '    Create or modify a user with the specified attributes.',
    'USERS',
    '    List all the registered usernames.',
    'WHOAMI',
    '    Return the current connection username.',
  ]);

