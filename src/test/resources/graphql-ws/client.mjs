// Subscribes with the reference graphql-ws client and prints one JSON line per event.
// Usage: node client.mjs <url> <token> <projectId> <afterCursor> <events>
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, token, project, after, count] = process.argv.slice(2);
const client = createClient({
  url,
  webSocketImpl: WebSocket,
  connectionParams: { Authorization: `Bearer ${token}` },
  retryAttempts: 0,
  on: { closed: (event) => console.log(JSON.stringify({ closed: event.code })) },
});
let received = 0;
client.subscribe(
  {
    query: 'subscription($p: ID, $a: String) { portalEvents(projectId: $p, after: $a) { cursor ... on MilestoneChanged { status } } }',
    variables: { p: project, a: after },
  },
  {
    next: (value) => {
      console.log(JSON.stringify(value));
      if (++received >= Number(count)) {
        client.dispose();
        setTimeout(() => process.exit(0), 100);
      }
    },
    error: () => setTimeout(() => process.exit(0), 100),
    complete: () => process.exit(0),
  },
);
setTimeout(() => process.exit(2), 20000);
