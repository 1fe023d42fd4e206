/**
 * `/debug`: what the emulator knows, for a developer. Clients without secrets, personas, faults and the
 * recent logins — never a request id, code, token or key.
 */
import { FAULT_DESCRIPTIONS, FAULT_NAMES } from '../faults';
import type { DebugSnapshot } from '../routes/debug-snapshot';
import { html, renderPage } from './html';
import { renderMasthead } from './masthead';

export function renderDebugPage(snapshot: DebugSnapshot, nonce: string): string {
  const clients = snapshot.clients.map(
    (client) =>
      html`<tr><td><code>${client.id}</code></td><td>${client.name}</td><td>${client.redirectUris.join('\n')}</td><td>${client.scopes.join(' ')}</td><td>${client.faults.join(', ') || '-'}</td></tr>`,
  );
  const singpassClients = snapshot.singpassClients.map(
    (client) =>
      html`<tr><td><code>${client.id}</code></td><td>${client.name} (${client.appType})</td><td>${client.redirectUris.join('\n')}</td><td>${client.scopes.join(' ')}</td><td>${client.faults.join(', ') || '-'}</td></tr>`,
  );
  const personas = snapshot.personas.map(
    (persona) =>
      html`<tr><td><code>${persona.nric}</code></td><td>${persona.name}</td><td>${persona.summary}</td><td>${persona.scopes.length}</td></tr>`,
  );
  const recent = snapshot.recent.map(
    (login) =>
      html`<tr><td>${new Date(login.createdAt).toISOString()}</td><td><code>${login.clientId}</code></td><td>${login.scopes.join(' ') || 'openid'}</td><td>${login.nric ?? '-'}</td><td>${login.status}</td></tr>`,
  );
  const faults = FAULT_NAMES.map(
    (name) => html`<tr><td><code>${name}</code></td><td>${FAULT_DESCRIPTIONS[name]}</td></tr>`,
  );
  const body = html`${renderMasthead('Emulator debug')}
<main class="card wide" aria-labelledby="title">
  <h1 id="title">sgID emulator</h1>
  <p>Issuer <code>${snapshot.issuer}</code>. Discovery: <a href="/v2/.well-known/openid-configuration">openid-configuration</a>, <a href="/v2/.well-known/jwks.json">JWKS</a>. JSON: <a href="/debug/state">/debug/state</a>.</p>
  <h2>Clients</h2>
  <table><thead><tr><th scope="col">id</th><th scope="col">name</th><th scope="col">redirect URIs</th><th scope="col">scopes</th><th scope="col">faults</th></tr></thead><tbody>${clients}</tbody></table>
  <h2>Singpass FAPI 2.0 clients</h2>
  <p>Issuer <code>${snapshot.singpassIssuer}</code>. Discovery: <a href="/singpass/v3/fapi/.well-known/openid-configuration">openid-configuration</a>, <a href="/singpass/v3/fapi/.well-known/keys">JWKS</a>.</p>
  <table><thead><tr><th scope="col">id</th><th scope="col">name (app type)</th><th scope="col">redirect URIs</th><th scope="col">scopes</th><th scope="col">faults</th></tr></thead><tbody>${singpassClients}</tbody></table>
  <h2>Recent logins</h2>
  <table><thead><tr><th scope="col">time</th><th scope="col">client</th><th scope="col">scopes</th><th scope="col">persona</th><th scope="col">status</th></tr></thead><tbody>${recent}</tbody></table>
  <h2>Personas</h2>
  <table><thead><tr><th scope="col">NRIC/FIN</th><th scope="col">name</th><th scope="col">summary</th><th scope="col">data items</th></tr></thead><tbody>${personas}</tbody></table>
  <h2>Faults</h2>
  <p>Set with <code>curl -X PUT -H 'content-type: application/json' -d '{"faults":["slow-token"]}' ${snapshot.publicUrl}/debug/clients/&lt;id&gt;/faults</code></p>
  <table><thead><tr><th scope="col">name</th><th scope="col">effect</th></tr></thead><tbody>${faults}</tbody></table>
</main>`;
  return renderPage({ title: 'Debug - sgID emulator', nonce, body });
}
