// The pairing sgID users have today: a backend written from the documented behaviour of the official sgID
// Express example (the SDK's framework guide for an Express server behind a single-page app), with
// `@opengovsg/sgid-client`. Written for this benchmark from that behaviour, not copied. Like the example:
// - an in-memory session object keyed by a random UUID in a plain HttpOnly cookie (no expiry, no cap, no
//   SameSite/Secure, the same id before and after login, no CSRF header check);
// - GET /api/auth-url: a fresh PKCE pair, state and nonce kept in the session, answers { url } as JSON;
// - GET /api/callback: compares state with the session's, `callback()` then `userinfo()`, keeps the user in
//   the session and redirects to the SPA's logged-in page;
// - GET /api/userinfo: answers what the session holds, 401 without a user;
// - GET /api/logout: clears the cookie.
// One deliberate difference: the example lets a failed token exchange reject unhandled (which ends the
// process on Node 20); this peer answers 500 instead so that a benchmark run survives it.
//
// Env: PORT, HOST (127.0.0.1), PUBLIC_URL (this server's origin), SGID_HOSTNAME (the provider's origin),
// SGID_CLIENT_ID, SGID_CLIENT_SECRET, SGID_PRIVATE_KEY (PEM file path), SGID_SCOPES (space-separated).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// Express and cookie-parser come with MockPass (the official example uses the same two packages).
const fromMockpass = createRequire(require.resolve('@opengovsg/mockpass/package.json'));
const express = fromMockpass('express');
const cookieParser = fromMockpass('cookie-parser');
const sgidPackage = require('@opengovsg/sgid-client');
const SgidClient = sgidPackage.SgidClient ?? sgidPackage.default;
const { generatePkcePair } = sgidPackage;

const port = Number(process.env.PORT ?? 5001);
const host = process.env.HOST ?? '127.0.0.1';
const publicUrl = process.env.PUBLIC_URL ?? `http://localhost:${port}`;
const scopes = (process.env.SGID_SCOPES ?? 'openid myinfo.name').split(' ');

const sgid = new SgidClient({
  clientId: String(process.env.SGID_CLIENT_ID),
  clientSecret: String(process.env.SGID_CLIENT_SECRET),
  privateKey: readFileSync(String(process.env.SGID_PRIVATE_KEY), 'utf8'),
  redirectUri: `${publicUrl}/api/callback`,
  hostname: process.env.SGID_HOSTNAME,
});

const SESSION_COOKIE = 'exampleAppSession';
const COOKIE_OPTIONS = { httpOnly: true };
/** Every session ever created, in memory, for the life of the process. */
const sessions = {};

const app = express();
app.use(cookieParser());
const api = express.Router();

api.get('/auth-url', (_req, res) => {
  const sessionId = randomUUID();
  const state = randomUUID();
  const { codeChallenge, codeVerifier } = generatePkcePair();
  const { url, nonce } = sgid.authorizationUrl({ state, codeChallenge, scope: scopes });
  sessions[sessionId] = { state, nonce, codeVerifier };
  res.cookie(SESSION_COOKIE, sessionId, COOKIE_OPTIONS).json({ url });
});

api.get('/callback', async (req, res) => {
  const code = String(req.query.code);
  const state = String(req.query.state);
  const sessionId = String(req.cookies[SESSION_COOKIE]);
  const session = sessions[sessionId];
  if (session?.state !== state) {
    res.redirect('/error');
    return;
  }
  try {
    const { accessToken, sub } = await sgid.callback({
      code,
      nonce: session.nonce,
      codeVerifier: session.codeVerifier,
    });
    const userinfo = await sgid.userinfo({ sub, accessToken });
    session.userInfo = userinfo;
    sessions[sessionId] = session;
    res.redirect('/logged-in');
  } catch (error) {
    console.error(error);
    res.status(500).json({ message: String(error?.message ?? error) });
  }
});

api.get('/userinfo', (req, res) => {
  const session = sessions[String(req.cookies[SESSION_COOKIE])];
  if (!session?.userInfo) {
    res.sendStatus(401);
    return;
  }
  res.json(session.userInfo);
});

api.get('/logout', (_req, res) => {
  res.clearCookie(SESSION_COOKIE, COOKIE_OPTIONS).sendStatus(200);
});

app.use('/api', api);

const server = app.listen(port, host, () => {
  console.log(`official-example peer listening on http://${host}:${port}`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
