/**
 * The thin strip above the header that Singapore Government sites carry. This is a demo, so it says
 * so instead of claiming to be an official website.
 */
export function Masthead() {
  return (
    <div className="masthead">
      <div className="container masthead__inner">
        <span className="masthead__mark" aria-hidden="true" />
        <span>A demonstration of a Singapore Government digital service — not an official website</span>
      </div>
    </div>
  );
}
