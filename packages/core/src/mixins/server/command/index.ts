import type { Bytes } from '../../../bytes.js';
import type { Client } from '../../../client.js';
import { aclCategories, ACL_CATEGORIES, commandDocsReply, commandInfoReply, keySpecFlags } from './describe.js';
import { doesCommandHaveKeys, getKeysFromCommand } from './keys.js';
import type { CommandHandler } from '../../../dispatch/mixin.js';
import type { CommandEntry, CommandTable } from '../../../dispatch/table.js';
import {
  ERR_COMMAND_NO_KEYS, ERR_INVALID_COMMAND, ERR_INVALID_COMMAND_ARGS, ERR_INVALID_COMMAND_ARGS_COUNT, ERR_SYNTAX,
} from '../../../errors/index.js';
import { compileGlob } from '../../../glob.js';
import { MapReply, type Reply } from '../../../reply.js';
import { helpReply } from '../../help.js';
import { findModule } from '../module.js';

/**
 * COMMAND and its subcommands: the installed command table described from the command
 * metadata (COMMAND INFO, DOCS), counted and listed, and key extraction (GETKEYS).
 */

/** A command or subcommand by "name" or "container|sub" (Redis's strict lookup). */
function lookupByFullName(table: CommandTable, name: Bytes): CommandEntry | undefined {
  const parts = name.split('|');
  if (parts.length > 2) return undefined;
  const top = table.get(parts[0] as string);
  if (parts.length === 1 || top === undefined) return top;
  return top.subcommands.size > 0 ? top.subcommands.get((parts[1] as string).toLowerCase()) : undefined;
}

/** The command argv names (Redis's lookupCommand): a container takes its subcommand. */
function lookupByArgv(table: CommandTable, argv: readonly Bytes[]): CommandEntry | undefined {
  const top = table.get(argv[0] as Bytes);
  if (argv.length === 1 || top === undefined || top.subcommands.size === 0) return top;
  return top.subcommands.get((argv[1] as Bytes).toLowerCase());
}

/** COMMAND: every installed command described. */
export const COMMAND: CommandHandler = (client) => [...client.server.commands.entries()].map((entry) => commandInfoReply(entry, client.server.profile.commandInfo));

export const COMMAND_INFO: CommandHandler = (client, argv) => {
  const table = client.server.commands;
  const shape = client.server.profile.commandInfo;
  if (argv.length === 2) return [...table.entries()].map((entry) => commandInfoReply(entry, shape));
  return argv.slice(2).map((name) => {
    const entry = lookupByFullName(table, name);
    return entry ? commandInfoReply(entry, shape) : null;
  });
};

export const COMMAND_DOCS: CommandHandler = (client, argv) => {
  const server = client.server;
  const options = { displayText: server.versionAtLeast('7.2.0') };
  const entries = argv.length === 2
    ? [...server.commands.entries()]
    : argv.slice(2).flatMap((name) => lookupByFullName(server.commands, name) ?? []);
  return new MapReply(entries.map((entry) => [entry.fullName as Bytes, commandDocsReply(entry, options)]));
};

export const COMMAND_COUNT: CommandHandler = (client) => client.server.commands.size;

export const COMMAND_LIST: CommandHandler = (client, argv) => {
  let filter: ((entry: CommandEntry) => boolean) | undefined;
  for (let i = 2; i < argv.length; i++) {
    const more = argv.length - 1 - i;
    if ((argv[i] as Bytes).toLowerCase() !== 'filterby' || more !== 2) return ERR_SYNTAX;
    const kind = (argv[i + 1] as Bytes).toLowerCase();
    const arg = argv[i + 2] as Bytes;
    if (kind === 'module') {
      const module = findModule(client.server, arg);
      filter = (entry) => module !== undefined && entry.module === module.name;
    }
    else if (kind === 'aclcat') {
      const category = arg.toLowerCase();
      filter = ACL_CATEGORIES.includes(category) ? (entry) => aclCategories(entry.spec).includes(category) : () => false;
    } else if (kind === 'pattern') {
      const match = compileGlob(arg, true);
      filter = (entry) => match(entry.fullName as Bytes);
    } else return ERR_SYNTAX;
    i += 2;
  }
  const names: Reply[] = [];
  for (const entry of client.server.commands.all()) {
    if (!filter || filter(entry)) names.push(entry.fullName as Bytes);
  }
  return names;
};

function getKeys(client: Client, argv: Bytes[], withFlags: boolean): Reply {
  const call = argv.slice(2);
  const entry = lookupByArgv(client.server.commands, call);
  if (entry === undefined) return ERR_INVALID_COMMAND;
  if (!doesCommandHaveKeys(entry.spec)) return ERR_COMMAND_NO_KEYS;
  const arity = entry.arity;
  if ((arity > 0 && arity !== call.length) || call.length < -arity) return ERR_INVALID_COMMAND_ARGS_COUNT;
  const keys = getKeysFromCommand(entry.spec, call);
  if (keys.length === 0) return entry.flags.has('no_mandatory_keys') ? [] : ERR_INVALID_COMMAND_ARGS;
  return keys.map((key) => {
    const name = call[key.pos] as Bytes;
    if (!withFlags) return name;
    return [name, keySpecFlags(key.flags)];
  });
}

const HELP_LINES = [
  '(no subcommand)',
  '    Return details about all Redis commands.',
  'COUNT',
  '    Return the total number of commands in this Redis server.',
  'LIST',
  '    Return a list of all commands in this Redis server.',
  'INFO [<command-name> ...]',
  '    Return details about multiple Redis commands.',
  '    If no command names are given, documentation details for all',
  '    commands are returned.',
  'DOCS [<command-name> ...]',
  '    Return documentation details about multiple Redis commands.',
  '    If no command names are given, documentation details for all',
  '    commands are returned.',
  'GETKEYS <full-command>',
  '    Return the keys from a full Redis command.',
  'GETKEYSANDFLAGS <full-command>',
  '    Return the keys and the access flags from a full Redis command.',
];

export const COMMAND_GETKEYS: CommandHandler = (client, argv) => getKeys(client, argv, false);
export const COMMAND_GETKEYSANDFLAGS: CommandHandler = (client, argv) => getKeys(client, argv, true);

/** Valkey's COMMAND HELP says "commands" and "server" where Redis says "Redis commands". */
function valkeyWording(line: string): string {
  return line.replace('all Redis commands', 'all commands').replace('this Redis server', 'this server')
    .replace('multiple Redis commands', 'multiple commands').replace('a full Redis command', 'a full command');
}

export const COMMAND_HELP: CommandHandler = (client) =>
  helpReply(client.server, 'COMMAND', client.server.profile.serverType === 'valkey' ? HELP_LINES.map(valkeyWording) : HELP_LINES);
