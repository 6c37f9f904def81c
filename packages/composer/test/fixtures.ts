import { type Bytes, coreMixins, defineMixin, ERR_WRONGTYPE, OK } from '@fakeredis/core';
import { compose } from '../src/index.js';

/**
 * Test fixture: GET and SET in their simplest form (the strings module is not a
 * dependency of the composer), so the client flavours have data commands to carry.
 */
export const TinyStrings = defineMixin({
  name: 'TinyStrings',
  commands: {
    GET: (client, argv) => client.db.lookupString(argv[1] as Bytes) ?? null,
    SET: (client, argv) => {
      client.db.set(argv[1] as Bytes, argv[2] as Bytes);
      return OK;
    },
    // A reply that is an error from the keyspace, to check rejections carry Redis's text.
    LPUSH: (client, argv) => {
      if (client.db.has(argv[1] as Bytes)) throw ERR_WRONGTYPE;
      return 1;
    },
  },
});

export const Server70 = compose({ version: '7.0', mixins: [...coreMixins, TinyStrings] });
export const Server72 = compose({ version: '7.2', mixins: [...coreMixins, TinyStrings] });
