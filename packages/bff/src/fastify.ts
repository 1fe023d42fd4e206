/** @sgid-bff/bff/fastify — the BFF as a Fastify plugin for an existing Fastify app (docs/embedding.md). */
export { type FastifyBff, type SgidBffPluginOptions, sgidBff } from './mount/fastify-plugin';
export type { BffSession, RequireSessionOptions } from './mount/host-session';
