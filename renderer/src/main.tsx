/** Entry point: wires the real environment (API, wall clock, room channel) and renders the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getApi, isDesktop } from './api/get-api.ts';
import { adoptLaunchSecret } from './api/launch-secret.ts';
import { App } from './app.tsx';
import type { AppEnv } from './app-env.ts';
import { currentSession } from './session/current-session.ts';
import { browserConnector } from './live/live-connection.ts';
import { browserWallClock } from './session/wall-clock.ts';
import { applyColorScheme } from './ui/color-scheme.tsx';
import { languageReady } from './i18n/words.tsx';
import './styles/base.css';
import './styles/screens.css';
import './styles/console.css';
import './styles/projector.css';

// The CSP forbids eval; tell zod not to probe for it. zod reads this object when it first loads,
// in whichever screen's chunk needs it (importing zod here put all of it in the first screen's JS).
(globalThis as { __zod_globalConfig?: { jitless?: boolean } }).__zod_globalConfig = { jitless: true };
// Before anything routes: the launch secret in the link the host printed (#key=…) is kept for the tab.
adoptLaunchSecret();

applyColorScheme();

const api = getApi();

const env: AppEnv = {
  api,
  wallClock: browserWallClock,
  // The page is served by the host (browser host, or the desktop app's loopback host).
  live: location.protocol === 'http:' || location.protocol === 'https:' ? browserConnector() : null,
  async openProjector(exerciseId) {
    if (isDesktop()) {
      await api['projector:open']({ exerciseId });
      return;
    }
    // The projector is a client of the host by link (the link carries the projector key).
    const link = currentSession()?.room?.projectorUrl;
    if (!link) throw new Error('the host has not sent the projector link yet; try again in a moment');
    window.open(link, `firebreak-projector-${exerciseId}`);
  },
};

// The remembered language's words first (French is a chunk of its own), then the page.
void languageReady.then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App env={env} />
    </StrictMode>,
  ),
);
