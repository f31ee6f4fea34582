import { setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.component';
import { I18nProvider } from './i18n/i18n.context';
import 'maplibre-gl/dist/maplibre-gl.css';
import './styles.css';

// MapLibre 6 is ESM-only and, under Vite, needs its worker's URL (ecosystem.md §6): without it the map stays blank.
setWorkerUrl(workerUrl);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <App />
    </I18nProvider>
  </StrictMode>,
);
