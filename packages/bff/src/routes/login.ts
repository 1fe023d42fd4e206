/**
 * `GET /auth/login?returnTo=` (a top-level navigation only, http/check-navigation.ts: 302 to sgID) and
 * `POST /auth/login` (a fetch with the CSRF header: `{url}` for the SPA to navigate to). Both validate
 * `returnTo`, are rate-limited per client network and create a login transaction bound to this browser.
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

const LoginQuery = z.object({ returnTo: z.string().optional() });
const LoginBody = z.object({ returnTo: z.string().optional() }).optional();

export function registerLoginRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { config } = ctx;

  app.get('/auth/login', async (request, reply) => {
    const query = LoginQuery.safeParse(request.query);
    if (!query.success) throw new BffServerError('BFF_BAD_REQUEST', { detail: 'login query' });
    checkTopLevelNavigation(request);
    await checkRateLimit(ctx, request, 'login');
    const returnTo = sanitiseReturnTo(query.data.returnTo, config.publicOrigin);
    const { url, cookie } = await startLogin(ctx, request, returnTo);
    return reply.header('set-cookie', cookie).redirect(url, 302);
  });

  app.post('/auth/login', async (request, reply) => {
    checkCsrf(request, config.publicOrigin);
    const body = LoginBody.safeParse(request.body ?? undefined);
    if (!body.success) throw new BffServerError('BFF_BAD_REQUEST', { detail: 'login body' });
    await checkRateLimit(ctx, request, 'login');
    const returnTo = sanitiseReturnTo(body.data?.returnTo, config.publicOrigin);
    const { url, cookie } = await startLogin(ctx, request, returnTo);
    return reply.header('set-cookie', cookie).send({ url });
  });
}
