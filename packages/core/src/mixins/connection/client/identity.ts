import type { Bytes } from '../../../bytes.js';
import type { Client } from '../../../client.js';
import type { CommandHandler } from '../../../dispatch/mixin.js';
import { ERR_CLIENT_NAME, errClientAttribute, errUnrecognizedOption } from '../../../errors/index.js';
import { OK } from '../../../reply.js';

/**
 * Names and library attributes appear in CLIENT LIST, which must stay splittable on
 * spaces: only '!'..'~' are allowed (validateClientAttr).
 */
function isPrintableWithoutSpace(value: Bytes): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

/** CLIENT SETNAME and HELLO SETNAME: an empty name removes the name. */
export function setClientName(client: Client, name: Bytes): void {
  if (!isPrintableWithoutSpace(name)) throw ERR_CLIENT_NAME;
  client.name = name;
}

/** CLIENT ID. */
export const CLIENT_ID: CommandHandler = (client) => client.id;

/** CLIENT GETNAME: the name, or null when unnamed. */
export const CLIENT_GETNAME: CommandHandler = (client) => (client.name === '' ? null : client.name);

/** CLIENT SETNAME name. */
export const CLIENT_SETNAME: CommandHandler = (client, argv) => {
  setClientName(client, argv[2] as Bytes);
  return OK;
};

/** CLIENT SETINFO LIB-NAME|LIB-VER value (Redis 7.2): an empty value clears it. */
export const CLIENT_SETINFO: CommandHandler = (client, argv) => {
  const attribute = argv[2] as Bytes;
  const value = argv[3] as Bytes;
  const which = attribute.toLowerCase();
  if (which !== 'lib-name' && which !== 'lib-ver') throw errUnrecognizedOption(attribute);
  if (!isPrintableWithoutSpace(value)) throw errClientAttribute(attribute);
  if (which === 'lib-name') client.libName = value;
  else client.libVersion = value;
  return OK;
};
