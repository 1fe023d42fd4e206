/**
 * `@sgid-bff/identity`: for APIs behind the sgID BFF's proxy. Verify the identity token the BFF sends in
 * `Authorization: Bearer` against its JWKS, and read who is calling as a typed `Identity`. Express and
 * Fastify middleware are in `@sgid-bff/identity/express` and `@sgid-bff/identity/fastify`.
 */
export {
  createIdentityVerifier,
  IDENTITY_ALGORITHMS,
  type IdentityAlgorithm,
  type IdentityVerifier,
  type IdentityVerifierOptions,
} from './create-identity-verifier';
export {
  describeFailure,
  IDENTITY_ERROR_CODES,
  IDENTITY_ERRORS,
  IdentityConfigError,
  IdentityError,
  type IdentityErrorCode,
  isIdentityError,
} from './errors';
export type { CorppassIdentity, CorppassRole, Identity, SgidIdentity, SingpassIdentity } from './identity';
