import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser';
import { startTestStack, type TestStack } from './stack';

export interface World {
  stack: TestStack;
  browser: Browser;
}

/**
 * For one test file: the product's processes (`startTestStack`) and a Chromium, started before the
 * tests and stopped after them. Read `world.stack` / `world.browser` inside tests.
 */
export function useWorld(options: Parameters<typeof startTestStack>[0] = {}): World {
  const world = {} as World;
  beforeAll(async () => {
    world.stack = await startTestStack(options);
    world.browser = await launchChromium();
  });
  afterAll(async () => {
    await world.browser?.close();
    await world.stack?.dispose();
  });
  return world;
}
