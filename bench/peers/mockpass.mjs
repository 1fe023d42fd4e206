// MockPass 4.3.4 on a loopback port. Its stock entry point listens on every interface, so this launcher
// loads its Express app factory and listens on 127.0.0.1 only. Configuration is MockPass's own env:
// MOCKPASS_PORT, SERVICE_PROVIDER_PUB_KEY (path of the client's public key PEM), MOCKPASS_NRIC,
// SHOW_LOGIN_PAGE=false (authorize answers 302 with a code at once).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { app } = require('@opengovsg/mockpass/app');

const port = Number(process.env.MOCKPASS_PORT ?? 5156);
const host = process.env.MOCKPASS_HOST ?? '127.0.0.1';
const server = app.listen(port, host, () => {
  console.warn(`MockPass listening on http://${host}:${port}`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
