import { useBffFetch } from '@sgid-bff/client/react';
import { useCallback, useEffect, useState } from 'react';
import { type CallResult, callDemoApi } from '../lib/bff-calls';

type ApiState = { kind: 'loading' } | CallResult<unknown>;

function ApiResult({ state }: { state: ApiState }) {
  switch (state.kind) {
    case 'loading':
      return <p>Calling the demo API…</p>;
    case 'ok':
      return (
        <pre className="code-block">
          {typeof state.value === 'string' ? state.value : JSON.stringify(state.value, null, 2)}
        </pre>
      );
    case 'unavailable':
      return <p>The demo API is not available on this server yet (404). Your session is fine.</p>;
    case 'unauthenticated':
      return (
        <p className="notice notice--error">
          The API refused the call because your session has ended ({state.code}).
        </p>
      );
    case 'error':
      return (
        <p className="notice notice--error">
          The API call failed ({state.error.code}
          {state.error.status > 0 ? `, HTTP ${state.error.status}` : ''}).
        </p>
      );
  }
}

/**
 * One call to a protected API through the BFF proxy. The browser sends only its session cookie and the
 * CSRF header; the BFF forwards the identity upstream.
 */
export function ApiCallCard() {
  const bffFetch = useBffFetch();
  const [state, setState] = useState<ApiState>({ kind: 'loading' });

  const call = useCallback(async () => {
    setState({ kind: 'loading' });
    setState(await callDemoApi(bffFetch));
  }, [bffFetch]);

  useEffect(() => {
    void call();
  }, [call]);

  return (
    <section aria-labelledby="api-title" className="card">
      <h2 id="api-title">Your demo API call</h2>
      <p className="hint">
        This page called <code>GET /api/demo/hello</code> through the BFF. Your browser never held a token.
      </p>
      <div id="api-result" aria-live="polite" aria-busy={state.kind === 'loading'} data-state={state.kind}>
        <ApiResult state={state} />
      </div>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => void call()}
        disabled={state.kind === 'loading'}
      >
        Call again
      </button>
    </section>
  );
}
