import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

/** Debian's chromium (installed by .ci/run); never a browser downloaded by Playwright. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // WebGL for the map through SwiftShader: chromium ≥ 144 no longer falls back to it by itself.
  '--enable-unsafe-swiftshader',
];

export interface TestBrowser {
  context: BrowserContext;
  /** Every console error and uncaught page error, for a test to assert there were none. */
  errors: string[];
  /** A tab of its own (its own sessionStorage, so its own sign-in); the first call takes the opening tab. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Chromium headless with a fresh profile of its own (removed on close), a wall screen's viewport by default,
 * and every console error collected.
 */
export async function launchBrowser(options: BrowserContextOptions = {}): Promise<TestBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'citygrid-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1920, height: 1080 },
    ...options,
  });
  const errors: string[] = [];
  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  let opening: Page | undefined = context.pages()[0];
  return {
    context,
    errors,
    async newPage() {
      const page = opening ?? (await context.newPage());
      opening = undefined;
      return page;
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
