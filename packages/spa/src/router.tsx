/**
 * A tiny history-API router: the demo has four pages, which doesn't justify a routing library. The BFF
 * serves index.html for every SPA path, so deep links and reloads work.
 */
import { type MouseEvent, type ReactNode, useSyncExternalStore } from 'react';

const NAVIGATE_EVENT = 'spa:navigate';

function subscribe(onChange: () => void) {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

const snapshot = () => `${window.location.pathname}${window.location.search}`;

/** The current path and query, e.g. `/profile?error=BFF_X`; re-renders on navigation. */
export function useLocation(): { pathname: string; search: string; path: string } {
  const path = useSyncExternalStore(subscribe, snapshot, () => '/');
  const queryAt = path.indexOf('?');
  return {
    pathname: queryAt === -1 ? path : path.slice(0, queryAt),
    search: queryAt === -1 ? '' : path.slice(queryAt),
    path,
  };
}

/** Goes to `to` within the SPA (no page load). */
export function navigate(to: string, options: { replace?: boolean } = {}) {
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

const isPlainClick = (event: MouseEvent) =>
  event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;

interface LinkProps {
  to: string;
  children: ReactNode;
  className?: string;
}

/** A real link (works without JS, opens in a new tab) that navigates in place on a plain click. */
export function Link({ to, children, className }: LinkProps) {
  const { pathname } = useLocation();
  return (
    <a
      href={to}
      className={className}
      aria-current={pathname === to ? 'page' : undefined}
      onClick={(event) => {
        if (!isPlainClick(event)) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
