import {
  createIdentityVerifier,
  type IdentityVerifier,
  type IdentityVerifierOptions,
} from './create-identity-verifier';
import { IdentityError } from './errors';
import type { Identity } from './identity';

/** A verifier passed in (one JWKS cache shared by several routes), or one made from options. */
export function resolveVerifier(source: IdentityVerifier | IdentityVerifierOptions): IdentityVerifier {
  return 'verify' in source && typeof source.verify === 'function'
    ? source
    : createIdentityVerifier(source as IdentityVerifierOptions);
}

/**
 * Verified identities by request object. A WeakMap rather than a property alone: nothing but the
 * middleware can put an identity there (a body parser or another middleware setting `req.identity` cannot
 * forge one), and the entry goes with the request.
 */
const identities = new WeakMap<object, Identity>();

export function rememberIdentity(request: object, identity: Identity): void {
  identities.set(request, identity);
}

/** The identity the middleware verified for this request; throws when it did not run on it. */
export function recallIdentity(request: object): Identity {
  const identity = identities.get(request);
  if (identity === undefined)
    throw new Error(
      '@sgid-bff/identity: no verified identity on this request: is requireIdentity() before this handler?',
    );
  return identity;
}

/** Turn anything the verifier rejected with into an IdentityError (it only rejects with those). */
export function asIdentityError(error: unknown): IdentityError {
  return error instanceof IdentityError
    ? error
    : new IdentityError('IDENTITY_TOKEN_MALFORMED', { cause: error });
}
