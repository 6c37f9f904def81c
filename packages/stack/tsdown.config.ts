import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts', 'src/bloom/index.ts', 'src/cuckoo/index.ts', 'src/cms/index.ts', 'src/topk/index.ts', 'src/tdigest/index.ts', 'src/timeseries/index.ts', 'src/json/index.ts', 'src/vectorset/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
});
