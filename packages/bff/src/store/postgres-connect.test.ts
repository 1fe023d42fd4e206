import { describe, expect, it } from 'vitest';
import { cannotConnect, describePostgresError } from './postgres-connect';

describe('describePostgresError', () => {
  it("keeps the server's own words when it answered", () => {
    const error = Object.assign(new Error('database "bff" does not exist'), {
      severity: 'FATAL',
      code: '3D000',
    });
    expect(describePostgresError(error)).toBe('database "bff" does not exist');
  });

  it("names node-postgres's timeouts with the deadline", () => {
    expect(describePostgresError(new Error('timeout expired'), 2000)).toBe('no answer within 2 s');
    expect(describePostgresError(new Error('Query read timeout'), 500)).toBe('no answer within 500 ms');
    expect(describePostgresError(new Error('Connection terminated due to connection timeout'), 500)).toBe(
      'no answer within 500 ms',
    );
  });

  it('says a dropped connection and network failures in plain words', () => {
    expect(describePostgresError(new Error('Connection terminated unexpectedly'))).toBe(
      'the server closed the connection',
    );
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(describePostgresError(refused)).toBe('connection refused: nothing is listening there');
  });

  it('an open failure names DATABASE_URL without the password', () => {
    const error = cannotConnect('postgres://bff:s3cret@db:5432/bff', new Error('timeout expired'), 2000);
    expect(error.variable).toBe('DATABASE_URL');
    expect(error.message).toMatch(
      /^cannot connect to PostgreSQL at DATABASE_URL=postgres:\/\/bff:\*\*\*@db:5432\/bff: no answer within 2 s\. /,
    );
    expect(error.message).not.toContain('s3cret');
  });
});
