import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { codeBlocks, resultCount, runBlock, sequentialExample, toFunctionBody } from '../../../tooling/clients/suite/readme/blocks.js';
import { FakeRedis } from '../src/index.js';

/**
 * Runs the README's TypeScript examples, and the repository README's, on the workspace's
 * sources (```ts blocks; ```ts skip ones are recipes the client matrix in tooling/clients
 * runs instead). A line `expression; // => value` asserts that the expression equals the
 * value. The client matrix runs the same examples on the packed packages
 * (tooling/clients/suite/readme).
 */
const here = dirname(fileURLToPath(import.meta.url));
const readme = readFileSync(join(here, '..', 'README.md'), 'utf8');
const blocks = codeBlocks(readme);
const rootReadme = readFileSync(join(here, '..', '..', '..', 'README.md'), 'utf8');
const rootBlocks = codeBlocks(rootReadme);
const composerReadme = readFileSync(join(here, '..', '..', 'composer', 'README.md'), 'utf8');
/** Imports resolve relative to this file; @fakeredis/all is the workspace's source. */
const importer = (specifier: string) => import(specifier === '@fakeredis/all' ? '../src/index.js' : specifier);

afterEach(() => FakeRedis.registry.reset());

describe('README examples', () => {
  it('has examples, and every `// =>` result becomes an assertion', () => {
    expect(blocks.length).toBeGreaterThan(5);
    const results = resultCount(blocks);
    expect(results).toBeGreaterThan(20);
    expect(blocks.map(toFunctionBody).join('\n').match(/expect\(/g)?.length).toBe(results);
  });
  it.each(blocks.map((block, i) => [i + 1, block.split('\n')[0], block] as const))('example %i (%s)', async (_i, _first, block) => {
    await runBlock(block, expect, importer);
  });
});

describe("the repository README's examples", () => {
  it('has examples with results', () => {
    expect(rootBlocks.length).toBeGreaterThanOrEqual(3);
    const results = resultCount(rootBlocks);
    expect(results).toBeGreaterThan(5);
    expect(rootBlocks.map(toFunctionBody).join('\n').match(/expect\(/g)?.length).toBe(results);
  });
  it.each(rootBlocks.map((block, i) => [i + 1, block.split('\n')[0], block] as const))('example %i (%s)', async (_i, _first, block) => {
    await runBlock(block, expect, importer);
  });
});

describe("@fakeredis/composer's README", () => {
  it('runs its examples in order', async () => {
    const example = sequentialExample(composerReadme);
    expect(resultCount([example])).toBeGreaterThanOrEqual(5);
    await runBlock(example, expect, importer);
  });
});

/**
 * The recipes the READMEs show but cannot run here (```ts skip and ```js blocks, and inline
 * `vi.mock(...)`, `jest.mock(...)` ... code) are the ones the client matrix runs: each of
 * their code lines appears in a suite of tooling/clients/suite (whitespace aside, and the
 * type argument a .mjs suite cannot carry).
 */
describe('the recipes are the tested ones', () => {
  const suiteDir = join(here, '..', '..', '..', 'tooling', 'clients', 'suite');
  const squash = (code: string) => code.replace(/<typeof import\('[^']+'\)>/g, '').replace(/\s+/g, '');
  const suites = squash(
    readdirSync(suiteDir, { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.(c|m)?js$/.test(file))
      .map((file) => readFileSync(join(suiteDir, file), 'utf8'))
      .join('\n'),
  );
  const recipeLines = [readme, rootReadme, composerReadme].flatMap((text) => [
    ...[...text.matchAll(/```(?:ts skip|js)\n([\s\S]*?)```/g)].flatMap((m) => (m[1] as string).split('\n')),
    ...[...text.matchAll(/`((?:vi|jest)\.(?:mock|unstable_mockModule|useFakeTimers)\(.*?|module\.exports = .*?)`/g)].map((m) => m[1] as string),
  ]);
  const code = recipeLines.map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('//') && !line.startsWith('import '));

  it('finds the recipes', () => {
    expect(code.filter((line) => /^(vi|jest)\.(mock|unstable_mockModule)\(/.test(line)).length).toBeGreaterThanOrEqual(6);
  });
  it.each(code)('%s', (line) => {
    expect(suites).toContain(squash(line));
  });
});
