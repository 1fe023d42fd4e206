import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { logInThroughQr, PERSONA } from './support/login';
import { useWorld } from './support/world';

// Issue #10: a cross-site page full of `<img src=https://bff/auth/login>` must not spend the login rate
// limit of its visitors. Chromium sends `Sec-Fetch-Dest: image` for them; the BFF refuses those without
// counting them, so the visitor's own login right after still works.
const LIMIT = 5;

describe('cross-site login lockout in a real browser', () => {
  const world = useWorld({ bffEnv: { RATE_LIMIT_LOGIN: `${LIMIT}/1m` } });

  it('a cross-site page with many login images does not lock its visitor out of logging in', async () => {
    const context = await world.browser.newContext();
    const page = await context.newPage();
    const images = Array.from(
      { length: LIMIT * 4 },
      (_, i) => `<img src="${world.stack.bffUrl}/auth/login?returnTo=/p${i}" alt="">`,
    ).join('');
    // Another site on loopback (127.0.0.1 is a different site from localhost), so that Chromium's
    // Private Network Access rules let its images reach the BFF as a public site's would.
    const attacker = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(`<!doctype html><body>${images}</body>`);
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    const attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`;
    expect(new URL(world.stack.bffUrl).hostname).not.toBe('127.0.0.1');
    // Chromium's ORB hides the JSON refusals from an image, so the BFF's own counter tells what it answered.
    let sent = 0;
    page.on('request', (request) => {
      if (request.url().includes('/auth/login')) sent++;
    });
    await page.goto(attackerUrl, { waitUntil: 'load' });
    attacker.close();
    expect(sent).toBe(LIMIT * 4);
    await page.goto(world.stack.bffUrl);
    await logInThroughQr(page, context);
    await expect(page.locator('#user-name').textContent()).resolves.toContain(PERSONA.name);
    const metrics = await (await fetch(`${world.stack.bffUrl}/metrics`)).text();
    const refused =
      /sgid_bff_http_requests_total\{[^}]*route="\/auth\/login"[^}]*status="403"[^}]*\} (\d+)/.exec(metrics);
    expect(Number(refused?.[1])).toBe(LIMIT * 4);
    expect(metrics).toMatch(/sgid_bff_logins_started_total 1/);

    await context.close();
  });
});
