/** Entry point: wires the real environment (API, wall clock, room channel) and renders the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { getApi, isDesktop } from './api/get-api.ts';
import { App } from './app.tsx';
import type { AppEnv } from './app-env.ts';
import { defaultRoomTransport } from './projector/room-channel.ts';
import { browserWallClock } from './session/wall-clock.ts';
import './styles/base.css';
import './styles/screens.css';
import './styles/console.css';
import './styles/projector.css';

// The CSP forbids eval; tell zod not to probe for it.
z.config({ jitless: true });

const api = getApi();

const env: AppEnv = {
  api,
  wallClock: browserWallClock,
  room: defaultRoomTransport(),
  async openProjector(exerciseId) {
    if (isDesktop()) {
      await api['projector:open']({ exerciseId });
      return;
    }
    window.open(`#/projector/${encodeURIComponent(exerciseId)}`, `firebreak-projector-${exerciseId}`);
  },
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App env={env} />
  </StrictMode>,
);
