/**
 * `@sgid-bff/emulator`: a strict local sgID v2 provider. See docs/emulator.md and docs/contracts.md.
 */
export { createEmulatorApp, type EmulatorDeps } from './app';
export type { Clock } from './clock';
export type { AnyClientConfig, ClientConfig, EmulatorConfig, PersonaConfig } from './config/emulator-config';
export { parseEmulatorConfig } from './config/parse-config';
export type { CorppassClientConfig } from './corppass/config/corppass-client';
export { BUILT_IN_ENTITIES } from './corppass/personas/built-in-entities';
export type { CorppassEntityPersona } from './corppass/personas/corppass-entity';
export { EmulatorError, type EmulatorErrorCode, ERROR_CODES, type OAuthErrorName } from './errors';
export { FAULT_DESCRIPTIONS, FAULT_NAMES, type FaultName } from './faults';
export { BUILT_IN_PERSONAS } from './personas/built-in-personas';
export type { Persona } from './personas/persona';
export type { SingpassClientConfig, SingpassOptions } from './singpass/config/singpass-client';
