import { cString } from '../bytes.js';
import { ErrorReply } from '../reply.js';

/**
 * Errors of the connection commands (HELLO, AUTH, CLIENT, SELECT ...), spelled as Redis
 * 7.0 spells them. `%s` arguments stop at a NUL byte, as C strings do (cString).
 */

export const ERR_NOPROTO = new ErrorReply('NOPROTO unsupported protocol version');
export const ERR_PROTOCOL_VERSION = new ErrorReply('ERR Protocol version is not an integer or out of range');
export const ERR_HELLO_NOAUTH = new ErrorReply(
  'NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time',
);
export const ERR_CLIENT_NAME = new ErrorReply(
  'ERR Client names cannot contain spaces, newlines or special characters.',
);
export const ERR_INVALID_CLIENT_ID = new ErrorReply('ERR Invalid client ID');
export const ERR_NO_SUCH_CLIENT = new ErrorReply('ERR No such client');
export const ERR_CLIENT_ID_POSITIVE = new ErrorReply('ERR client-id should be greater than 0');
export const ERR_MAXAGE_NOT_INTEGER = new ErrorReply('ERR maxage is not an integer or out of range');
export const ERR_MAXAGE_POSITIVE = new ErrorReply('ERR maxage should be greater than 0');
/** Written to a connection refused because `maxclients` are connected, before closing it. */
export const ERR_MAX_CLIENTS = new ErrorReply('ERR max number of clients reached');

export function errHelloOption(option: string): ErrorReply {
  return new ErrorReply(`ERR Syntax error in HELLO option '${cString(option)}'`);
}

export function errUnknownClientType(name: string): ErrorReply {
  return new ErrorReply(`ERR Unknown client type '${cString(name)}'`);
}

export function errNoSuchUser(name: string): ErrorReply {
  return new ErrorReply(`ERR No such user '${cString(name)}'`);
}

/** CLIENT SETINFO with an attribute other than LIB-NAME and LIB-VER (Redis 7.2). */
export function errUnrecognizedOption(option: string): ErrorReply {
  return new ErrorReply(`ERR Unrecognized option '${cString(option)}'`);
}

/** CLIENT SETINFO value with a space or other byte outside '!'..'~' (Redis 7.2). */
export function errClientAttribute(attribute: string): ErrorReply {
  return new ErrorReply(`ERR ${cString(attribute)} cannot contain spaces, newlines or special characters.`);
}

/** An argument parsed as a C int (SELECT's index) outside -2^31..2^31-1 (getIntFromObjectOrReply). */
export const ERR_C_INT_RANGE = new ErrorReply(
  'ERR value is out of range, value must between -2147483648 and 2147483647',
);
