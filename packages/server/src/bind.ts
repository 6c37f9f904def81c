/** One address of a `bind` list: the host to listen on, and whether failure is tolerated. */
export interface BindAddress {
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
      return { host, optional };
    });
}

/** "ip:port" as Redis prints a TCP peer (IPv6 in brackets, IPv4-mapped IPv6 unwrapped). */
export function formatTcpAddress(ip: string | undefined, port: number | undefined): string {
  const address = (ip ?? '?').replace(/^::ffff:(?=[0-9.]+$)/, '');
  return address.includes(':') ? `[${address}]:${port ?? 0}` : `${address}:${port ?? 0}`;
}
