import { coreMixins, FakeServer } from '@fakeredis/core';
import { it } from 'vitest';
import { StreamCommands } from '../src/index.js';
it('x', () => {
const s = new FakeServer({ mixins: [...coreMixins, StreamCommands] });
const c = (...a: string[]) => { const r = s.call(...a); console.log(a.join(' '), '=>', JSON.stringify(r, (k, v) => typeof v === 'bigint' ? v.toString() : v)); };
c('XADD','s','1-1','a','1'); c('XADD','s','2-1','a','2'); c('XADD','s','3-1','a','3'); c('XDEL','s','1-1','1-1','9-9');
console.log(JSON.stringify((s.databases[0] as any).lookupRead('s').nodeShape()));
c('XDEL','s','3-1');
console.log(JSON.stringify((s.databases[0] as any).lookupRead('s').nodeShape()));
});
