import { type ReactNode, useEffect } from 'react';

export const SERVICE_NAME = 'Demo Citizen Services';

interface PageTitleProps {
  /** The words for the browser tab, e.g. "Your profile". */
  title: string;
  children?: ReactNode;
}

/**
 * The page's one `<h1>`. It can take focus (tabIndex -1) so that the app moves focus here after each
 * in-page navigation, as a page load would for a screen reader user.
 */
export function PageTitle({ title, children }: PageTitleProps) {
  useEffect(() => {
    document.title = `${title} – ${SERVICE_NAME}`;
  }, [title]);
  return (
    <h1 id="page-title" tabIndex={-1}>
      {children ?? title}
    </h1>
  );
}
