import { describe, expect, it } from 'vitest';
import { call } from '../../test/helpers.ts';

describe('API documentation', () => {
  it('serves the OpenAPI document with a relative server, whatever host serves it', async () => {
    const res = await call('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.json.openapi).toBe('3.1.0');
    expect(res.json.servers).toMatchObject([{ url: '/' }]);
    expect(res.json.paths['/api/v1/org/api-keys'].post['x-permission']).toBe('api_keys:manage');
  });

  it('renders a self-contained reference page', async () => {
    const res = await call('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.text).toContain("fetch('/api/openapi.json')");
    expect(res.text).not.toMatch(/<script[^>]+src=["']https?:/);
  });
});
