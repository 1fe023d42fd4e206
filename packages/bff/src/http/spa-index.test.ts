import { describe, expect, it } from 'vitest';
import { createSpaIndex } from './spa-index';

describe('createSpaIndex', () => {
  it('puts the nonce on every script, style and link tag', () => {
    const index = createSpaIndex(
      '<html><head><link rel="stylesheet" href="/a.css"><style>b{}</style><script type="module" src="/m.js"></script></head><body><script>1</script></body></html>',
    );
    const html = index.render('N1');
    expect(html.match(/nonce="N1"/g)).toHaveLength(4);
    expect(html).toContain('<script nonce="N1" type="module"');
    expect(html).toContain('<link nonce="N1" rel="stylesheet"');
    expect(index.render('N2')).not.toContain('N1');
  });

  it('replaces a nonce baked into the build', () => {
    const html = createSpaIndex('<script nonce="old" src="/x.js"></script>').render('NEW');
    expect(html).toBe('<script nonce="NEW" src="/x.js"></script>');
  });

  it('leaves other tags and text alone', () => {
    expect(createSpaIndex('<p>scripts</p><linkage>').render('N')).toBe('<p>scripts</p><linkage>');
  });
});
