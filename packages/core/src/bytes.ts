/**
 * A Redis string inside the engine: a JS string whose char codes are 0-255 (latin1).
 * It is a cheap Map key, compares in memcmp order, and converts to and from Buffer
 * without loss. UTF-16 text never enters the keyspace.
 */
export type Bytes = string & { readonly __bytes: unique symbol };

/** Wraps a Buffer's bytes as Bytes. */
export function bytesFromBuffer(buf: Uint8Array): Bytes {
  return Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('latin1') as Bytes;
}

/** The Buffer holding these bytes. */
export function bytesToBuffer(b: Bytes): Buffer {
  return Buffer.from(b, 'latin1');
}

/** Encodes JS text (UTF-16) as UTF-8 Bytes, as a client library would send it. */
export function bytesFromText(text: string): Bytes {
  // ASCII is unchanged by the round trip; skip the Buffer for it.
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) return Buffer.from(text, 'utf8').toString('latin1') as Bytes;
  }
  return text as Bytes;
}

/** Decodes UTF-8 Bytes as JS text (for messages, names and logs, never for keys). */
export function bytesToText(b: Bytes): string {
  for (let i = 0; i < b.length; i++) {
    if (b.charCodeAt(i) > 0x7f) return Buffer.from(b, 'latin1').toString('utf8');
  }
  return b;
}

/** Casts a literal ASCII string known to be Bytes already. */
export function ascii(s: string): Bytes {
  return s as Bytes;
}

/**
 * An argument as C string functions see it: up to the first NUL byte. Redis compares
 * option names with strcasecmp, reads numbers with strtol-like calls and prints
 * arguments into error texts with %s, so "sync\0x" is SYNC and is shown as "sync".
 */
export function cString<T extends string>(arg: T): T {
  const nul = arg.indexOf('\0');
  return nul < 0 ? arg : (arg.slice(0, nul) as T);
}

/** Case-insensitive comparison of an argument with an ASCII option token. */
export function isToken(arg: Bytes | undefined, token: string): boolean {
  if (arg === undefined) return false;
  // Redis compares options with strcasecmp: the argument ends at its first NUL byte.
  const text = cString(arg);
  return text.length === token.length && text.toUpperCase() === token;
}
