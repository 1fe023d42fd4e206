/** Everything a route needs, created once per app by `createEmulatorApp`. */
import type { JWK } from 'jose';
import type { Clock } from './clock';
import type { ResolvedConfig } from './config/emulator-config';
import type { EmulatorSecrets } from './crypto/signing-key';
import type { FaultState } from './faults';
import type { PersonaDirectory } from './personas/persona-directory';
import type { GrantStore } from './state/grants';
import type { LoginRequestStore } from './state/login-requests';

export interface EmulatorContext {
  readonly config: ResolvedConfig;
  readonly clock: Clock;
  readonly secrets: EmulatorSecrets;
  readonly personas: PersonaDirectory;
  readonly faults: FaultState;
  readonly logins: LoginRequestStore;
  readonly grants: GrantStore;
  /** The JWKS document, built once. */
  readonly jwks: { readonly keys: readonly JWK[] };
}
