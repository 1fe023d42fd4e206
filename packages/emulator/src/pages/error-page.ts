/**
 * The page for errors that must not be redirected (unknown client, unregistered redirect_uri) and for
 * app-page failures. sgID's docs say its page shows "an error code and error message"; so does this one.
 */
import type { EmulatorError } from '../errors';
import { html, renderPage, type SafeHtml } from './html';
import { renderMasthead } from './masthead';

export function renderErrorPage(error: EmulatorError, nonce: string, extra?: SafeHtml): string {
  const body = html`${renderMasthead('Login error')}
<main class="card" aria-labelledby="title">
  <h1 id="title">Something went wrong</h1>
  <p id="error-message">${error.description}</p>
  <p class="muted">Error code: <code id="error-code">${error.code}</code></p>
  ${extra}
  <p class="muted">If you came here from an application, go back to it and start the login again.</p>
</main>`;
  return renderPage({ title: 'Error - sgID emulator', nonce, body });
}
