/**
 * Component-test setup: clean DOM, fresh store and session between tests, and just enough layout
 * for the virtualized lists (jsdom has no layout, so scroll containers report a fixed size).
 */
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
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
sized('clientHeight', 2000);
sized('clientWidth', 800);

afterEach(() => {
  cleanup();
  clearSession(useAppStore);
  forgetScenarios();
  window.location.hash = '';
  resetAppStore();
});
