// The box `npm start` and `npm run dev` print once everything answers: the one URL to open first, in a
// line of its own, then the rest. Both commands print a lot of log lines before it; this is what to read.

/**
 * @param {{ title: string, openUrl: string, lines?: string[] }} options
 * @returns {string}
 */
export function formatReadyBanner({ title, openUrl, lines = [] }) {
  return [
    '',
    '  ┌──────────────────────────────────────────────────────────────┐',
    `    ${title}`,
    '',
    `    Open  ${openUrl}`,
    '',
    ...lines.map((line) => `    ${line}`),
    '    Press Ctrl+C to stop.',
    '  └──────────────────────────────────────────────────────────────┘',
    '',
  ].join('\n');
}

/**
 * Wait until `url` answers HTTP (any status), or throw after `timeoutMs`.
 * @param {string} url
 * @param {number} [timeoutMs]
 */
export async function waitUntilAnswering(url, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`${url} did not answer within ${timeoutMs} ms`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
