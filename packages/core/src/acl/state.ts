import { type Bytes, cString } from '../bytes.js';
import type { Client } from '../client.js';
import type { CommandMetadata } from '../metadata/types.js';
import { describeClient } from '../mixins/connection/client/describe.js';
import { addInfoFields } from '../mixins/server/info.js';
import { defineModuleState, type FakeServer } from '../server.js';
import {
  AclCommandTable, AclUser, mergeSelectorArguments, RULE_ERROR_TEXT, SELECTOR_ALLCHANNELS, USER_DISABLED, USER_NOPASS,
} from './rules.js';

/**
 * A server's ACL state (Redis's Users rax, DefaultUser and ACLLog): the users by name,
 * in the byte order ACL LIST and ACL USERS print them, and the security log.
 */
export interface AclState {
  /** Replaced when MODULE LOAD adds commands (aclCommandsChanged). */
  table: AclCommandTable;
  readonly users: Map<Bytes, AclUser>;
  readonly defaultUser: AclUser;
  readonly log: AclLogEntry[];
  /** Redis 7.2's ACLLogEntryCount: the next entry's entry-id (never reset). */
  nextLogEntryId: number;
  /** The requirepass last applied to the default user. */
  requirepass: string;
  /** Redis 7.2's INFO acl_access_denied_* counters, by reason. */
  readonly denied: Record<AclDenied, number>;
}

/** Why an ACL check or authentication failed (ACL_DENIED_*; the order picks the error reported). */
export const enum AclDenied {
  Command = 1,
  Key = 2,
  Auth = 3,
  Channel = 4,
}

export type AclLogContext = 'toplevel' | 'multi' | 'lua' | 'module';

export interface AclLogEntry {
  count: number;
  reason: AclDenied;
  context: AclLogContext;
  object: Bytes;
  username: Bytes;
  /** Time of the last update, ms on the server clock. */
  ctime: number;
  clientInfo: string;
  /** Redis 7.2's entry-id and timestamp-created. */
  entryId: number;
  createdAt: number;
}

/** ACL command tables by metadata (shared by the servers of a class: a table is read only). */
const aclTables = new WeakMap<CommandMetadata, Map<string, AclCommandTable>>();

function aclCommandTable(metadata: CommandMetadata, keepsRuleOrder: boolean, emptyKeyPermission: '7.0' | '7.2' | '7.4'): AclCommandTable {
  let tables = aclTables.get(metadata);
  if (tables === undefined) aclTables.set(metadata, (tables = new Map()));
  const key = `${keepsRuleOrder} ${emptyKeyPermission}`;
  let table = tables.get(key);
  if (table === undefined) tables.set(key, (table = new AclCommandTable(metadata, keepsRuleOrder, emptyKeyPermission)));
  return table;
}

const aclStateKey = defineModuleState<AclState>('acl', (server) => {
  const table = aclCommandTable(
    server.commands.metadata,
    server.versionAtLeast('7.2.0'),
    server.versionAtLeast('7.4.0') ? '7.4' : server.versionAtLeast('7.2.0') ? '7.2' : '7.0',
  );
  const defaultUser = new AclUser('default' as Bytes, table, pubsubDefault(server));
  for (const op of ['+@all', '~*', '&*', 'on', 'nopass']) defaultUser.apply(op, 0);
  const state: AclState = { table, users: new Map([[defaultUser.name, defaultUser]]), defaultUser, log: [], nextLogEntryId: 0, requirepass: '',
    denied: { [AclDenied.Command]: 0, [AclDenied.Key]: 0, [AclDenied.Auth]: 0, [AclDenied.Channel]: 0 },
  };
  if (server.versionAtLeast('7.2.0')) {
    // genRedisInfoStringACLStats, at the end of the stats section (not reset by CONFIG RESETSTAT).
    addInfoFields(server, 'stats', () => [
      ['acl_access_denied_auth', state.denied[AclDenied.Auth]],
      ['acl_access_denied_cmd', state.denied[AclDenied.Command]],
      ['acl_access_denied_key', state.denied[AclDenied.Key]],
      ['acl_access_denied_channel', state.denied[AclDenied.Channel]],
      // 8.6's, shown where the profile's INFO has it (no TLS here: never denied).
      ['acl_access_denied_tls_cert', 0],
    ]);
  }
  const requirepass = server.config.get('requirepass');
  state.requirepass = requirepass;
  if (requirepass !== '') setDefaultUserPassword(defaultUser, requirepass);
  return state;
});

/** The server's ACL state, made on first use with the default user ("on nopass ~* &* +@all"). */
export function aclState(server: FakeServer): AclState {
  return server.moduleState(aclStateKey);
}

/**
 * The server's command table gained commands (MODULE LOAD): ACL rules refer to a table of
 * them all, each user keeping its permissions (see Selector.retable).
 */
export function aclCommandsChanged(server: FakeServer): void {
  const state = aclState(server);
  const table = aclCommandTable(server.commands.metadata, state.table.keepsRuleOrder, state.table.emptyKeyPermission);
  if (table === state.table) return;
  state.table = table;
  for (const user of state.users.values()) user.retable(table);
}

/** acl-pubsub-default as selector flags: new selectors start with all channels or none. */
export function pubsubDefault(server: FakeServer): number {
  return server.config.get('acl-pubsub-default') === 'allchannels' ? SELECTOR_ALLCHANNELS : 0;
}

export function getUser(server: FakeServer, name: Bytes): AclUser | undefined {
  return aclState(server).users.get(name);
}

/**
 * The user name of a client that has no user in Redis (c->user NULL: the master's client
 * on a replica): no ACL check applies to it; CLIENT LIST shows it so.
 */
export const SUPERUSER = '(superuser)';

/** The user a client is authenticated as (the default user if it went away meanwhile). */
export function clientUser(client: Client): AclUser {
  const state = aclState(client.server);
  return state.users.get(client.user as Bytes) ?? state.defaultUser;
}

/**
 * ACLUpdateDefaultUserPassword (CONFIG SET requirepass): resetpass, then the password,
 * or nopass when it is empty.
 */
function setDefaultUserPassword(user: AclUser, password: string): void {
  user.apply('resetpass', 0);
  if (password === '') user.apply('nopass', 0);
  else user.apply(`>${password}`, 0);
}

/** CONFIG SET requirepass: applied when the value changes, as Redis applies a changed config. */
export function updateDefaultUserPassword(server: FakeServer, password: string): void {
  const state = aclState(server);
  if (state.requirepass === password) return;
  state.requirepass = password;
  setDefaultUserPassword(state.defaultUser, password);
}

/**
 * authRequired's server part: a new connection is not authenticated while the default
 * user needs a password or is disabled (clientSetDefaultAuth).
 */
export function defaultUserRequiresAuth(server: FakeServer): boolean {
  const flags = aclState(server).defaultUser.flags;
  return (flags & USER_NOPASS) === 0 || (flags & USER_DISABLED) !== 0;
}

/** ACLCheckUserCredentials: the user exists, is enabled, and the password matches (or nopass). */
export function checkCredentials(server: FakeServer, username: Bytes, password: Bytes): boolean {
  const user = getUser(server, username);
  if (user === undefined || !user.enabled) return false;
  return user.passwordMatches(password);
}

/** The users in ACL LIST order (the rax's byte order). */
export function sortedUsers(state: AclState): AclUser[] {
  return [...state.users.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * ACLStringSetUser: applies rules to a copy of the user (or a new one), so that a refused
 * rule changes nothing; an error text (without "ERR ") when one is refused. `onApplied`
 * sees the old and the new rules before the user takes them (pub/sub clients to kill).
 */
export function setUserRules(
  server: FakeServer,
  username: Bytes,
  args: readonly string[],
  onApplied?: (updated: AclUser, original: AclUser) => void,
): string | undefined {
  const state = aclState(server);
  const merged = mergeSelectorArguments(args);
  if ('unmatched' in merged) {
    return `Unmatched parenthesis in acl selector starting at '${cString(args[merged.unmatched] as string)}'.`;
  }
  const existing = state.users.get(username);
  const defaults = pubsubDefault(server);
  const temp = existing ? existing.clone() : new AclUser(username, state.table, defaults);
  for (const op of merged.merged) {
    const failure = temp.apply(op, defaults);
    if (failure) return `Error in ACL SETUSER modifier '${cString(op)}': ${RULE_ERROR_TEXT[failure.error]}`;
  }
  if (existing) {
    onApplied?.(temp, existing);
    existing.copyFrom(temp);
  } else {
    state.users.set(username, temp);
  }
  return undefined;
}

// ---- ACL LOG ---------------------------------------------------------------------------

/** Entries within this many ms of each other with the same reason, context, object and user merge. */
const LOG_GROUPING_MAX_TIME_DELTA = 60000;

/**
 * addACLLogEntry: a denial is merged into one of the 10 newest entries with the same
 * reason, context, object and user (less than a minute apart), which moves to the top
 * with its count bumped; otherwise it is a new entry, and the log is trimmed to
 * acllog-max-len. `infoClient` is the client whose CLIENT INFO line is logged (a
 * script's caller).
 */
export function addAclLogEntry(
  server: FakeServer,
  infoClient: Client,
  reason: AclDenied,
  context: AclLogContext,
  object: Bytes,
  username: Bytes,
  current?: readonly Bytes[],
): void {
  const state = aclState(server);
  state.denied[reason]++;
  const log = state.log;
  const now = server.clock.now();
  const entry: AclLogEntry = {
    count: 1, reason, context, object, username, ctime: now, clientInfo: describeClient(infoClient, current), entryId: state.nextLogEntryId, createdAt: now,
  };
  for (let i = 0; i < Math.min(10, log.length); i++) {
    const current = log[i] as AclLogEntry;
    if (
      current.reason === reason && current.context === context && Math.abs(current.ctime - entry.ctime) <= LOG_GROUPING_MAX_TIME_DELTA &&
      current.object === object && current.username === username
    ) {
      log.splice(i, 1);
      log.unshift(current);
      current.clientInfo = entry.clientInfo;
      current.ctime = entry.ctime;
      current.count++;
      return;
    }
  }
  state.nextLogEntryId++;
  log.unshift(entry);
  const max = server.config.getNumber('acllog-max-len');
  if (log.length > max) log.length = max;
}
