import { defineConfig } from 'vitest/config';

// better-sqlite3 13 segfaults on Node 20: say so plainly instead.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  throw new Error(
    `Watchfloor's tests need Node ≥ 22 (this is ${process.versions.node}). Run them through npm (npm test), which puts the project's own Node 22 first on PATH.`,
  );
}

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/integration/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.reports/vitest.json' }]] : ['default'],
  },
});
