import { getSystemErrorName } from 'node:util';
/** One address of a `bind` list: the host to listen on, and whether failure is tolerated. */
export interface BindAddress {
  /** The address as written ("*", "::*", "127.0.0.1"), which Redis's log lines show. */
  name: string;
  host: string;
  /** "-addr" in Redis: skip it if the address is not available on this machine. */
  optional: boolean;
}

/**
 * Parses Redis's `bind` value ("127.0.0.1 -::1", "* -::*"): space-separated addresses,
 * "*" for every IPv4 address, "::*" for every IPv6 one, "-" marking an optional one.
 */
export function parseBind(bind: string | readonly string[]): BindAddress[] {
  const words = typeof bind === 'string' ? bind.split(/\s+/) : bind.flatMap((b) => b.split(/\s+/));
  return words
    .filter((word) => word !== '')
    .map((word) => {
      const optional = word.startsWith('-');
      const name = optional ? word.slice(1) : word;
      const host = name === '*' ? '0.0.0.0' : name === '::*' ? '::' : name;
      return { name, host, optional };
    });
}

/** "ip:port" as Redis prints a TCP peer (IPv6 in brackets, IPv4-mapped IPv6 unwrapped). */
export function formatTcpAddress(ip: string | undefined, port: number | undefined): string {
  const address = (ip ?? '?').replace(/^::ffff:(?=[0-9.]+$)/, '');
  return address.includes(':') ? `[${address}]:${port ?? 0}` : `${address}:${port ?? 0}`;
}

/** A listening TCP handle from libuv's tcp_wrap, bound and listening synchronously. */
export interface TcpHandle {
  bind(host: string, port: number): number;
  bind6(host: string, port: number, flags: number): number;
  listen(backlog: number): number;
  getsockname(out: { address?: string; port?: number }): number;
  close(): void;
}

interface TcpWrap {
  TCP: new (type: number) => TcpHandle;
  constants: { SERVER: number };
}

let tcpWrap: TcpWrap | undefined;

/**
 * Binds and listens on host:port at once, as Redis's anetTcpServer does, so that CONFIG
 * SET port can answer whether the port was free within the command (net.Server.listen
 * reports it only later). IPv6 addresses are bound IPv6-only, as Redis binds them.
 * Throws an error whose `code` is the errno name and whose `syscall` is bind or listen.
 */
export function listenTcpSync(host: string, port: number, backlog = 511): { handle: TcpHandle; port: number } {
  // libuv's TCP handle, which net.Server wraps; net offers no synchronous bind.
  tcpWrap ??= (process as unknown as { binding(name: string): TcpWrap }).binding('tcp_wrap');
  const handle = new tcpWrap.TCP(tcpWrap.constants.SERVER);
  let syscall = 'bind';
  let status = host.includes(':') ? handle.bind6(host, port, 1) : handle.bind(host, port);
  if (status === 0) {
    syscall = 'listen';
    status = handle.listen(backlog);
  }
  if (status !== 0) {
    handle.close();
    throw Object.assign(new Error(`${syscall} ${getSystemErrorName(status)}`), { code: getSystemErrorName(status), syscall });
  }
  const out: { address?: string; port?: number } = {};
  handle.getsockname(out);
  return { handle, port: out.port ?? port };
}
