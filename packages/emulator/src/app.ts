/**
 * `createEmulatorApp(config, deps)`: the whole emulator as a Fastify instance, not listening
 * (docs/contracts.md). Keys are loaded or generated and client keys imported here, once, so that no
 * request pays for them.
 */
import formbody from '@fastify/formbody';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyServerOptions,
  LogController,
} from 'fastify';
import { answerClientError } from './client-error';
import { type Clock, systemClock } from './clock';
import type { EmulatorConfig } from './config/emulator-config';
import { parseEmulatorConfig } from './config/parse-config';
import type { EmulatorContext } from './context';
import { createCorppassProfile } from './corppass/corppass-profile';
import { BUILT_IN_ENTITIES } from './corppass/personas/built-in-entities';
import { createEntityDirectory } from './corppass/personas/entity-directory';
import { createEphemeralSecrets, loadOrCreateSecrets } from './crypto/signing-key';
import { toEmulatorError } from './errors';
import { createFaultState } from './faults';
import { createPersonaDirectory } from './personas/persona-directory';
import { registerAuthorizeRoute } from './routes/authorize';
import { registerDebugRoutes } from './routes/debug';
import { registerSingpassAppRoutes } from './routes/singpass-app';
import { registerTokenRoute } from './routes/token';
import { registerUserinfoRoute } from './routes/userinfo';
import { registerWellKnownRoutes } from './routes/well-known';
import { registerFapiRoutes } from './singpass/routes/register-singpass-routes';
import { createFapiContext } from './singpass/singpass-context';
import { createSingpassProfile } from './singpass/singpass-profile';
import { createGrantStore } from './state/grants';
import { createLoginRequestStore } from './state/login-requests';

export interface EmulatorDeps {
  /** Milliseconds since the epoch; every expiry (QR, code, token, ID token) reads it. */
  clock?: Clock;
  /** The fetch used for Singpass clients' `jwksUri` (default: the global fetch). */
  fetch?: typeof fetch;
  /** Fastify logger option. Off by default: no logging on the hot path. */
  logger?: FastifyServerOptions['logger'];
}

/**
 * Create the emulator. Validates `config` (all problems at once) and prepares keys.
 * @throws EmulatorError `EMU_CONFIG_INVALID`
 */
export async function createEmulatorApp(
  config: EmulatorConfig,
  deps: EmulatorDeps = {},
): Promise<FastifyInstance> {
  const resolved = parseEmulatorConfig(config);
  const clock = deps.clock ?? systemClock;
  const secrets =
    resolved.dataDir === undefined
      ? await createEphemeralSecrets()
      : await loadOrCreateSecrets(resolved.dataDir);
  const context: EmulatorContext = {
    config: resolved,
    clock,
    secrets,
    personas: createPersonaDirectory(resolved.personas),
    faults: createFaultState(
      new Map(
        [
          ...resolved.clients.values(),
          ...resolved.singpassClients.values(),
          ...resolved.corppassClients.values(),
        ].map((client) => [client.id, client.faults]),
      ),
    ),
    logins: createLoginRequestStore(clock),
    grants: createGrantStore(clock),
    jwks: Object.freeze({ keys: Object.freeze([secrets.signingKey.publicJwk]) }),
  };

  const app = Fastify({
    logger: deps.logger ?? false,
    // Request logs would carry login request ids (capabilities) and cost time on the hot path.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 64 * 1024,
    trustProxy: false,
    clientErrorHandler: answerClientError,
    // A URL the router cannot decode (`%zz`) or a bad content-type header: a catalogue code, not fastify's.
    frameworkErrors: (error, _request, reply) => {
      const failure = toEmulatorError(error);
      (reply as FastifyReply)
        .status(failure.status)
        .send({ code: failure.code, message: failure.description });
    },
  });
  await app.register(formbody);

  app.setErrorHandler((error, _request, reply) => {
    const failure = toEmulatorError(error);
    if (failure.code === 'EMU_INTERNAL') reply.log.error({ err: error }, 'unexpected error');
    return reply.status(failure.status).send({ code: failure.code, message: failure.description });
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.status(404).send({ code: 'EMU_NOT_FOUND', message: 'Not found.' }),
  );

  registerWellKnownRoutes(app, context);
  registerAuthorizeRoute(app, context);
  registerTokenRoute(app, context);
  registerUserinfoRoute(app, context);
  registerSingpassAppRoutes(app, context);
  registerDebugRoutes(app, context);
  const fetchFn = deps.fetch ?? fetch;
  registerFapiRoutes(app, await createFapiContext(context, fetchFn, createSingpassProfile(resolved)));
  const entities = createEntityDirectory(BUILT_IN_ENTITIES);
  registerFapiRoutes(
    app,
    await createFapiContext(context, fetchFn, createCorppassProfile(resolved, entities)),
  );
  return app;
}
