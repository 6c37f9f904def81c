import type { Client, FakeServer } from '../../src/index.js';

/** A connection to a fake server that speaks RESP bytes, for wire-level unit tests. */
export interface TestConnection {
  client: Client;
  /** Sends one command and returns what the server wrote back (RESP, latin1). */
  send(...args: string[]): string;
  /** Sends raw bytes and returns what came back. */
  sendRaw(bytes: string): string;
  readonly closed: boolean;
}

export function encode(args: string[]): string {
  let out = `*${args.length}\r\n`;
  for (const arg of args) out += `$${Buffer.byteLength(arg, 'latin1')}\r\n${arg}\r\n`;
  return out;
}

export function connect(server: FakeServer, remoteAddress = '127.0.0.1:50001', localAddress = '127.0.0.1:6379'): TestConnection {
  let output = '';
  let closed = false;
  const client = server.createClient({
    write: (encoded) => {
      output += encoded;
    },
    close: () => {
      closed = true;
    },
    remoteAddress,
    localAddress,
  });
  const sendRaw = (bytes: string) => {
    output = '';
    client.feed(Buffer.from(bytes, 'latin1'));
    return output;
  };
  return {
    client,
    send: (...args) => sendRaw(encode(args)),
    sendRaw,
    get closed() {
      return closed;
    },
  };
}

/** The text of a RESP2 bulk string reply. */
export function bulkText(resp: string): string {
  const match = /^\$(\d+)\r\n/.exec(resp);
  if (!match) throw new Error(`not a bulk string: ${JSON.stringify(resp)}`);
  return resp.slice(match[0].length, match[0].length + Number(match[1]));
}
