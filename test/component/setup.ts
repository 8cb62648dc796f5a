/**
 * Component-test setup: clean DOM, fresh store and session between tests, and just enough layout
 * for the virtualized lists (jsdom has no layout, so scroll containers report a fixed size).
 *
 * Screens and charts are chunks loaded on first use in the app (routing/screens.tsx,
 * routing/lazy-component.tsx); they are loaded once here, before any test, so a test renders them
 * synchronously and no test's time includes transforming a screen's modules. Waiting helpers get
 * a timeout for a loaded 2-core machine, not a fast laptop.
 */
import '../../shared/i18n/all-catalogues.ts'; // every language, as the host has them (the page loads French on first use)
import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeAll } from 'vitest';
import { HarmChartPlot } from '../../renderer/src/debrief/harm-over-time.tsx';
import { KeyTimesPlot } from '../../renderer/src/debrief/key-times-panel.tsx';
import { MetricChartPlot } from '../../renderer/src/console/metric-chart.tsx';
import { TrendChartPlot } from '../../renderer/src/history/trend-chart.tsx';
import { preloadScreens } from '../../renderer/src/routing/screens.tsx';
import { forgetScenarios } from '../../renderer/src/library/scenario-catalog.ts';
import { clearSession } from '../../renderer/src/session/current-session.ts';
import { resetAppStore, useAppStore } from '../../renderer/src/store/app-store.ts';

function sized(prop: 'clientHeight' | 'clientWidth', value: number) {
  const original = Object.getOwnPropertyDescriptor(HTMLElement.prototype, prop);
  Object.defineProperty(HTMLElement.prototype, prop, {
    configurable: true,
    get(this: HTMLElement) {
      if (this.hasAttribute('data-virtual-scroll')) return value;
      return original?.get ? (original.get.call(this) as number) : 0;
    },
  });
}
configure({ asyncUtilTimeout: 5_000 });

beforeAll(async () => {
  await Promise.all([preloadScreens(), HarmChartPlot.preload(), KeyTimesPlot.preload(), MetricChartPlot.preload(), TrendChartPlot.preload()]);
});

sized('clientHeight', 2000);
sized('clientWidth', 800);

afterEach(() => {
  cleanup();
  clearSession(useAppStore);
  forgetScenarios();
  window.location.hash = '';
  resetAppStore();
});
