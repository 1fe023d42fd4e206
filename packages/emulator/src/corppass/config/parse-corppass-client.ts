/**
 * The zod schema of a Corppass client in the config (SINGPASS-CORPPASS-FAPI.md §3, §5, §8.1):
 * - scopes from `CORPPASS_SCOPES` only; `openid` always;
 * - exactly one of `jwks` (validated here, as Singpass's) and `jwksUri`;
 * - `contextTypes` ⊆ {`APP_AUTHENTICATION_DEFAULT`}, Login apps only [CP-ACX];
 * - no `acrValues` or `appLaunchUrls`: Corppass documents neither, so both are refused at PAR.
 */
import { CORPPASS_DEFAULT_AUTH_CONTEXT_TYPE, CORPPASS_SCOPES } from '@sgid-bff/protocol';
import { z } from 'zod';
import { FAULT_NAMES } from '../../faults';
import { httpUrl, jwksSchema } from '../../singpass/config/parse-singpass-client';
import type { CorppassRegisteredClient } from './corppass-client';

export const corppassClientSchema = z
  .object({
    provider: z.literal('corppass'),
    id: z.string().min(1).max(200),
    name: z.string().min(1).max(200),
    appType: z.enum(['login', 'myinfo_business']),
    redirectUris: z.array(httpUrl).min(1),
    scopes: z.array(
      z.enum(CORPPASS_SCOPES, { error: `is not a Corppass scope (${CORPPASS_SCOPES.join(', ')})` }),
    ),
    jwks: jwksSchema.optional(),
    jwksUri: httpUrl.optional(),
    contextTypes: z.array(z.literal(CORPPASS_DEFAULT_AUTH_CONTEXT_TYPE)).optional(),
    faults: z.array(z.enum(FAULT_NAMES, { error: `is not a fault (${FAULT_NAMES.join(', ')})` })).optional(),
  })
  .strict()
  .superRefine((client, ctx) => {
    if ((client.jwks === undefined) === (client.jwksUri === undefined))
      ctx.addIssue({ code: 'custom', message: 'give exactly one of jwks and jwksUri', path: ['jwks'] });
    if (client.appType === 'myinfo_business' && client.contextTypes !== undefined)
      ctx.addIssue({
        code: 'custom',
        message: 'context types are for Login apps only',
        path: ['contextTypes'],
      });
  });

export function resolveCorppassClient(
  client: z.output<typeof corppassClientSchema>,
): CorppassRegisteredClient {
  return Object.freeze({
    provider: 'corppass',
    id: client.id,
    name: client.name,
    appType: client.appType,
    redirectUris: Object.freeze([...client.redirectUris]),
    scopes: new Set<string>(['openid', ...client.scopes]),
    jwks: client.jwks === undefined ? undefined : Object.freeze({ keys: [...client.jwks.keys] }),
    jwksUri: client.jwksUri,
    acrValues: new Set<string>(),
    contextTypes: client.contextTypes === undefined ? undefined : new Set<string>(client.contextTypes),
    appLaunchUrls: Object.freeze([]),
    faults: Object.freeze([...(client.faults ?? [])]),
  });
}
