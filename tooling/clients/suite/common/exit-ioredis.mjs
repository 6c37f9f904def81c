// Prints "done <ms>" when its clients are closed; the runner measures how long the process
// takes to exit after that (disconnect() and quit() must not hold it open).
import { FakeRedis } from '@fakeredis/all';

const a = new FakeRedis();
await a.set('k', 'v', 'EX', 100);
a.disconnect();
const b = new FakeRedis(6379, 'localhost', { keyPrefix: 'x:' });
await b.get('k');
await b.quit();
const blocked = new FakeRedis();
void blocked.blpop('never', 0).catch(() => {});
await new Promise((resolve) => setTimeout(resolve, 10));
blocked.disconnect();
console.log(`done ${Date.now()}`);
