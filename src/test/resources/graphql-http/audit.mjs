// Runs graphql-http's server audits against a running Portico and prints one JSON
// line per audit: {"name": "MUST ...", "status": "ok" | "warn" | "error", "reason": ...}.
// Usage: node audit.mjs <url> <bearer token>
import { auditServer } from 'graphql-http';

const [url, token] = process.argv.slice(2);
const fetchFn = (input, init = {}) => {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${token}`);
  return fetch(input, { ...init, headers });
};
const results = await auditServer({ url, fetchFn });
for (const result of results) {
  console.log(JSON.stringify({ name: result.name, status: result.status, reason: result.reason ?? null }));
}
