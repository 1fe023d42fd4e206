/**
 * The zod schema of a Singpass client in the config (SINGPASS-CORPPASS-FAPI.md §3, §8.1):
 * - `appType` `login` may register only Login scopes (§5), `myinfo` only Myinfo v5 scopes; `openid` always;
 * - redirect URIs absolute http(s), no fragment (staging accepts http://localhost, §3);
 * - exactly one of `jwks` (validated here) and `jwksUri` (validated when fetched);
 * - `acrValues` ⊆ loa:2, loa:3 (§4.1).
 */
import { MYINFO_SCOPES, SINGPASS_ACR, SINGPASS_LOGIN_SCOPES } from '@sgid-bff/protocol';
import { z } from 'zod';
import { FAULT_NAMES } from '../../faults';
import type { ClientJwks, SingpassRegisteredClient } from './singpass-client';
import { validateClientJwks } from './validate-client-jwks';

export const httpUrl = z.string().refine(
  (value) => {
    if (!URL.canParse(value)) return false;
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hash === '' && !value.includes('#');
  },
  { message: 'must be an absolute http(s) URL without a fragment' },
);

export const jwksSchema = z.unknown().transform((value, ctx): ClientJwks => {
  for (const problem of validateClientJwks(value))
    ctx.issues.push({ code: 'custom', message: problem, input: value });
  return value as ClientJwks;
});

export const singpassClientSchema = z
  .object({
    provider: z.literal('singpass'),
    id: z.string().min(1).max(200),
    name: z.string().min(1).max(200),
    appType: z.enum(['login', 'myinfo']),
    redirectUris: z.array(httpUrl).min(1),
    scopes: z.array(z.string()),
    jwks: jwksSchema.optional(),
    jwksUri: httpUrl.optional(),
    acrValues: z.array(z.enum([SINGPASS_ACR.loa2, SINGPASS_ACR.loa3])).optional(),
    contextTypes: z.array(z.string().min(1)).optional(),
    appLaunchUrls: z.array(httpUrl).optional(),
    faults: z.array(z.enum(FAULT_NAMES, { error: `is not a fault (${FAULT_NAMES.join(', ')})` })).optional(),
  })
  .strict()
  .superRefine((client, ctx) => {
    if ((client.jwks === undefined) === (client.jwksUri === undefined))
      ctx.addIssue({ code: 'custom', message: 'give exactly one of jwks and jwksUri', path: ['jwks'] });
    const allowed: readonly string[] =
      client.appType === 'login' ? SINGPASS_LOGIN_SCOPES : ['openid', ...MYINFO_SCOPES];
    client.scopes.forEach((scope, index) => {
      if (!allowed.includes(scope))
        ctx.addIssue({
          code: 'custom',
          message: `${scope} is not a scope a Singpass ${client.appType} app may register`,
          path: ['scopes', index],
        });
    });
    if (client.appType === 'myinfo' && client.contextTypes !== undefined)
      ctx.addIssue({
        code: 'custom',
        message: 'context types are for Login apps only',
        path: ['contextTypes'],
      });
  });

export function resolveSingpassClient(
  client: z.output<typeof singpassClientSchema>,
): SingpassRegisteredClient {
  return Object.freeze({
    provider: 'singpass',
    id: client.id,
    name: client.name,
    appType: client.appType,
    redirectUris: Object.freeze([...client.redirectUris]),
    scopes: new Set(['openid', ...client.scopes]),
    jwks: client.jwks === undefined ? undefined : Object.freeze({ keys: [...client.jwks.keys] }),
    jwksUri: client.jwksUri,
    acrValues: new Set(client.acrValues ?? []),
    contextTypes: client.contextTypes === undefined ? undefined : new Set(client.contextTypes),
    appLaunchUrls: Object.freeze([...(client.appLaunchUrls ?? [])]),
    faults: Object.freeze([...(client.faults ?? [])]),
  });
}
