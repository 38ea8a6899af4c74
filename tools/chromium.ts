// Debian's Chromium, launched offline: the one place the report's browser tests and the screenshot script
// find it and start it (the machines have no internet: without these flags Chromium keeps trying to reach it).
import { chromium, type Browser } from '@playwright/test';

export const CHROMIUM = '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
