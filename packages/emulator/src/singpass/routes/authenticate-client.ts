/**
 * Client authentication shared by PAR and token (§4.5; §8.2 rows 2, 3): the envelope, then the client's
 * keys (inline, or fetched: `jwks-unreachable` and fetch failures are `server_error`), then the assertion.
 */
import type { Params } from '../../checks/read-param';
import { checkClientAssertion } from '../checks/check-client-assertion';
import { checkClientAuthentication } from '../checks/check-client-authentication';
import type { FapiRegisteredClient } from '../fapi-profile';
import type { FapiContext } from '../singpass-context';

export async function authenticateClient<C extends FapiRegisteredClient>(
  context: FapiContext<C>,
  params: Params,
): Promise<C> {
  const { profile } = context;
  const { client, assertion } = checkClientAuthentication(profile.clients, params);
  const clientKeys = await context.clientKeys.keysOf(client, context.hasFault(client, 'jwks-unreachable'));
  await checkClientAssertion({
    assertion,
    client,
    clientKeys,
    issuer: profile.issuer,
    now: context.now(),
    replay: context.assertionReplay,
    requireTyp: profile.options.requireAssertionTyp,
    forceStale: context.hasFault(client, 'assertion-stale'),
  });
  return client;
}
