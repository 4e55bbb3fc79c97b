// The machine's Chromium for page tests: one launch with the flags every page test uses.
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Where Debian's `chromium` package puts the browser (never downloaded by Playwright). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Whether page tests can run here; they skip with a message naming the path when not. */
export const hasChromium = existsSync(CHROMIUM_PATH);

/** Starts headless Chromium without sandbox, GPU, background traffic or first-run pages. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
