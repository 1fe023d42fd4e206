/**
 * Validate an `EmulatorConfig` with zod, reporting every problem at once, and resolve it: import each
 * client's public key once, keep only a digest of each secret, JSON-encode persona records, freeze.
 */
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import {
  DATA_SCOPES,
  type DataScope,
  isDataScope,
  isValidNric,
  OPENID_SCOPE,
  parseScopeValue,
} from '@sgid-bff/protocol';
import { z } from 'zod';
import type { CorppassRegisteredClient } from '../corppass/config/corppass-client';
import { corppassClientSchema, resolveCorppassClient } from '../corppass/config/parse-corppass-client';
import { CORPPASS_BASE_PATH } from '../corppass/constants';
import { EmulatorError } from '../errors';
import { FAULT_NAMES } from '../faults';
import type { Persona } from '../personas/persona';
import { resolveSingpassClient, singpassClientSchema } from '../singpass/config/parse-singpass-client';
import type { SingpassRegisteredClient } from '../singpass/config/singpass-client';
import { SINGPASS_BASE_PATH } from '../singpass/constants';
import type { EmulatorConfig, RegisteredClient, ResolvedConfig } from './emulator-config';

const KNOWN_SCOPES = [OPENID_SCOPE, ...DATA_SCOPES] as const;

/** Import an RSA public key of at least 2048 bits, or say why not. */
export function importClientPublicKey(pem: string): KeyObject | string {
  if (/PRIVATE KEY/.test(pem)) return 'must be the public key only: the emulator never holds a private key';
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    return 'is not a PEM public key (nor, in a config file, a path to a readable PEM file)';
  }
  if (key.asymmetricKeyType !== 'rsa') return 'must be an RSA key';
  if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) return 'must be at least 2048 bits';
  return key;
}

const redirectUri = z.string().refine(
  (value) => {
    if (!URL.canParse(value)) return false;
    const url = new URL(value);
    // RFC 6749 §3.1.2: absolute, no fragment.
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hash === '' && !value.includes('#');
  },
  { message: 'must be an absolute http(s) URL without a fragment' },
);

const clientSchema = z.object({
  provider: z.literal('sgid').optional(),
  id: z.string().min(1).max(200),
  secret: z.string().min(1).max(500),
  name: z.string().min(1).max(200),
  redirectUris: z.array(redirectUri).min(1),
  scopes: z.array(z.enum(KNOWN_SCOPES, { error: 'is not a scope of the sgID data catalogue' })),
  publicKey: z.string().transform((pem, ctx): KeyObject => {
    const result = importClientPublicKey(pem);
    if (typeof result !== 'string') return result;
    ctx.issues.push({ code: 'custom', message: result, input: pem });
    return z.NEVER;
  }),
  faults: z.array(z.enum(FAULT_NAMES, { error: `is not a fault (${FAULT_NAMES.join(', ')})` })).optional(),
});

function providerOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? (value as { provider?: unknown }).provider : undefined;
}

type AnyClient =
  | z.output<typeof clientSchema>
  | z.output<typeof singpassClientSchema>
  | z.output<typeof corppassClientSchema>;

/**
 * Each client is read with its provider's schema, chosen by `provider` (absent = sgID), so its problems
 * are reported in that schema's own words and paths; then ids must be unique across providers.
 */
const clientsSchema = z.array(z.unknown()).transform((items, ctx): AnyClient[] => {
  const clients: AnyClient[] = [];
  const seen = new Set<unknown>();
  items.forEach((item, index) => {
    const provider = providerOf(item);
    const schema =
      provider === 'singpass'
        ? singpassClientSchema
        : provider === 'corppass'
          ? corppassClientSchema
          : clientSchema;
    const result = (schema as z.ZodType<AnyClient>).safeParse(item);
    if (result.success) clients.push(result.data);
    else
      for (const issue of result.error.issues)
        ctx.issues.push({
          code: 'custom',
          message: issue.message,
          path: [index, ...issue.path],
          input: item,
        });
    const id = (item as { id?: unknown } | null)?.id;
    if (seen.has(id))
      ctx.issues.push({
        code: 'custom',
        message: `duplicate client id ${String(id)}`,
        path: [index, 'id'],
        input: item,
      });
    seen.add(id);
  });
  return clients;
});

const personaSchema = z
  .object({
    nric: z.string().refine(isValidNric, { message: 'is not a valid NRIC/FIN (check letter)' }),
    summary: z.string().max(200).optional(),
    // Singpass only: a Singpass Foreign Account holder (docs/emulator.md, Singpass identities).
    foreignAccount: z
      .object({ identityNumber: z.string().min(1).max(30), identityCoi: z.string().regex(/^[A-Z]{2}$/) })
      .strict()
      .optional(),
    data: z.record(z.string(), z.union([z.string(), z.array(z.unknown())])),
  })
  .transform((input, ctx): Persona => {
    const data: Partial<Record<DataScope, string>> = {};
    for (const [scope, value] of Object.entries(input.data)) {
      if (!isDataScope(scope)) {
        ctx.issues.push({ code: 'custom', message: `unknown scope ${scope}`, path: ['data', scope], input });
        continue;
      }
      const wire = typeof value === 'string' ? value : JSON.stringify(value);
      const result = parseScopeValue(scope, wire);
      if (!result.ok) {
        ctx.issues.push({ code: 'custom', message: result.reason, path: ['data', scope], input });
        continue;
      }
      data[scope] = wire;
    }
    return Object.freeze({
      nric: input.nric,
      summary: input.summary ?? 'Configured persona',
      data: Object.freeze(data),
      ...(input.foreignAccount === undefined
        ? {}
        : { foreignAccount: Object.freeze({ ...input.foreignAccount }) }),
    });
  });

const duration = z.number().int().nonnegative();

const fapiOptionsSchema = z
  .object({
    requireAssertionTyp: z.boolean().optional(),
    requireDpopExp: z.boolean().optional(),
    issParameter: z.boolean().optional(),
    dpopKeyMismatchError: z.enum(['invalid_grant', 'invalid_dpop_proof']).optional(),
  })
  .strict();

function resolveFapiOptions(options: z.output<typeof fapiOptionsSchema> | undefined) {
  return Object.freeze({
    requireAssertionTyp: options?.requireAssertionTyp ?? false,
    requireDpopExp: options?.requireDpopExp ?? false,
    issParameter: options?.issParameter ?? true,
    dpopKeyMismatchError: options?.dpopKeyMismatchError ?? 'invalid_grant',
  });
}

const configSchema = z
  .object({
    publicUrl: z.string().refine(
      (value) => {
        if (!URL.canParse(value)) return false;
        const url = new URL(value);
        // The official SDK discards any path (SGID-PROTOCOL.md §2), so only an origin can work.
        return (url.protocol === 'http:' || url.protocol === 'https:') && url.pathname === '/' && !url.search;
      },
      { message: 'must be an http(s) origin without a path, e.g. http://127.0.0.1:5156' },
    ),
    // The duplicate check runs even when a client has other problems: all problems at once.
    clients: clientsSchema,
    personas: z.array(personaSchema).optional(),
    autoApprove: z.string().refine(isValidNric, { message: 'is not a valid NRIC/FIN' }).optional(),
    autoApproveEntity: z.string().min(1).max(20).optional(),
    dataDir: z.string().min(1).optional(),
    faultDelayMs: duration.optional(),
    codeTtlMs: duration.min(1).optional(),
    qrTtlMs: duration.min(1).optional(),
    accessTokenTtlMs: duration.min(1).optional(),
    idTokenTtlSeconds: duration.min(1).optional(),
    pollIntervalMs: duration.min(100).optional(),
    singpass: fapiOptionsSchema.optional(),
    corppass: fapiOptionsSchema.optional(),
  })
  // Unknown keys are typos (`autoAprove`) that would otherwise be ignored silently.
  .strict();

function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `  - ${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('\n');
}

function resolveClient(client: z.output<typeof clientSchema>): RegisteredClient {
  const scopes = new Set(client.scopes.filter((scope): scope is DataScope => isDataScope(scope)));
  return Object.freeze({
    id: client.id,
    name: client.name,
    redirectUris: Object.freeze([...client.redirectUris]),
    scopes,
    publicKey: client.publicKey,
    secretDigest: createHash('sha256').update(client.secret).digest(),
    faults: Object.freeze([...(client.faults ?? [])]),
  });
}

/**
 * Validate and resolve a configuration.
 * @throws EmulatorError `EMU_CONFIG_INVALID` listing every problem.
 */
export function parseEmulatorConfig(input: EmulatorConfig | unknown): ResolvedConfig {
  const result = configSchema.safeParse(input);
  if (!result.success) {
    throw new EmulatorError('EMU_CONFIG_INVALID', {
      description: `The emulator configuration is invalid:\n${formatIssues(result.error)}`,
      cause: result.error,
    });
  }
  const config = result.data;
  const publicUrl = new URL(config.publicUrl).origin;
  const sgidClients = new Map<string, RegisteredClient>();
  const singpassClients = new Map<string, SingpassRegisteredClient>();
  const corppassClients = new Map<string, CorppassRegisteredClient>();
  for (const client of config.clients) {
    if (client.provider === 'singpass') singpassClients.set(client.id, resolveSingpassClient(client));
    else if (client.provider === 'corppass') corppassClients.set(client.id, resolveCorppassClient(client));
    else sgidClients.set(client.id, resolveClient(client));
  }
  return Object.freeze({
    publicUrl,
    issuer: `${publicUrl}/v2`,
    clients: sgidClients,
    singpassClients,
    singpassIssuer: `${publicUrl}${SINGPASS_BASE_PATH}`,
    singpass: resolveFapiOptions(config.singpass),
    corppassClients,
    corppassIssuer: `${publicUrl}${CORPPASS_BASE_PATH}`,
    corppass: resolveFapiOptions(config.corppass),
    personas: Object.freeze(config.personas ?? []),
    autoApprove: config.autoApprove,
    autoApproveEntity: config.autoApproveEntity,
    dataDir: config.dataDir,
    faultDelayMs: config.faultDelayMs ?? 5000,
    codeTtlMs: config.codeTtlMs ?? 60_000,
    qrTtlMs: config.qrTtlMs ?? 300_000,
    accessTokenTtlMs: config.accessTokenTtlMs ?? 300_000,
    idTokenTtlSeconds: config.idTokenTtlSeconds ?? 300,
    pollIntervalMs: config.pollIntervalMs ?? 1000,
  });
}
