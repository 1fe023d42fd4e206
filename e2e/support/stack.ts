import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Stack, startStack } from '../../scripts/lib/stack.mjs';

export interface TestStack extends Stack {
  dispose(): Promise<void>;
  /** What the processes printed, for failure messages. */
  output(): string;
}

/**
 * The product as `npm start` runs it (emulator + BFF + built SPA as separate processes), on free ports
 * with a throw-away data folder.
 */
export async function startTestStack(
  options: {
    bffEnv?: Record<string, string>;
    emulatorArgs?: string[];
    emulatorConfig?: Record<string, unknown>;
  } = {},
) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sgid-bff-e2e-'));
  let log = '';
  const stack = await startStack({
    dataDir,
    ...options,
    log: (s) => {
      log += s;
    },
  });
  const testStack: TestStack = {
    ...stack,
    output: () => log,
    dispose: async () => {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return testStack;
}
