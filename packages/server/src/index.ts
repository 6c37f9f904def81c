export { TcpFakeServer, type ListenAddress, type TcpFakeServerOptions } from './tcp-server.js';
export { allMixins, modules, type ModuleMixins } from './modules.js';
export { parseBind, type BindAddress } from './bind.js';
