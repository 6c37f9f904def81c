// rolldown configuration of ab/bundle.mjs: the workspace's TypeScript sources (the
// `source` export condition) in one ESM file, ioredis left outside; the generated command
// metadata as JSON.parse of a string, as core's build emits it.
import { readFileSync } from 'node:fs';

const jsonAsParse = {
  name: 'json-as-parse',
  load(id) {
    if (!id.endsWith('.generated.json')) return null;
    return { code: `export default JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(readFileSync(id, 'utf8'))))});`, moduleType: 'js' };
  },
};

export default {
  input: new URL('entry.mjs', import.meta.url).pathname,
  platform: 'node',
  external: ['ioredis', 'redis', /^node:/],
  plugins: [jsonAsParse],
  resolve: { conditionNames: ['source', 'import', 'node', 'default'] },
  output: { file: process.env.AB_OUT, format: 'esm', inlineDynamicImports: true },
};
