/** The data behind `/debug` and `/debug/state`. Never secrets, request ids, codes or tokens. */
import { DATA_SCOPES } from '@sgid-bff/protocol';
import type { EmulatorContext } from '../context';
import { displayName } from '../personas/persona';
import type { LoginSummary } from '../state/login-requests';

export interface DebugSnapshot {
  publicUrl: string;
  issuer: string;
  clients: Array<{ id: string; name: string; redirectUris: string[]; scopes: string[]; faults: string[] }>;
  /** The Singpass FAPI 2.0 issuer and clients (same shape, plus the app type). */
  singpassIssuer: string;
  singpassClients: Array<{
    id: string;
    name: string;
    appType: string;
    redirectUris: string[];
    scopes: string[];
    faults: string[];
  }>;
  personas: Array<{ nric: string; name: string; summary: string; scopes: string[] }>;
  recent: LoginSummary[];
}

export function takeDebugSnapshot(context: EmulatorContext): DebugSnapshot {
  const { config } = context;
  return {
    publicUrl: config.publicUrl,
    issuer: config.issuer,
    clients: [...config.clients.values()].map((client) => ({
      id: client.id,
      name: client.name,
      redirectUris: [...client.redirectUris],
      scopes: ['openid', ...client.scopes],
      faults: [...context.faults.list(client.id)],
    })),
    singpassIssuer: config.singpassIssuer,
    singpassClients: [...config.singpassClients.values()].map((client) => ({
      id: client.id,
      name: client.name,
      appType: client.appType,
      redirectUris: [...client.redirectUris],
      scopes: [...client.scopes],
      faults: [...context.faults.list(client.id)],
    })),
    personas: context.personas.listed.map((persona) => ({
      nric: persona.nric,
      name: displayName(persona),
      summary: persona.summary,
      scopes: DATA_SCOPES.filter(
        (scope) => scope === 'myinfo.nric_number' || persona.data[scope] !== undefined,
      ),
    })),
    recent: context.logins.recent(),
  };
}
