/**
 * `node packages/bff/dist/demo-api/main.js --port 4001 --bff http://localhost:3000 [--prefix /api/demo]`:
 * the demo upstream as its own process, for `npm start`. The BFF's `API_ROUTES` must point
 * `/api/demo` at it with the claims it greets by (`myinfo.name`).
 */
import { parseArgs } from 'node:util';
import { createDemoApi } from './create-demo-api';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4001' },
    host: { type: 'string', default: '127.0.0.1' },
    bff: { type: 'string', default: 'http://localhost:3000' },
    'jwks-url': { type: 'string' },
    prefix: { type: 'string', default: '/api/demo' },
    audience: { type: 'string' },
  },
});
const bff = new URL(values.bff).origin;
const server = createDemoApi({
  jwksUrl: values['jwks-url'] ?? `${bff}/.well-known/jwks.json`,
  issuer: bff,
  audience: values.audience ?? `${bff}${values.prefix}`,
});
server.listen(Number(values.port), values.host, () => {
  process.stdout.write(`demo API ready at http://${values.host}:${values.port} (trusts ${bff})\n`);
});
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.on(signal, () => server.close(() => process.exit(0)));
