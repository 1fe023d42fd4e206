/**
 * HTML rendering helpers: escaping, the page shell and the security headers every page gets. Styles and
 * scripts are inline but carry a per-response CSP nonce, so the policy needs no 'unsafe-inline'.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { PAGE_STYLES } from './styles';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escape text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

/** A tagged template that escapes every interpolated value unless it is already `SafeHtml`. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type HtmlValue = string | number | SafeHtml | readonly SafeHtml[] | undefined;

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    if (value instanceof SafeHtml) out += value.value;
    else if (Array.isArray(value)) out += value.map((item: SafeHtml) => item.value).join('');
    else if (value !== undefined) out += escapeHtml(String(value));
    out += strings[index + 1] ?? '';
  });
  return new SafeHtml(out);
}

export interface PageOptions {
  title: string;
  nonce: string;
  body: SafeHtml;
  /** Inline script run with the page's nonce. */
  script?: string;
  /** `phone` renders the simulated Singpass app at phone width. */
  layout?: 'desktop' | 'phone';
}

/** A fresh CSP nonce (128 bits). */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

export function renderPage(options: PageOptions): string {
  const script =
    options.script === undefined ? '' : `<script nonce="${options.nonce}">${options.script}</script>`;
  return `<!doctype html>
<html lang="en-SG">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(options.title)}</title>
<style nonce="${options.nonce}">${PAGE_STYLES}</style>
</head>
<body class="${options.layout ?? 'desktop'}">
<div class="emulator-banner" role="note"><strong>sgID emulator</strong> &mdash; for development and testing only. This is not sgID or Singpass; never use real personal data.</div>
${options.body.value}
${script}
</body>
</html>`;
}

/** Send a page with its security headers: CSP with the nonce, no framing, no caching, no referrer. */
export function sendPage(reply: FastifyReply, status: number, page: string, nonce: string): FastifyReply {
  return reply
    .status(status)
    .header(
      'content-security-policy',
      [
        "default-src 'none'",
        `script-src 'nonce-${nonce}'`,
        `style-src 'nonce-${nonce}'`,
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
      ].join('; '),
    )
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY')
    .header('referrer-policy', 'no-referrer')
    .header('cross-origin-opener-policy', 'same-origin')
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(page);
}
