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
  let stack: Stack;
  try {
    stack = await startStack({
      dataDir,
      ...options,
      log: (s) => {
        log += s;
      },
    });
  } catch (error) {
    // What the processes printed is the only clue to why one exited while starting: keep it.
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}\n--- output ---\n${log.slice(-4000)}`,
    );
  }
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
