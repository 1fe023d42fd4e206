/**
 * Client authentication shared by PAR and token (§4.5; §8.2 rows 2, 3): the envelope, then the client's
 * keys (inline, or fetched: `jwks-unreachable` and fetch failures are `server_error`), then the assertion.
 */
import type { Params } from '../../checks/read-param';
import { checkClientAssertion } from '../checks/check-client-assertion';
import { checkClientAuthentication } from '../checks/check-client-authentication';
import type { SingpassRegisteredClient } from '../config/singpass-client';
import type { SingpassContext } from '../singpass-context';

export async function authenticateClient(
  context: SingpassContext,
  params: Params,
): Promise<SingpassRegisteredClient> {
  const { config } = context.shared;
  const { client, assertion } = checkClientAuthentication(config.singpassClients, params);
  const clientKeys = await context.clientKeys.keysOf(client, context.hasFault(client, 'jwks-unreachable'));
  await checkClientAssertion({
    assertion,
    client,
    clientKeys,
    issuer: config.singpassIssuer,
    now: context.now(),
    replay: context.assertionReplay,
    requireTyp: config.singpass.requireAssertionTyp,
    forceStale: context.hasFault(client, 'assertion-stale'),
  });
  return client;
}
