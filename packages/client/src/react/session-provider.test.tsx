import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createBffClient } from '../create-bff-client';
import { SessionProvider, useSession } from './session-provider';

function Status() {
  const { status, data } = useSession();
  return (
    <p>
      {status}:{String(data)}
    </p>
  );
}

describe('SessionProvider', () => {
  it('renders loading before the first read', () => {
    const client = createBffClient({ fetch: () => new Promise(() => undefined), openChannel: () => null });
    const html = renderToStaticMarkup(
      <SessionProvider client={client}>
        <Status />
      </SessionProvider>,
    );
    expect(html).toBe('<p>loading:null</p>');
  });

  it('useSession outside the provider says what is wrong', () => {
    expect(() => renderToStaticMarkup(<Status />)).toThrow(
      'useSession() must be used inside <SessionProvider>.',
    );
  });
});
