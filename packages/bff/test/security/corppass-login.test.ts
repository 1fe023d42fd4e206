/**
 * Corppass (FAPI 2.0) logins end to end, in-process: the BFF's Corppass room against the emulator's strict
 * Corppass provider on the simulated internet. The provider-blind properties run for Corppass in the
 * parameterised suites (transactions, sessions, redirects, CSRF: provider-fixtures.ts); here are the
 * Corppass-specific ones: who acts, for which entity, with which roles, and the role checks of `/api/*`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type LoopbackUpstream, startLoopbackUpstream } from '../proxy/loopback-upstream';
import {
  BFF_ORIGIN,
  createTestWorld,
  expectLoginFailedWith,
  readSession,
  type TestWorld,
  type TestWorldOptions,
} from '../support/test-bff';

let world: TestWorld;
let upstream: LoopbackUpstream;
let dataDir: string;
beforeAll(async () => {
  upstream = await startLoopbackUpstream();
  dataDir = mkdtempSync(path.join(tmpdir(), 'sgid-bff-corppass-'));
});
afterAll(async () => {
  await upstream.close();
  rmSync(dataDir, { recursive: true, force: true });
});
afterEach(() => world?.close());

/** The emulator's company, its user S9812381D and his roles (docs/emulator.md, Corppass personas). */
const HARBOURFRONT = { id: '201912345K', name: 'HARBOURFRONT LOGISTICS PTE. LTD.' };
const CONSULTANCY = { id: '53312345D', name: 'TAN HENG HUAT CONSULTANCY' };
const CUSTOMS = 'EMU-ESVC-CUSTOMS';
const GRANTS = 'EMU-ESVC-GRANTS';

async function corppassWorld(options: TestWorldOptions = {}) {
  world = await createTestWorld({
    ...options,
    corppass: true,
    env: {
      API_ROUTES: JSON.stringify([
        {
          prefix: '/api/customs',
          upstream: upstream.origin,
          requireRoles: [{ eService: CUSTOMS, role: 'Approver' }],
        },
        {
          prefix: '/api/grants',
          upstream: upstream.origin,
          requireRoles: [{ eService: GRANTS, role: 'Admin' }],
        },
        { prefix: '/api/open', upstream: upstream.origin },
      ]),
      DATA_DIR: dataDir,
      ...options.env,
    },
  });
  return world;
}

function loginWithCorppass() {
  const browser = world.browser();
  const nav = browser.navigate(`${BFF_ORIGIN}/auth/login?provider=corppass&returnTo=/business`, {
    from: `${BFF_ORIGIN}/`,
  });
  return { browser, nav };
}

describe('Corppass logins against the strict Corppass emulator', () => {
  it('the session names the entity, the person acting for it and their authorisations, typed', async () => {
    await corppassWorld();
    const { browser, nav } = loginWithCorppass();
    expect((await nav).url).toBe(`${BFF_ORIGIN}/business`);
    const session = await readSession(browser);
    expect(session).toMatchObject({
      authenticated: true,
      provider: 'corppass',
      sub: HARBOURFRONT.id,
      entity: { id: HARBOURFRONT.id, type: 'UEN', name: HARBOURFRONT.name, uenStatus: 'R' },
      actor: { identityNumber: 'S9812381D', name: 'TAN HENG HUAT' },
    });
    expect((session.actor as { sub: string }).sub).toMatch(/^[0-9a-f-]{36}$/);
    expect(session.authorisations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ eServiceId: CUSTOMS, role: 'Approver', endDate: null }),
        expect.objectContaining({
          eServiceId: CUSTOMS,
          role: 'Preparer',
          thirdParty: { clientEntityId: '201812345M', clientEntityType: 'UEN' },
        }),
      ]),
    );
  });

  it('a user acting for two entities logs in as the one chosen', async () => {
    await corppassWorld({ autoApproveEntity: CONSULTANCY.id });
    const { browser, nav } = loginWithCorppass();
    await nav;
    expect(await readSession(browser)).toMatchObject({
      sub: CONSULTANCY.id,
      entity: { id: CONSULTANCY.id, name: CONSULTANCY.name },
      authorisations: [expect.objectContaining({ eServiceId: CUSTOMS, role: 'Admin' })],
    });
  });

  it('blocks Corppass sends double-encoded as JSON strings are decoded once: the same session', async () => {
    await corppassWorld({ faults: ['double-encoded'] });
    const { browser, nav } = loginWithCorppass();
    await nav;
    expect(await readSession(browser)).toMatchObject({
      actor: { identityNumber: 'S9812381D' },
      authorisations: expect.arrayContaining([expect.objectContaining({ role: 'Approver' })]),
    });
  });

  it('an ID token without act fails the login with BFF_ID_TOKEN_INVALID and no half-filled session', async () => {
    await corppassWorld({ faults: ['missing-act'] });
    const { browser, nav } = loginWithCorppass();
    expectLoginFailedWith(await nav, 'BFF_ID_TOKEN_INVALID', '/business');
    expect((await readSession(browser)).authenticated).toBe(false);
  });

  it('a Corppass ID token from another issuer fails the login', async () => {
    await corppassWorld({ faults: ['wrong-iss'] });
    const { nav } = loginWithCorppass();
    expectLoginFailedWith(await nav, 'BFF_ID_TOKEN_INVALID', '/business');
  });
});

describe('role checks on /api/* (Corppass authorisations)', () => {
  const api = (browser: ReturnType<TestWorld['browser']>, url: string) =>
    browser.fetch(`${BFF_ORIGIN}${url}`, { headers: { 'x-csrf': '1' } });

  it('a route that requires a role admits a session with it, and the identity token carries entity, actor and roles', async () => {
    await corppassWorld();
    const { browser, nav } = loginWithCorppass();
    await nav;
    const before = upstream.seen.length;
    const response = await api(browser, '/api/customs/declarations');
    expect(response.status).toBe(200);
    const seen = upstream.seen.slice(before).find((r) => r.url.startsWith('/declarations'));
    const token = decodeJwt(String(seen?.headers.authorization).replace(/^Bearer /, ''));
    expect(token).toMatchObject({
      sub: `corppass:${HARBOURFRONT.id}`,
      entity: { id: HARBOURFRONT.id, name: HARBOURFRONT.name },
      act: { name: 'TAN HENG HUAT' },
      roles: [{ eService: CUSTOMS, role: 'Approver' }],
    });
  });

  it('a route that requires a role refuses a session without it: 403 BFF_ROLE_REQUIRED, nothing forwarded', async () => {
    await corppassWorld();
    const { browser, nav } = loginWithCorppass();
    await nav;
    const before = upstream.seen.length;
    const response = await api(browser, '/api/grants/applications');
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'BFF_ROLE_REQUIRED' });
    expect(upstream.seen.length).toBe(before);
    expect((await api(browser, '/api/open/anything')).status).toBe(200);
  });

  it('an ended authorisation is refused: its role no longer opens the route', async () => {
    await corppassWorld({ faults: ['authinfo-expired'] });
    const { browser, nav } = loginWithCorppass();
    await nav;
    const session = await readSession(browser);
    expect(session.authorisations).toEqual(
      expect.arrayContaining([expect.objectContaining({ eServiceId: CUSTOMS, role: 'Approver' })]),
    );
    const response = await api(browser, '/api/customs/declarations');
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'BFF_ROLE_REQUIRED' });
  });

  it('a session of another provider has no Corppass roles: refused on a role route', async () => {
    await corppassWorld();
    const browser = world.browser();
    await browser.navigate(`${BFF_ORIGIN}/auth/login?provider=sgid`, { from: `${BFF_ORIGIN}/` });
    expect((await readSession(browser)).provider).toBe('sgid');
    const response = await api(browser, '/api/customs/declarations');
    expect(response.status).toBe(403);
  });
});
