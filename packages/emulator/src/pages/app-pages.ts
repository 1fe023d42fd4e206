/**
 * The simulated Singpass app (the page the QR code points at), phone-sized and usable without
 * JavaScript: choose who you are (a listed persona, or any valid NRIC/FIN), then see what the
 * application asks for in plain words and approve or decline. A Corppass user with several entities first
 * chooses whom they act for. Stable ids for browser tests: `#persona-<NRIC>`, `#custom-nric`,
 * `#entity-<entity id>`, `#acting-for`, `#approve`, `#decline`, `#continue`.
 */
import { displayName, type Persona } from '../personas/persona';
import { html, renderPage, type SafeHtml } from './html';
import { renderMasthead } from './masthead';

export interface AppPageContext {
  requestId: string;
  clientName: string;
  nonce: string;
}

function page(context: AppPageContext, title: string, body: SafeHtml): string {
  return renderPage({
    title: `${title} - simulated Singpass app`,
    nonce: context.nonce,
    layout: 'phone',
    body: html`${renderMasthead('Simulated Singpass app')}<main class="card" aria-labelledby="title">${body}</main>`,
  });
}

/**
 * Step 1: choose a persona. After a refused NRIC, `error` says why and `typed` is what was typed, kept in
 * the field so that one wrong letter does not mean typing all nine again.
 */
export function renderPersonaPicker(
  context: AppPageContext,
  personas: readonly Persona[],
  refused: { error: string; typed: string } | undefined = undefined,
): string {
  const error = refused?.error;
  const action = `/app/requests/${context.requestId}/persona`;
  const items = personas.map(
    (persona) =>
      html`<li><button class="persona" type="submit" name="nric" value="${persona.nric}" id="persona-${persona.nric}"><strong>${displayName(persona)}</strong><small>${persona.nric} &middot; ${persona.summary}</small></button></li>`,
  );
  return page(
    context,
    'Choose a persona',
    html`<h1 id="title">Log in to ${context.clientName}</h1>
<p class="muted">Choose who you are. These people are fictitious.</p>
<form method="post" action="${action}" aria-label="Personas"><ul class="personas">${items}</ul></form>
<h2>Or use another NRIC/FIN</h2>
<form method="post" action="${action}">
  <label for="custom-nric">NRIC or FIN</label>
  ${error === undefined ? undefined : html`<p class="error" id="nric-error" role="alert">${error}</p>`}
  <div class="field">
    <input id="custom-nric" name="nric" required autocomplete="off" spellcheck="false" maxlength="9" pattern="[STFGstfg][0-9]{7}[A-Za-z]" value="${refused?.typed}"${error === undefined ? undefined : html` aria-invalid="true" autofocus`} aria-describedby="custom-nric-hint${error === undefined ? '' : ' nric-error'}">
    <button class="button primary" type="submit" id="custom-nric-submit">Continue</button>
  </div>
  <p class="muted" id="custom-nric-hint">Any valid NRIC/FIN works; one that is not listed gets generated data.</p>
</form>`,
  );
}

/** Step 1b (Corppass): choose the entity to act for. */
export function renderEntityPicker(
  context: AppPageContext,
  persona: Persona,
  entities: readonly { id: string; name: string }[],
): string {
  const items = entities.map(
    (entity) =>
      html`<li><button class="persona" type="submit" name="entity" value="${entity.id}" id="entity-${entity.id}"><strong>${entity.name}</strong><small>${entity.id}</small></button></li>`,
  );
  return page(
    context,
    'Acting for',
    html`<h1 id="title">Who are you acting for?</h1>
<p class="muted">Logged in as <strong id="persona-name">${displayName(persona)}</strong> (${persona.nric}). Choose the entity to log in to ${context.clientName} for.</p>
<form method="post" action="/app/requests/${context.requestId}/entity" aria-label="Entities"><ul class="personas" id="entities">${items}</ul></form>`,
  );
}

/** Step 2: consent (Corppass: naming the entity the user acts for). */
export function renderConsent(
  context: AppPageContext,
  persona: Persona,
  consentItems: readonly string[],
  actingFor?: { id: string; name: string },
): string {
  const base = `/app/requests/${context.requestId}`;
  const items = consentItems.map((item) => html`<li>${item}</li>`);
  const list =
    consentItems.length === 0
      ? html`<p>No personal data: only an identifier unique to ${context.clientName}.</p>`
      : html`<p>${context.clientName} is requesting the following information:</p><ul class="consent" id="consent-items">${items}</ul>`;
  return page(
    context,
    'Consent',
    html`<h1 id="title">Share with ${context.clientName}?</h1>
<p class="muted">Logged in as <strong id="persona-name">${displayName(persona)}</strong> (${persona.nric})</p>
${actingFor === undefined ? undefined : html`<p id="acting-for">Acting for <strong>${actingFor.name}</strong> (${actingFor.id})</p>`}
${list}
<div class="actions">
  <form method="post" action="${base}/decline"><button class="button secondary" type="submit" id="decline">Decline</button></form>
  <form method="post" action="${base}/approve"><button class="button primary" type="submit" id="approve">Approve</button></form>
</div>`,
  );
}

/** Step 3: answered. The QR page continues by itself; `#continue` serves a single-tab journey. */
export function renderOutcome(context: AppPageContext, approved: boolean, redirect: string): string {
  return page(
    context,
    approved ? 'Approved' : 'Declined',
    html`<h1 id="title">${approved ? 'Approved' : 'Declined'}</h1>
<p id="outcome" role="status">${approved ? `You approved the login to ${context.clientName}.` : `You declined to share your data with ${context.clientName}.`} You can return to your computer.</p>
<p><a class="button primary" id="continue" href="${redirect}">Continue to ${context.clientName}</a></p>`,
  );
}

/** The request expired before it was answered. */
export function renderExpired(context: AppPageContext): string {
  return page(
    context,
    'Expired',
    html`<h1 id="title">This login request has expired</h1>
<p class="expired">The QR code was valid for a few minutes only. Go back to ${context.clientName} on your computer and start again.</p>`,
  );
}
