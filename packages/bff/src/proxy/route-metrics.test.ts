import { describe, expect, it } from 'vitest';
import { createMetrics } from '../observability/metrics';
import { createRouteMetrics } from './route-metrics';

describe('createRouteMetrics', () => {
  it('counts each proxied call under its route and status, and times it under its route', async () => {
    const metrics = createMetrics();
    const forRoute = createRouteMetrics(metrics);
    expect(forRoute('/api/demo')).toBe(forRoute('/api/demo'));
    forRoute('/api/demo').count(200);
    forRoute('/api/demo').count(200);
    forRoute('/api/demo').count(504);
    forRoute('/api/other').count(200);
    forRoute('/api/demo').startTimer()();
    const text = await metrics.render();
    expect(text).toContain('sgid_bff_proxy_requests_total{route="/api/demo",status="200"} 2');
    expect(text).toContain('sgid_bff_proxy_requests_total{route="/api/demo",status="504"} 1');
    expect(text).toContain('sgid_bff_proxy_requests_total{route="/api/other",status="200"} 1');
    expect(text).toMatch(/sgid_bff_proxy_upstream_duration_seconds_count\{route="\/api\/demo"\} 1/);
  });
});
