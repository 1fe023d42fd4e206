import { SERVICE_NAME } from './page-title';

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <div className="container">
        <p className="site-footer__name">{SERVICE_NAME}</p>
        <p>
          A demonstration of logging in with sgID through a Backend-for-Frontend. Your details stay on this
          service's server for your session only; this page never sees a login token.
        </p>
        <p className="site-footer__small">Built for testing. No real government records are used.</p>
      </div>
    </footer>
  );
}
