import { ConnectionCommands } from './connection/index.js';
import { KeyspaceCommands } from './keyspace/index.js';
import { ServerCommands } from './server/index.js';
import { TransactionCommands } from './transactions/index.js';

export { ConnectionCommands, KeyspaceCommands, ServerCommands, TransactionCommands };

/** The mixins @fakeredis/core provides: generic keys, connection, server, transactions. */
export const coreMixins = [KeyspaceCommands, ConnectionCommands, ServerCommands, TransactionCommands] as const;
