// GraphiQL for Portico, bundled into the jar so that it works without internet.
// Rebuild with graphiql/build (Node needed only for that); the output is committed.
import React from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import 'graphiql/graphiql.css';

const wsProtocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
const fetcher = createGraphiQLFetcher({
  url: `${location.protocol}//${location.host}/graphql`,
  subscriptionUrl: `${wsProtocol}//${location.host}/graphql`,
});

createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, {
    fetcher,
    defaultEditorToolsVisibility: true,
    headerEditorEnabled: true,
    shouldPersistHeaders: true,
    defaultHeaders: '{ "Authorization": "Bearer <a token from POST /auth/demo-token>" }',
  }),
);
