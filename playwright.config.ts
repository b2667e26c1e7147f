import { defineConfig, devices } from '@playwright/test'

// Each test starts its own browser-mode server on an empty temporary data folder
// (see tests/e2e/fixtures.ts). `npm run test:e2e` builds the renderer once first.
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  workers: 1,
  retries: 0,
  reporter: 'list',
  // Safety nets, not pacing: every wait is for a state, and a loaded machine only makes it slower.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  use: {
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    // Charts and transitions end at once, so a test never waits for an animation by the clock.
    reducedMotion: 'reduce',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1440, height: 900 },
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        },
      },
    },
  ],
})
