import type { CommandHandler } from '../../../dispatch/mixin.js';
import { hasArgumentToken } from '../../../profile.js';
import { helpReply } from '../../help.js';

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
  return helpReply(server, 'CLIENT', lines);
};
