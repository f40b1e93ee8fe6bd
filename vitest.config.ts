import { defineConfig } from 'vitest/config';

// Time zone and locale are pinned so that golden outputs compare byte for byte.
process.env.TZ = 'UTC';
process.env.LANG = 'C';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
