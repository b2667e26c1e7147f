import { defineConfig } from '@playwright/test'

// The desktop app through Playwright's Electron support (tests/electron). Each test starts the built
// app on its own empty data folder; without the Electron binary every test is skipped with the reason.
export default defineConfig({
  testDir: 'tests/electron',
  outputDir: 'test-results/electron',
  workers: 1,
  retries: 0,
  reporter: 'list',
  timeout: 120_000,
  expect: { timeout: 15_000 },
})
