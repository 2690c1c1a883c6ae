// Entry point of the patient screens: picks the transport and mounts the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { createCabinTransport } from './cabin-client';
import './styles.css';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <App transport={createCabinTransport(window)} />
  </StrictMode>,
);
