import type { Bytes } from '../bytes.js';
import type { Client } from '../client.js';
import type { CommandEntry } from '../dispatch/table.js';
import { matchGlob } from '../glob.js';
import { doesCommandHaveKeys, getKeysFromCommand, type KeyReference } from '../mixins/server/command/keys.js';
import { ErrorReply } from '../reply.js';
import {
  type AclCommand, type AclUser, KEY_READ, KEY_WRITE, SELECTOR_ALLCHANNELS, SELECTOR_ALLCOMMANDS, SELECTOR_ALLKEYS,
  type Selector,
} from './rules.js';
import { type AclLogContext, AclDenied, aclState, addAclLogEntry, clientUser, SUPERUSER } from './state.js';

/**
 * Permission checks (ACLCheckAllUserCommandPerm and its callers): the dispatcher's check
 * of every command, EXEC's check of queued commands, and the check scripts make of each
 * command they call.
 */

export interface AclDenial {
  reason: AclDenied;
  /** The argument (key or channel) that was refused; 0 for a command. */
  pos: number;
}

const CHANNEL_PUBLISH = 1;
const CHANNEL_SUBSCRIBE = 2;
const CHANNEL_PATTERN = 4;

/** Redis's commands_with_channels (the unsubscribe commands need no permission). */
const CHANNEL_COMMANDS = new Map<string, { flags: number; count: number }>([
  ['subscribe', { flags: CHANNEL_SUBSCRIBE, count: -1 }],
  ['ssubscribe', { flags: CHANNEL_SUBSCRIBE, count: -1 }],
  ['psubscribe', { flags: CHANNEL_PATTERN | CHANNEL_SUBSCRIBE, count: -1 }],
  ['publish', { flags: CHANNEL_PUBLISH, count: 1 }],
  ['spublish', { flags: CHANNEL_PUBLISH, count: 1 }],
]);

/** Key-spec flags as the read / write permissions a pattern must give. */
function keyPermission(flags: readonly string[]): number {
  let perm = 0;
  for (const flag of flags) {
    if (flag === 'ACCESS') perm |= KEY_READ;
    else if (flag === 'INSERT' || flag === 'DELETE' || flag === 'UPDATE') perm |= KEY_WRITE;
  }
  return perm;
}

function selectorAllowsKey(selector: Selector, key: Bytes, perm: number): boolean {
  if (selector.flags & SELECTOR_ALLKEYS) return true;
  for (const pattern of selector.patterns) {
    if ((pattern.flags & perm) !== perm) continue;
    if (matchGlob(pattern.pattern, key)) return true;
  }
  return false;
}

/** ACLCheckChannelAgainstList: a pattern subscription must name an allowed pattern literally. */
export function channelAllowed(channels: readonly Bytes[], channel: Bytes, isPattern: boolean): boolean {
  for (const pattern of channels) {
    if (isPattern ? pattern === channel : matchGlob(pattern, channel)) return true;
  }
  return false;
}

interface KeysCache {
  keys?: KeyReference[];
}

/** ACLSelectorCheckCmd. */
function selectorCheck(selector: Selector, cmd: AclCommand, argv: readonly Bytes[], cache: KeysCache): AclDenial | undefined {
  if (!(selector.flags & SELECTOR_ALLCOMMANDS) && !cmd.noAuth && !selector.bit(cmd.id)) {
    const firstArgs = selector.firstArgs?.get(cmd.id);
    if (argv.length < 2 || firstArgs === undefined) return { reason: AclDenied.Command, pos: 0 };
    const arg = (argv[cmd.parent ? 2 : 1] ?? '').toLowerCase();
    if (!firstArgs.some((a) => a.toLowerCase() === arg)) return { reason: AclDenied.Command, pos: 0 };
  }
  if (!(selector.flags & SELECTOR_ALLKEYS) && doesCommandHaveKeys(cmd.spec)) {
    cache.keys ??= getKeysFromCommand(cmd.spec, argv);
    for (const ref of cache.keys) {
      if (!selectorAllowsKey(selector, argv[ref.pos] as Bytes, keyPermission(ref.flags))) return { reason: AclDenied.Key, pos: ref.pos };
    }
  }
  const channels = CHANNEL_COMMANDS.get(cmd.fullName);
  if (!(selector.flags & SELECTOR_ALLCHANNELS) && channels !== undefined) {
    const stop = channels.count === -1 ? argv.length : Math.min(argv.length, 1 + channels.count);
    for (let i = 1; i < stop; i++) {
      if (!channelAllowed(selector.channels, argv[i] as Bytes, (channels.flags & CHANNEL_PATTERN) !== 0)) {
        return { reason: AclDenied.Channel, pos: i };
      }
    }
  }
  return undefined;
}

/**
 * ACLCheckAllUserCommandPerm: allowed when one selector allows it; else the command
 * denial when no selector allowed the command itself, or the key or channel refused
 * furthest right among the worst reasons.
 */
export function checkUserPermissions(user: AclUser, cmd: AclCommand, argv: readonly Bytes[]): AclDenial | undefined {
  let relevant: AclDenial = { reason: AclDenied.Command, pos: 0 };
  const cache: KeysCache = {};
  for (const selector of user.selectors) {
    const denial = selectorCheck(selector, cmd, argv, cache);
    if (denial === undefined) return undefined;
    if (denial.reason > relevant.reason || (denial.reason === relevant.reason && denial.pos > relevant.pos)) relevant = denial;
  }
  return relevant;
}

/** A user that may run anything: nothing to check for it. */
function unrestricted(user: AclUser): boolean {
  return (user.root.flags & (SELECTOR_ALLCOMMANDS | SELECTOR_ALLKEYS | SELECTOR_ALLCHANNELS)) === (SELECTOR_ALLCOMMANDS | SELECTOR_ALLKEYS | SELECTOR_ALLCHANNELS);
}

function aclCommandOf(client: Client, entry: CommandEntry): AclCommand | undefined {
  return aclState(client.server).table.byName.get(entry.fullName);
}

/** What a denial logs as its object: the command's full name, or the refused key or channel. */
function deniedObject(entry: CommandEntry, argv: readonly Bytes[], denial: AclDenial): Bytes {
  return denial.reason === AclDenied.Command ? (entry.fullName as Bytes) : (argv[denial.pos] as Bytes);
}

/** The permission check of a user for a command call; undefined when allowed. */
export function userDenial(client: Client, user: AclUser, entry: CommandEntry, argv: readonly Bytes[]): AclDenial | undefined {
  if (unrestricted(user) || client.user === SUPERUSER) return undefined;
  const cmd = aclCommandOf(client, entry);
  return cmd === undefined ? undefined : checkUserPermissions(user, cmd, argv);
}

function denialMessage(client: Client, user: AclUser, entry: CommandEntry, denial: AclDenial): string {
  if (client.server.versionAtLeast('7.2.0')) {
    // Redis 7.2's getAclErrorMessage (not verbose).
    if (denial.reason === AclDenied.Command) return `User ${user.name} has no permissions to run the '${entry.fullName}' command`;
    return denial.reason === AclDenied.Key ? 'No permissions to access a key' : 'No permissions to access a channel';
  }
  if (denial.reason === AclDenied.Command) return `this user has no permissions to run the '${entry.fullName}' command`;
  return denial.reason === AclDenied.Key
    ? 'this user has no permissions to access one of the keys used as arguments'
    : 'this user has no permissions to access one of the channels used as arguments';
}

/**
 * processCommand's ACL check, called by the dispatcher after authentication: a command
 * the client's user may not run (or whose keys or channels it may not touch) is logged
 * (context toplevel, or multi while queueing) and refused with NOPERM.
 */
export function aclCheckCommand(client: Client, entry: CommandEntry, argv: readonly Bytes[]): ErrorReply | undefined {
  const user = clientUser(client);
  if (unrestricted(user)) return undefined;
  // A no_multi command inside MULTI gets its own error first (checked before the ACL in Redis).
  if (client.multi !== undefined && entry.flags.has('no_multi')) return undefined;
  const denial = userDenial(client, user, entry, argv);
  if (denial === undefined) return undefined;
  addAclLogEntry(client.server, client, denial.reason, client.multi !== undefined ? 'multi' : 'toplevel', deniedObject(entry, argv, denial), user.name, argv);
  return new ErrorReply(`NOPERM ${denialMessage(client, user, entry, denial)}`);
}

/**
 * EXEC's check of each queued command (the rules may have changed since it was queued):
 * logged with context multi, refused with the "ACLs rules changed" error.
 */
export function aclCheckQueuedCommand(client: Client, entry: CommandEntry, argv: readonly Bytes[]): ErrorReply | undefined {
  const user = clientUser(client);
  const denial = userDenial(client, user, entry, argv);
  if (denial === undefined) return undefined;
  addAclLogEntry(client.server, client, denial.reason, 'multi', deniedObject(entry, argv, denial), user.name, argv);
  const reason =
    denial.reason === AclDenied.Command
      ? 'no permission to execute the command or subcommand'
      : denial.reason === AclDenied.Key
        ? 'no permission to touch the specified keys'
        : 'no permission to access one of the channels used as arguments';
  return new ErrorReply(
    `NOPERM ACLs rules changed between the moment the transaction was accumulated and the EXEC call. This command is no longer allowed for the following reason: ${reason}`,
  );
}

/**
 * A script's check of a command it calls (scriptVerifyACL), for the scripting module:
 * `caller` is the client that ran the script and `callerArgv` its EVAL / FCALL (its user
 * is the script's; its CLIENT INFO is logged, with context lua). Returns the error text the script raises, or undefined
 * when allowed: Redis 7.0's "The user executing the script can't run this command or
 * subcommand", 7.2's "ACL failure in script: ...".
 */
export function aclCheckScriptCall(
  caller: Client,
  callerArgv: readonly Bytes[],
  entry: CommandEntry,
  argv: readonly Bytes[],
  context: AclLogContext = 'lua',
): string | undefined {
  const user = clientUser(caller);
  const denial = userDenial(caller, user, entry, argv);
  if (denial === undefined) return undefined;
  addAclLogEntry(caller.server, caller, denial.reason, context, deniedObject(entry, argv, denial), user.name, callerArgv);
  if (caller.server.versionAtLeast('7.2.0')) return `ACL failure in script: ${denialMessage(caller, user, entry, denial)}`;
  const what =
    denial.reason === AclDenied.Command
      ? "can't run this command or subcommand"
      : denial.reason === AclDenied.Key
        ? "can't access at least one of the keys mentioned in the command arguments"
        : "can't publish to the channel mentioned in the command";
  return `The user executing the script ${what}`;
}

/**
 * ACLUserCheckCmdWithUnrestrictedKeyAccess with read access (SORT's BY and GET patterns
 * name keys no key spec shows): some selector of the client's user allows the command
 * `name` with these arguments and may read every key (allkeys, or a `*` pattern that reads).
 */
export function aclMayReadEveryKey(client: Client, name: string, argv: readonly Bytes[]): boolean {
  if (client.user === SUPERUSER) return true;
  const cmd = aclState(client.server).table.byName.get(name);
  if (cmd === undefined) return true;
  const cache: KeysCache = {};
  return clientUser(client).selectors.some(
    (selector) =>
      selectorCheck(selector, cmd, argv, cache) === undefined &&
      ((selector.flags & SELECTOR_ALLKEYS) !== 0 || selector.patterns.some((p) => (p.flags & KEY_READ) !== 0 && p.pattern === '*')),
  );
}

/** redis.acl_check_cmd: may the script's caller run this command (nothing is logged)? */
export function aclUserCanRun(caller: Client, entry: CommandEntry, argv: readonly Bytes[]): boolean {
  return userDenial(caller, clientUser(caller), entry, argv) === undefined;
}
