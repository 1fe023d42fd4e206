import type { DisplayValue, ProfileField } from '../lib/format-value';
import { NOT_AVAILABLE_TEXT } from '../lib/format-value';
import { RecordsTable } from './records-table';

function Value({ value }: { value: DisplayValue }) {
  switch (value.kind) {
    case 'not-available':
      return <span className="not-available">{NOT_AVAILABLE_TEXT}</span>;
    case 'lines':
      return (
        <span className="lines">
          {value.lines.map((line, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: address lines are static and may repeat.
            <span key={index}>{line}</span>
          ))}
        </span>
      );
    case 'text':
      return <>{value.text}</>;
    case 'table':
      return null;
  }
}

/**
 * Every field sgID returned: simple values as a description list, records as tables after it. Each
 * element carries `data-scope` so tests and readers can find a field by its sgID scope.
 */
export function ProfileFields({ fields }: { fields: ProfileField[] }) {
  const simple = fields.filter((field) => field.value.kind !== 'table');
  const tables = fields.filter((field) => field.value.kind === 'table');
  return (
    <>
      <dl className="field-list">
        {simple.map((field) => (
          <div key={field.scope} className="field-list__row" data-scope={field.scope}>
            <dt>{field.label}</dt>
            <dd>
              <Value value={field.value} />
            </dd>
          </div>
        ))}
      </dl>
      {tables.map((field) =>
        field.value.kind === 'table' ? (
          <div key={field.scope} data-scope={field.scope} className="records">
            <RecordsTable caption={field.label} columns={field.value.columns} rows={field.value.rows} />
          </div>
        ) : null,
      )}
    </>
  );
}

/** Data sgID sent that this version does not know, shown exactly as received. */
export function OtherData({ data }: { data: Readonly<Record<string, string>> }) {
  const entries = Object.entries(data);
  if (entries.length === 0) return null;
  return (
    <section aria-labelledby="other-data-title" className="card">
      <h2 id="other-data-title">Other data</h2>
      <p className="hint">
        sgID sent these items, which this service does not recognise yet. They are shown as received.
      </p>
      <dl className="field-list">
        {entries.map(([key, value]) => (
          <div key={key} className="field-list__row" data-scope={key}>
            <dt>
              <code>{key}</code>
            </dt>
            <dd className="verbatim">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
