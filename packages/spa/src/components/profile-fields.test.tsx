import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { listProfileFields } from '../lib/format-value';
import { OtherData, ProfileFields } from './profile-fields';

describe('ProfileFields', () => {
  const html = renderToStaticMarkup(
    <ProfileFields
      fields={listProfileFields({
        'myinfo.name': 'TAN HENG HUAT',
        'myinfo.passport_number': null,
        'myinfo.registered_address': {
          lines: ['102 BEDOK NORTH AVENUE 4', 'SINGAPORE 460102'],
          postalCode: '460102',
        },
        'myinfo.vehicles': [{ vehicle_number: 'SLA1234B' }],
      })}
    />,
  );

  it('labels every field with the catalogue label', () => {
    expect(html).toContain('<dt>Name</dt><dd>TAN HENG HUAT</dd>');
    expect(html).toContain(
      '<dt>Passport number</dt><dd><span class="not-available">Not available</span></dd>',
    );
    expect(html).toContain('<span>102 BEDOK NORTH AVENUE 4</span><span>SINGAPORE 460102</span>');
  });

  it('renders records as a captioned table with column and row headers', () => {
    expect(html).toContain('<caption>Vehicles</caption>');
    expect(html).toContain('<th scope="col">Vehicle number</th>');
    expect(html).toContain('<th scope="row">SLA1234B</th>');
  });

  it('shows unknown data verbatim under "Other data", escaped', () => {
    const other = renderToStaticMarkup(<OtherData data={{ 'myinfo.future': '<b>NEW</b>\nLINE' }} />);
    expect(other).toContain('<h2 id="other-data-title">Other data</h2>');
    expect(other).toContain('&lt;b&gt;NEW&lt;/b&gt;\nLINE');
    expect(renderToStaticMarkup(<OtherData data={{}} />)).toBe('');
  });
});
