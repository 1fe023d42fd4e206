/**
 * The config file of the bin (`--config file.json`): `{ clients, personas }` as in `EmulatorConfig`,
 * except that a client's `publicKey` may be a path to a PEM file (relative to the config file). Only
 * `main.ts` calls this: the library never reads files other than its data directory.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { EmulatorError } from '../errors';
import type { ClientConfig, EmulatorConfig } from './emulator-config';

const fileSchema = z
  .object({
    clients: z.array(z.object({ publicKey: z.string().min(1) }).loose()).default([]),
    personas: z.array(z.unknown()).optional(),
    faultDelayMs: z.unknown().optional(),
    codeTtlMs: z.unknown().optional(),
    qrTtlMs: z.unknown().optional(),
    accessTokenTtlMs: z.unknown().optional(),
    idTokenTtlSeconds: z.unknown().optional(),
    pollIntervalMs: z.unknown().optional(),
  })
  .strict();

type FileConfig = Omit<EmulatorConfig, 'publicUrl' | 'autoApprove' | 'dataDir'>;

/** Read and shape-check the file; the full validation happens in `parseEmulatorConfig`. */
export async function loadConfigFile(file: string): Promise<FileConfig> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (cause) {
    throw new EmulatorError('EMU_CONFIG_INVALID', {
      description: `Cannot read ${file} as JSON: ${(cause as Error).message}`,
      cause,
    });
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new EmulatorError('EMU_CONFIG_INVALID', {
      description: `${file} is invalid:\n${lines.join('\n')}`,
    });
  }
  const base = path.dirname(path.resolve(file));
  const problems: string[] = [];
  const clients = await Promise.all(
    parsed.data.clients.map(async (client, index) => {
      if (client.publicKey.includes('-----BEGIN')) return client;
      const keyFile = path.resolve(base, client.publicKey);
      try {
        return { ...client, publicKey: await readFile(keyFile, 'utf8') };
      } catch {
        problems.push(`  - clients.${index}.publicKey: no PEM text and no readable file at ${keyFile}`);
        return client;
      }
    }),
  );
  if (problems.length > 0) {
    throw new EmulatorError('EMU_CONFIG_INVALID', {
      description: `${file} is invalid:\n${problems.join('\n')}`,
    });
  }
  return { ...(parsed.data as Omit<FileConfig, 'clients'>), clients: clients as unknown as ClientConfig[] };
}
