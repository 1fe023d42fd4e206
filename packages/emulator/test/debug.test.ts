/** `/debug` shows clients, personas and recent logins, and never a secret, code, token or request id. */

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulatorApp } from '../src/index';
import { authorizeCode, logIn, postToken } from './flow';
import { authorizePath, CLIENT_SECRET, createTestConfig, OTHER_CLIENT_SECRET } from './helpers';

let app: FastifyInstance;
beforeAll(async () => {
  app = await createEmulatorApp(createTestConfig(undefined, { autoApprove: 'S9812381D' }));
});
afterAll(() => app.close());

describe('/debug', () => {
  it('never shows secrets, codes, tokens or request ids', async () => {
    const authorized = await authorizeCode(app);
    const tokens = (await postToken(app, authorized)).json();
    const { access_token } = await logIn(app);
    const interactive = await createEmulatorApp(createTestConfig());
    const requestId = /\/app\/requests\/([A-Za-z0-9_-]+)"/.exec(
      (await interactive.inject({ url: authorizePath() })).body,
    )?.[1];

    for (const target of [app, interactive]) {
      for (const url of ['/debug', '/debug/state']) {
        const body = (await target.inject({ url })).body;
        expect(body.length).toBeGreaterThan(100);
        for (const secret of [
          CLIENT_SECRET,
          OTHER_CLIENT_SECRET,
          authorized.code,
          tokens.access_token,
          tokens.id_token,
          access_token,
          requestId ?? 'x',
        ]) {
          expect(body).not.toContain(secret);
        }
      }
    }
    await interactive.close();
  });
  it('lists clients, personas and recent logins', async () => {
    await authorizeCode(app);
    const state = (await app.inject({ url: '/debug/state' })).json();
    expect(state.clients.map((c: { id: string }) => c.id)).toEqual(['test-client', 'other-client']);
    expect(state.personas.length).toBeGreaterThanOrEqual(10);
    expect(state.recent[0]).toMatchObject({ clientId: 'test-client', nric: 'S9812381D', status: 'approved' });
    const page = await app.inject({ url: '/debug' });
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('Test Agency Portal');
    expect(page.body).toContain('LIM YONG XIANG');
  });
  it('answers unknown routes with a JSON 404', async () => {
    const response = await app.inject({ url: '/nope' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ code: 'EMU_NOT_FOUND', message: 'Not found.' });
  });
});
