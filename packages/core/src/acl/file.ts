import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { Bytes } from '../bytes.js';
import type { Client } from '../client.js';
import { ErrorReply } from '../reply.js';
import type { FakeServer } from '../server.js';
import { killClientsOfUser } from './kill.js';
import { AclUser, mergeSelectorArguments, RULE_ERROR_TEXT } from './rules.js';
import { aclState, pubsubDefault, sortedUsers } from './state.js';

/** ACL LOAD and ACL SAVE with `aclfile` (ACLLoadFromFile, ACLSaveToFile). */

/** ACL LOAD / SAVE without `aclfile`: Redis's text names the server (KeyDB's "KeyDB"); Valkey's names none. */
export function aclFileError(server: FakeServer): ErrorReply {
  const title = server.profile.title;
  if (server.profile.serverType === 'valkey') {
    return new ErrorReply(
      'ERR This instance is not configured to use an ACL file. You may want to specify users via the ACL SETUSER command and then issue a CONFIG REWRITE (assuming you have a configuration file set) in order to store users in the configuration.',
    );
  }
  return new ErrorReply(
    `ERR This ${title} instance is not configured to use an ACL file. You may want to specify users via the ACL SETUSER command and then issue a CONFIG REWRITE (assuming you have a ${title} configuration file set) in order to store users in the ${title} configuration.`,
  );
}

/** A relative aclfile is read from `dir`, the directory Redis works in. */
function resolvePath(server: FakeServer, file: string): string {
  return isAbsolute(file) ? file : join(server.config.get('dir'), file);
}

/** The file ACL SAVE writes: one "user <name> <rules>" line per user, in name order. */
export function aclFileText(server: FakeServer): string {
  return sortedUsers(aclState(server)).map((u) => `user ${u.name} ${u.describe()}\n`).join('');
}

export function saveAclFile(server: FakeServer, file: string): boolean {
  const path = resolvePath(server, file);
  const temp = `${path}.tmp-${process.pid}-${server.clock.now()}`;
  try {
    writeFileSync(temp, Buffer.from(aclFileText(server), 'latin1'), { mode: 0o644 });
    renameSync(temp, path);
    return true;
  } catch (e) {
    server.log('warning', `Writing ACL file for ACL SAVE: ${e instanceof Error ? e.message : String(e)}`);
    try {
      unlinkSync(temp);
    } catch {
      // nothing was written
    }
    return false;
  }
}

/**
 * Loads the users of an ACL file, replacing every current user (the default user keeps
 * its identity and takes the file's rules, or the initial ones when the file has none).
 * All or nothing: the errors Redis reports, or undefined. Clients of the replaced users
 * other than default are disconnected, as Redis frees those users.
 */
export function loadAclFile(client: Client | undefined, file: string, server: FakeServer = (client as Client).server): string | undefined {
  let text: string;
  try {
    text = readFileSync(resolvePath(server, file)).toString('latin1');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or directory' : e instanceof Error ? e.message : String(e);
    return `Error loading ACLs, opening file '${file}': ${reason}`;
  }
  const state = aclState(server);
  const defaults = pubsubDefault(server);
  const users = new Map<Bytes, AclUser>();
  let errors = '';
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const linenum = i + 1;
    const line = (lines[i] as string).replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
    if (line === '') continue;
    const argv = line.split(' ');
    if (argv[0] !== 'user' || argv.length < 2) {
      errors += `${file}:${linenum} should start with user keyword followed by the username. `;
      continue;
    }
    const name = argv[1] as Bytes;
    if (/[ \t\n\v\f\r\0]/.test(name)) {
      errors += `'${file}:${linenum}: username '${name}' contains invalid characters. `;
      continue;
    }
    if (users.has(name)) {
      errors += `WARNING: Duplicate user '${name}' found on line ${linenum}. `;
      continue;
    }
    const user = new AclUser(name, state.table, defaults);
    users.set(name, user);
    const merged = mergeSelectorArguments(argv.slice(2));
    if ('unmatched' in merged) {
      errors += `${file}:${linenum}: Unmatched parenthesis in selector definition.`;
      continue;
    }
    let syntaxError = false;
    for (const raw of merged.merged) {
      const op = raw.replace(/^[\t\r\n]+|[\t\r\n]+$/g, '');
      const failure = user.apply(op, defaults);
      if (failure === undefined) continue;
      const message = RULE_ERROR_TEXT[failure.error];
      if (failure.error === 'ENOENT') errors += `${file}:${linenum}: Error in applying operation '${op}': ${message}. `;
      else if (!syntaxError) {
        errors += `${file}:${linenum}: ${message}. `;
        syntaxError = true;
      }
    }
  }
  if (errors !== '') return `${errors}WARNING: ACL errors detected, no change to the previously active ACL rules was performed`;
  const defaultUser = state.defaultUser;
  const fromFile = users.get(defaultUser.name);
  if (fromFile) defaultUser.copyFrom(fromFile);
  else {
    const initial = new AclUser(defaultUser.name, state.table, defaults);
    for (const op of ['+@all', '~*', '&*', 'on', 'nopass']) initial.apply(op, defaults);
    defaultUser.copyFrom(initial);
  }
  users.set(defaultUser.name, defaultUser);
  const old = [...state.users.values()].filter((u) => u !== defaultUser);
  state.users.clear();
  for (const [name, user] of users) state.users.set(name, user);
  for (const user of old) killClientsOfUser(server, user);
  return undefined;
}

/**
 * `aclfile` given at start-up: its users are loaded once the configuration is known, as
 * Redis's ACLLoadUsersAtStartup does, and errors abort the start (the constructor throws).
 * A relative path is read from `dir`.
 */
export function loadAclFileAtStartup(server: FakeServer): void {
  const file = server.config.get('aclfile');
  if (file === '') return;
  const errors = loadAclFile(undefined, file, server);
  if (errors !== undefined) throw new AclStartupError(`Aborting Redis startup because of ACL errors: ${errors}`);
}

/** The ACL users could not be loaded at start-up; the message is the line Redis logs before it exits. */
export class AclStartupError extends Error {}
