// As exit-ioredis.mjs, for node-redis clients.
import { createClient } from '@fakeredis/all';

const a = createClient({ url: 'redis://localhost:6379' });
await a.connect();
await a.set('k', 'v', { EX: 100 });
await a.quit();
const b = createClient();
await b.connect();
await b.get('k');
await (typeof b.close === 'function' ? b.close() : b.quit());
const c = createClient();
await c.connect();
await (typeof c.destroy === 'function' ? c.destroy() : c.disconnect());
console.log(`done ${Date.now()}`);
