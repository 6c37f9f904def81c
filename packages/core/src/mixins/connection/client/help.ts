import type { CommandHandler } from '../../../dispatch/mixin.js';
import { hasArgumentToken } from '../../../profile.js';
import { helpReply } from '../../help.js';
import { hasValkeyClientFilters } from './filter-valkey.js';

/** CLIENT HELP as Redis 7.0 prints it (every subcommand Redis has, whether installed or not). */
const LINES_7_0 = [
  'CACHING (YES|NO)',
  '    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.',
  'GETREDIR',
  '    Return the client ID we are redirecting to when tracking is enabled.',
  'GETNAME',
  '    Return the name of the current connection.',
  'ID',
  '    Return the ID of the current connection.',
  'INFO',
  '    Return information about the current client connection.',
  'KILL <ip:port>',
  '    Kill connection made from <ip:port>.',
  'KILL <option> <value> [<option> <value> [...]]',
  '    Kill connections. Options are:',
  '    * ADDR (<ip:port>|<unixsocket>:0)',
  '      Kill connections made from the specified address',
  '    * LADDR (<ip:port>|<unixsocket>:0)',
  '      Kill connections made to specified local address',
  '    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)',
  '      Kill connections by type.',
  '    * USER <username>',
  '      Kill connections authenticated by <username>.',
  '    * SKIPME (YES|NO)',
  '      Skip killing current connection (default: yes).',
  'LIST [options ...]',
  '    Return information about client connections. Options:',
  '    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)',
  '      Return clients of specified type.',
  'UNPAUSE',
  '    Stop the current client pause, resuming traffic.',
  'PAUSE <timeout> [WRITE|ALL]',
  '    Suspend all, or just write, clients for <timeout> milliseconds.',
  'REPLY (ON|OFF|SKIP)',
  '    Control the replies sent to the current connection.',
  'SETNAME <name>',
  '    Assign the name <name> to the current connection.',
  'UNBLOCK <clientid> [TIMEOUT|ERROR]',
  '    Unblock the specified blocked client.',
  'TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]',
  '         [OPTIN] [OPTOUT] [NOLOOP]',
  '    Control server assisted client side caching.',
  'TRACKINGINFO',
  '    Report tracking status for the current connection.',
  'NO-EVICT (ON|OFF)',
  '    Protect current client connection from eviction.',
];

/** Redis 7.2 adds SETINFO after SETNAME and NO-TOUCH at the end. */
const SETINFO_7_2 = [
  'SETINFO <option> <value>',
  '    Set client meta attr. Options are:',
  '    * LIB-NAME: the client lib name.',
  '    * LIB-VER: the client lib version.',
];
const NO_TOUCH_7_2 = ['NO-TOUCH (ON|OFF)', '    Will not touch LRU/LFU stats when this mode is on.'];

function lines72(): string[] {
  const at = LINES_7_0.indexOf('UNBLOCK <clientid> [TIMEOUT|ERROR]');
  return [...LINES_7_0.slice(0, at), ...SETINFO_7_2, ...LINES_7_0.slice(at), ...NO_TOUCH_7_2];
}

/** Valkey 8.0 (networking.c): CAPA after CACHING, PRIMARY for MASTER. */
function linesValkey(): string[] {
  const lines = lines72().map((line) => line.replace('(NORMAL|MASTER|REPLICA|PUBSUB)', '(NORMAL|PRIMARY|REPLICA|PUBSUB)'));
  const capa = lines.indexOf('GETREDIR');
  lines.splice(capa, 0, 'CAPA <option> [options...]', '    The client claims its some capability options. Options are:', '    * REDIRECT',
    '      The client can handle redirection during primary and replica failover in standalone mode.');
  return lines;
}

/**
 * CLIENT HELP: the text of the profile's command set (CLIENT CAPA marks Valkey's, CLIENT
 * SETINFO 7.2's); KILL's ID and MAXAGE filters are listed where KILL has MAXAGE (Redis 7.4, Valkey 8.0).
 */
export const CLIENT_HELP: CommandHandler = (client) => {
  const server = client.server;
  const commands = server.profile.metadata.commands;
  const lines = commands['CLIENT CAPA'] !== undefined ? linesValkey() : commands['CLIENT SETINFO'] !== undefined ? lines72() : [...LINES_7_0];
  if (hasArgumentToken(server.profile, 'CLIENT KILL', 'MAXAGE')) {
    lines.splice(lines.indexOf('LIST [options ...]'), 0, '    * ID <client-id>', '      Kill connections by client id.', '    * MAXAGE <maxage>', '      Kill connections older than the specified age.');
  }
  if (hasValkeyClientFilters(server)) valkeyFilterHelp(lines, hasArgumentToken(server.profile, 'CLIENT KILL', 'NOT-ID'));
  // Valkey 8.1's import mode.
  if (commands['CLIENT IMPORT-SOURCE'] !== undefined) {
    lines.push('IMPORT-SOURCE (ON|OFF)', '    Mark this connection as an import source if import-mode is enabled.',
      "    Sync tools can set their connections into 'import-source' state to visit", '    expired keys.');
  }
  return helpReply(server, 'CLIENT', lines);
};

/** Valkey 8.1's filters (KILL's several ids, LIST's options) and 9.0's (and its reworded KILL lines), in place. */
function valkeyFilterHelp(lines: string[], nine: boolean): void {
  const replace = (from: string, to: string) => {
    const at = lines.indexOf(from);
    if (at >= 0) lines[at] = to;
  };
  replace('    * ID <client-id>', '    * ID <client-id> [<client-id>...]');
  replace('      Kill connections by client id.', nine ? '      Kill connections by client IDs.' : '      Kill connections by client ids.');
  if (nine) {
    replace('      Kill connections made from the specified address', '      Kill connections made from the specified address.');
    replace('      Kill connections made to specified local address', '      Kill connections made to the specified local address.');
    lines.splice(lines.indexOf('LIST [options ...]'), 0,
      '    * FLAGS <flags>', '      Kill connections that include the specified flags.',
      '    * NAME <client-name>', '      Kill connections with the specified name.',
      '    * IDLE <idle>', '      Kill connections with idle time greater than or equal to <idle> seconds.',
      '    * LIB-NAME <library-name>', '      Kill connections with the specified library name.',
      '    * LIB-VER <library-version>', '      Kill connections with the specified library version.',
      '    * DB <db-id>', '      Kill connections currently operating on the specified database ID.',
      '    * CAPA <capa>', '      Kill connections currently with the specified capa.',
      '    * IP <ip>', '      Kill connections made from the specified ip.');
  }
  lines.splice(lines.indexOf('UNPAUSE'), 0,
    '    * USER <username>', '      Return clients authenticated by <username>.',
    '    * ADDR <ip:port>', '      Return clients connected from the specified address.',
    '    * LADDR <ip:port>', '      Return clients connected to the specified local address.',
    '    * ID <client-id> [<client-id>...]', '      Return clients with the specified IDs.',
    '    * SKIPME (YES|NO)', '      Exclude the current client from the list (default: no).',
    '    * MAXAGE <maxage>', '      List connections older than the specified age.',
    ...(nine ? [
      '    * FLAGS <flags>', '      Return clients with the specified flags.',
      '    * NAME <client-name>', '      Return clients with the specified name.',
      '    * IDLE <idle>', '      Return clients with idle time greater than or equal to <idle> seconds.',
      '    * LIB-NAME <lib-name>', '      Return clients with the specified lib name.',
      '    * LIB-VER <lib-version>', '      Return clients with the specified lib version.',
      '    * DB <db-id>', '      Return clients currently operating on the specified database ID.',
      '    * CAPA <capa>', '      Return connections currently with the specified capa.',
      '    * IP <ip>', '      Return connections made from the specified ip.',
    ] : []));
}
