/**
 * The BFF's configuration, a room features depend on and that depends on none of them
 * (test/architecture.test.ts keeps it so): the variables with their defaults and schemas, the rules
 * between them, the loader, and the types config and features share.
 * `docs/configuration.md` lists the same variables, defaults and problem codes (a test keeps them in step).
 */
export type { ApiRoute, ProxyMethod } from './api-routes';
export type { BffConfig, CorppassConfig, ServerLimits, SgidConfig, SingpassConfig } from './bff-config';
export {
  CONFIG_PROBLEM_CODES,
  ConfigError,
  type ConfigProblem,
  type ConfigProblemCode,
} from './config-error';
export { loadConfig } from './load-config';
export { type BffConfigInput, loadConfigObject } from './load-config-object';
export { type SigningAlg, signingAlgOf, splitPemBlocks } from './pem-keys';
export type { RateRule } from './rate-rule';
export { SINGPASS_DEFAULT_LOGIN_SCOPES } from './rules';
export { readSingpassKeys, toPublicJwks } from './singpass-keys';
export type { TrustProxy } from './trust-proxy';
export { ENV_DEFAULTS, type EnvVariable, listEnvVariables } from './variables';
