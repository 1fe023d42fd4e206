/**
 * `GET /auth/login?provider=&returnTo=` (a top-level navigation only, http/check-navigation.ts: 302 to the
 * provider) and `POST /auth/login {provider?, returnTo?}` (a fetch with the CSRF header: `{url}` for the SPA
 * to navigate to). Both pick an enabled provider (`DEFAULT_PROVIDER` without one; an unknown or disabled
 * one is `400 BFF_PROVIDER_UNKNOWN`), validate `returnTo`, are rate-limited per client network and create a
 * login transaction bound to this browser once the provider's `beginLogin` succeeded. A failed start is
 * the JSON error for the POST and the BFF's error page for the GET (http/send-error.ts), with no
 * transaction left behind.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { BffServerError } from '../errors';
import { checkCsrf } from '../http/check-csrf';
import { checkTopLevelNavigation } from '../http/check-navigation';
import { checkRateLimit } from '../http/check-rate-limit';
import { sanitiseReturnTo } from '../http/check-return-to';
import { startLogin } from '../login/login-transaction';
import { noteProvider } from '../observability/tracing';
import type { LoginProvider } from '../providers/provider';

const ProviderField = z.string().min(1).max(64).optional();
const LoginQuery = z.object({ provider: ProviderField, returnTo: z.string().optional() });
const LoginBody = z.object({ provider: ProviderField, returnTo: z.string().optional() }).optional();

/** The enabled provider a login asks for, or the default one. */
function selectProvider(ctx: AppContext, name: string | undefined): LoginProvider {
  const provider = name === undefined ? ctx.providers.default : ctx.providers.get(name);
  if (provider === undefined)
    throw new BffServerError('BFF_PROVIDER_UNKNOWN', { detail: `provider=${String(name).slice(0, 64)}` });
  noteProvider(provider.name);
  return provider;
}

export function registerLoginRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { config } = ctx;

  app.get('/auth/login', async (request, reply) => {
    const query = LoginQuery.safeParse(request.query);
    if (!query.success) throw new BffServerError('BFF_BAD_REQUEST', { detail: 'login query' });
    checkTopLevelNavigation(request);
    const provider = selectProvider(ctx, query.data.provider);
    await checkRateLimit(ctx, request, 'login');
    const returnTo = sanitiseReturnTo(query.data.returnTo, config.publicOrigin);
    const { url, cookie } = await startLogin(ctx, request, provider, returnTo);
    return reply.header('set-cookie', cookie).redirect(url, 302);
  });

  app.post('/auth/login', async (request, reply) => {
    checkCsrf(request, config.publicOrigin);
    const body = LoginBody.safeParse(request.body ?? undefined);
    if (!body.success) throw new BffServerError('BFF_BAD_REQUEST', { detail: 'login body' });
    const provider = selectProvider(ctx, body.data?.provider);
    await checkRateLimit(ctx, request, 'login');
    const returnTo = sanitiseReturnTo(body.data?.returnTo, config.publicOrigin);
    const { url, cookie } = await startLogin(ctx, request, provider, returnTo);
    return reply.header('set-cookie', cookie).send({ url });
  });
}
