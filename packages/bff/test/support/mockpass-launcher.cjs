// Starts MockPass's Express app on a free port bound to 127.0.0.1 (its stock entry listens on every
// interface) and prints the port for the test that spawned it. Configuration comes from the environment.
const { app } = require('@opengovsg/mockpass/app');

const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`MOCKPASS_LISTENING ${server.address().port}\n`);
});
