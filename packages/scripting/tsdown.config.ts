import { defineConfig } from 'tsdown';

// The Lua engine ships inside this package (src/engine/locate.ts says why): its Node entries,
// the Emscripten glue and the .wasm they load from their own directory, and its licences.
const engine = 'node_modules/lua-redis-wasm';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  copy: [
    {
      from: ['index.node.cjs', 'index.node.mjs', 'redis_lua.mjs', 'redis_lua.wasm'].map((f) => `${engine}/dist/${f}`),
      to: 'dist/lua-redis-wasm',
    },
    { from: [`${engine}/LICENSE`, `${engine}/THIRD_PARTY_NOTICES.md`, `${engine}/package.json`], to: 'dist/lua-redis-wasm' },
  ],
});
