// The session read a team would hand-write around the official SDK (issue #16): Express 4 with
// express-session, its sessions in Redis through connect-redis (STORE=redis) or in express-session's
// default MemoryStore (STORE=memory). Configured the way its README recommends for a login session:
// `resave: false`, `saveUninitialized: false`, an HttpOnly SameSite=Lax signed cookie, a fixed idle
// `maxAge` (connect-redis then re-sets the key's TTL on every read: express-session's `touch`).
// - GET /auth/session: the user object kept in the session, as JSON (`res.json`), `{"authenticated":false}`
//   without one;
// - POST /bench/seed (loopback, benchmark only): keeps the posted JSON as the session's user and answers
//   its cookie, so the load reads a session holding the very JSON our BFF answers.
// Env: PORT, HOST (127.0.0.1), STORE (redis | memory), REDIS_URL, REDIS_PREFIX.
import { RedisStore } from 'connect-redis';
import express from 'express';
import session from 'express-session';
import { createClient } from 'redis';

const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? '127.0.0.1';
const storeKind = process.env.STORE ?? 'memory';

let store;
let redis;
if (storeKind === 'redis') {
  redis = createClient({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' });
  redis.on('error', (error) => console.error(`redis: ${error.message}`));
  await redis.connect();
  store = new RedisStore({ client: redis, prefix: process.env.REDIS_PREFIX ?? 'bench-express-session:' });
} else if (storeKind !== 'memory') {
  throw new Error(`STORE must be redis or memory, got ${storeKind}`);
}

const app = express();
app.disable('x-powered-by');
app.use(
  session({
    name: 'sid',
    secret: 'bench-only-secret-not-for-production-use',
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: false, maxAge: 30 * 60 * 1000 },
    ...(store ? { store } : {}),
  }),
);

app.get('/auth/session', (req, res) => {
  res.set('cache-control', 'no-store');
  if (req.session.user) res.json(req.session.user);
  else res.json({ authenticated: false });
});

app.post('/bench/seed', express.json({ limit: '64kb' }), (req, res) => {
  req.session.user = req.body;
  res.status(204).end();
});

const server = app.listen(port, host, () => {
  console.log(`express-session (${storeKind}) listening on ${JSON.stringify(server.address())}`);
});
server.keepAliveTimeout = 65_000;
const stop = () =>
  server.close(async () => {
    await redis?.quit().catch(() => {});
    process.exit(0);
  });
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
