// The READMEs' examples run on the packed packages: @fakeredis/all's and
// @fakeredis/composer's READMEs as published in their tarballs, and the repository's README
// (copied here by the runner).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeRedis } from '@fakeredis/all';
import { codeBlocks, resultCount, runBlock, sequentialExample, toFunctionBody } from './blocks.js';

const require = createRequire(import.meta.url);
const published = (name: string) => readFileSync(require.resolve(`${name}/package.json`).replace(/package\.json$/, 'README.md'), 'utf8');
const readmes = {
  '@fakeredis/all': published('@fakeredis/all'),
  repository: readFileSync(new URL('../ROOT-README.md', import.meta.url), 'utf8'),
};

afterEach(() => FakeRedis.registry.reset());

describe.each(Object.entries(readmes))('the %s README', (_name, text) => {
  const blocks = codeBlocks(text);
  it('has examples, and every `// =>` result is an assertion', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    expect(blocks.map(toFunctionBody).join('\n').match(/expect\(/g)?.length).toBe(resultCount(blocks));
  });
  it.each(blocks.map((block, i) => [i + 1, block.split('\n')[0], block] as const))('example %i (%s)', async (_i, _first, block) => {
    await runBlock(block, expect, (specifier) => import(specifier));
  });
});

it("@fakeredis/composer's README: its examples in order", async () => {
  const example = sequentialExample(published('@fakeredis/composer'));
  expect(resultCount([example])).toBeGreaterThanOrEqual(5);
  await runBlock(example, expect, (specifier) => import(specifier));
});
