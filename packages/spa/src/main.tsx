import { SessionProvider } from '@sgid-bff/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { bffClient } from './bff-client';
import './styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element.');

createRoot(root).render(
  <StrictMode>
    <SessionProvider client={bffClient}>
      <App />
    </SessionProvider>
  </StrictMode>,
);
