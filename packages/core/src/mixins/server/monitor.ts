import type { Bytes } from '../../bytes.js';
import type { Client } from '../../client.js';
import type { CommandHandler } from '../../dispatch/mixin.js';
import { ERR_MONITOR_DENY_BLOCKING } from '../../errors/index.js';
import { NO_REPLY, OK, SimpleString } from '../../reply.js';
import { addHook, type FakeServer } from '../../server.js';
import { peerAddress } from '../connection/client/describe.js';

/**
 * MONITOR (replicationFeedMonitors): every command a client runs is shown to the monitors
 * as `+<seconds>.<micros> [<db> <peer>] "arg" ...`, after it ran (so a SELECT shows its new
 * database), with the arguments a command redacted (AUTH, HELLO ... AUTH) replaced by
 * "(redacted)". Commands flagged admin or skip-monitor are never shown; EVAL and FCALL
 * show themselves before their script's commands (server.feedMonitors), which appear as
 * `[<db> lua]`. The time is the server clock's (whole milliseconds unless it was set finer).
 */

/** sdscatrepr: a quoted C-style representation (printable ASCII kept, the rest escaped). */
export function catRepr(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    switch (c) {
      case 0x5c: out += '\\\\'; break;
      case 0x22: out += '\\"'; break;
      case 0x0a: out += '\\n'; break;
      case 0x0d: out += '\\r'; break;
      case 0x09: out += '\\t'; break;
      case 0x07: out += '\\a'; break;
      case 0x08: out += '\\b'; break;
      default:
        out += c >= 0x20 && c <= 0x7e ? s[i] : `\\x${c.toString(16).padStart(2, '0')}`;
    }
  }
  return `${out}"`;
}

/** Where a command came from, as the monitor line names it. */
function origin(server: FakeServer, client: Client): string {
  if (client.isScript) return 'lua';
  const local = client.transport?.localAddress;
  // A Unix-socket connection's addresses are "<path>:0".
  if (local !== undefined && local.startsWith('/')) {
    const socket = server.config.get('unixsocket');
    return `unix:${socket !== '' ? socket : local.slice(0, -2)}`;
  }
  return peerAddress(client);
}

/** The monitor line for a command (without the leading "+" and the CRLF). */
export function monitorLine(server: FakeServer, client: Client, argv: readonly Bytes[]): string {
  const micros = Math.floor(server.clock.now() * 1000);
  const seconds = Math.floor(micros / 1e6);
  let line = `${seconds}.${String(micros - seconds * 1e6).padStart(6, '0')} [${client.db.index} ${origin(server, client)}]`;
  for (const arg of argv) line += ` ${catRepr(arg)}`;
  return line;
}

/** Sends a command's line to every monitor. */
export function feedMonitors(server: FakeServer, client: Client, argv: readonly Bytes[]): void {
  const reply = new SimpleString(monitorLine(server, client, argv));
  for (const monitor of server.monitors) {
    // prepareClientToWrite: nothing for a client closing after its reply or with replies off.
    if (monitor.closing || monitor.replyMode === 'off') continue;
    // A monitor's own command shows after that command's reply.
    if (monitor === server.currentClient) monitor.deferPush(reply);
    else monitor.push(reply);
  }
}

/** MONITOR: the client becomes a monitor; a second MONITOR is ignored without a reply. */
export const MONITOR: CommandHandler = (client) => {
  if (client.denyBlocking) return ERR_MONITOR_DENY_BLOCKING;
  if (client.monitor) return NO_REPLY;
  client.monitor = true;
  client.server.monitors.add(client);
  return OK;
};

/** RESET ends monitoring (clearClientConnectionState); a closed client leaves in removeClient. */
export function installMonitor(server: FakeServer): void {
  addHook(server, 'clientReset', (client) => {
    client.monitor = false;
    server.monitors.delete(client);
  });
}
