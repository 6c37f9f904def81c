export { TcpFakeServer, type ListenAddress, type TcpFakeServerOptions } from './tcp-server.js';
export { allMixins } from './modules.js';
export { parseBind, type BindAddress } from './bind.js';
