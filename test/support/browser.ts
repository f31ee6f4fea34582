import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';

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
  watchErrors(context, errors);
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

/** Collects every console error and uncaught page error of a context's pages, each after `prefix`. */
function watchErrors(context: BrowserContext, errors: string[], prefix = ''): void {
  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(prefix + message.text());
    });
    page.on('pageerror', (error) => errors.push(prefix + error.message));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
}

export interface TestBrowsers {
  browser: Browser;
  /** Every console error and uncaught page error of every context, each after its user's name. */
  errors: string[];
  /**
   * A browser context of its own (its own storage, so its own sign-in, like another person's browser) with a
   * wall screen's viewport unless told otherwise, and its page.
   */
  newUser(name: string, options?: BrowserContextOptions): Promise<Page>;
  close(): Promise<void>;
}

/**
 * One headless chromium for several people at once: each gets a context of its own, lighter than a browser
 * each on a small machine. Playwright keeps the profile and removes it on close.
 */
export async function launchBrowsers(): Promise<TestBrowsers> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  const errors: string[] = [];
  return {
    browser,
    errors,
    async newUser(name, options = {}) {
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, ...options });
      watchErrors(context, errors, `${name}: `);
      return context.newPage();
    },
    close: () => browser.close(),
  };
}
