export { ServerCommands } from './mixin.js';
export { addInfoFields, infoText, type InfoFieldsProvider } from './info.js';
export { resetStats } from './config.js';
