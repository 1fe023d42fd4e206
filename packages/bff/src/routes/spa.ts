/**
 * Serves the built SPA from `SPA_DIR`: static assets as files, `index.html` with a per-response CSP
 * nonce, and the SPA fallback — an unknown GET that accepts HTML, outside `/auth` and `/api`, gets
 * index.html so client-side routes survive a reload. Without a built SPA, `/` shows a small page that
 * explains and offers a login. Under `NODE_ENV=production` source maps (`*.map`) are not served even when
 * the directory holds them: they would hand anyone the SPA's original sources (the production build of
 * packages/spa emits none either).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { ProviderName } from '@sgid-bff/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type AppContext, createNonce } from '../app-context';
import { BffServerError } from '../errors';
import { FAVICON_SVG, renderPage } from '../http/html-page';
import { buildPageCsp, buildSpaCsp } from '../http/security-headers';
import { loadSpaIndex } from '../http/spa-index';

export async function registerSpa(
  app: FastifyInstance,
  ctx: AppContext,
  options: { serveSpa: boolean } = { serveSpa: true },
): Promise<void> {
  if (!options.serveSpa) {
    // Mounted in a host server (docs/embedding.md): the host serves its SPA; a BFF path nothing answers is ours.
    app.setNotFoundHandler(async (request) => {
      throw new BffServerError('BFF_NOT_FOUND', { detail: `${request.method} ${request.url.split('?')[0]}` });
    });
    return;
  }
  const spaDir = ctx.config.spaDir;
  // The providers' authorization origins: where a login started from a form may go.
  const providerOrigins = [
    ...new Set(ctx.providers.list().map((provider) => providerOriginOf(ctx, provider.name))),
  ];
  let index: ReturnType<typeof loadSpaIndex> | undefined;
  try {
    index = spaDir ? loadSpaIndex(spaDir) : undefined;
  } catch (error) {
    // E.g. the SPA is being rebuilt right now: serve the placeholder rather than refuse to start.
    app.log.warn({ err: error }, `SPA_DIR ${spaDir} has no readable index.html; serving a placeholder`);
  }

  const sendIndex = (reply: FastifyReply) => {
    const nonce = createNonce(ctx.random);
    if (!index) return sendPlaceholder(reply, nonce);
    return reply
      .header('content-security-policy', buildSpaCsp(nonce, providerOrigins))
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(index.render(nonce));
  };

  // The BFF's pages show `/favicon.svg`; without an SPA that has one, the BFF serves its own.
  if (!spaDir || !existsSync(path.join(spaDir, 'favicon.svg'))) {
    app.get('/favicon.svg', async (_request, reply) =>
      reply.header('cache-control', 'public, max-age=86400').type('image/svg+xml').send(FAVICON_SVG),
    );
  }

  app.get('/', async (_request, reply) => sendIndex(reply));
  app.get('/index.html', async (_request, reply) => sendIndex(reply));

  if (spaDir) {
    await app.register(fastifyStatic, {
      root: spaDir,
      index: false,
      wildcard: true,
      decorateReply: false,
      ...(ctx.config.nodeEnv === 'production' && { allowedPath: (file: string) => !/\.map$/i.test(file) }),
      setHeaders: (reply, file) => {
        // Vite fingerprints assets: they can be cached for good; anything else is revalidated.
        reply.header(
          'cache-control',
          file.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }

  app.setNotFoundHandler(async (request, reply) => {
    if (isSpaNavigation(request)) return sendIndex(reply);
    throw new BffServerError('BFF_NOT_FOUND', { detail: `${request.method} ${request.url.split('?')[0]}` });
  });
}

function isSpaNavigation(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = request.url.split('?')[0] ?? '';
  if (path === '/auth' || path.startsWith('/auth/') || path === '/api' || path.startsWith('/api/'))
    return false;
  return (request.headers.accept ?? '').includes('text/html');
}

function sendPlaceholder(reply: FastifyReply, nonce: string): FastifyReply {
  const html = renderPage(
    {
      title: 'sgid-bff is running',
      message: 'No single-page app is built yet (set SPA_DIR or run npm run build). You can still log in.',
      action: { href: '/auth/login?returnTo=/', label: 'Log in with Singpass' },
    },
    nonce,
  );
  return reply
    .header('content-security-policy', buildPageCsp(nonce))
    .header('cache-control', 'no-cache')
    .type('text/html; charset=utf-8')
    .send(html);
}

function providerOriginOf(ctx: AppContext, name: ProviderName): string {
  if (name === 'sgid') return ctx.config.sgid?.origin ?? '';
  return new URL(ctx.config.singpass?.issuer ?? ctx.config.publicOrigin).origin;
}
