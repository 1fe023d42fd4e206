/**
 * The config file of the bin (`--config file.json`): an `EmulatorConfig` object in which a client's
 * `publicKey` may also be a path to a PEM file, relative to the config file. This only reads the file and
 * the key files; `parseEmulatorConfig` then validates everything and reports every problem at once.
 * Only `main.ts` calls this: the library never reads files other than its data directory.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { EmulatorError } from '../errors';

/** The file's object, with readable `publicKey` paths replaced by the PEM text. Not yet validated. */
export async function loadConfigFile(file: string): Promise<Record<string, unknown>> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (cause) {
    throw new EmulatorError('EMU_CONFIG_INVALID', {
      description: `Cannot read ${file} as JSON: ${(cause as Error).message}`,
      cause,
    });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new EmulatorError('EMU_CONFIG_INVALID', { description: `${file} must contain a JSON object` });
  }
  const config = json as Record<string, unknown>;
  if (!Array.isArray(config.clients)) return config;
  const base = path.dirname(path.resolve(file));
  const clients = await Promise.all(
    config.clients.map(async (client: unknown) => {
      const publicKey = (client as { publicKey?: unknown } | null)?.publicKey;
      if (typeof publicKey !== 'string' || publicKey.includes('-----BEGIN')) return client;
      try {
        return { ...(client as object), publicKey: await readFile(path.resolve(base, publicKey), 'utf8') };
      } catch {
        return client; // validation reports it as neither PEM nor a readable file
      }
    }),
  );
  return { ...config, clients };
}
