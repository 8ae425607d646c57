import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Test files that read the shared example site or use the shared Chromium, which
 * test/support/global-setup.ts makes once per run for this project only: a run of other
 * files alone (`npx vitest run test/markdown`) starts no browser and builds nothing.
 */
const SITE_TESTS = [
  'test/e2e/**/*.test.ts',
  'test/reader/**/*.test.ts',
  'test/hostile/**/*.test.ts',
  'test/**/*.browser.test.ts',
  'test/dev/browser.test.ts',
  'test/build/example-site.test.ts',
  'test/build/article-body.test.ts',
  'test/math/derivations-site.test.ts',
];

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    // Two cores: browser and build tests are heavy, keep parallelism modest.
    maxWorkers: 2,
    // Files share their worker's loaded modules (KaTeX, Shiki, our stages) instead of each
    // loading them again: a third of the CPU time of the unit files. No test mocks modules,
    // and Vitest resets \`vi.setConfig\` after each file.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...SITE_TESTS],
        },
      },
      {
        extends: true,
        test: {
          name: 'site',
          include: SITE_TESTS,
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
    ],
  },
});
