/**
 * A component loaded on first use (its own chunk), shown by a fallback until it arrives.
 *
 * React.lazy plus a memo of the loaded module: once `preload()` has run (or the first load
 * finished), the component renders synchronously with no Suspense round, so a screen revisited, a
 * test that preloaded, or a chart shown a second time never flashes its fallback.
 */
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';

export interface LazyComponent<P extends object> {
  (props: P): ReactNode;
  /** Starts loading now (idempotent); resolves when the component can render synchronously. */
  preload(): Promise<void>;
}

export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>, fallback: (props: P) => ReactNode): LazyComponent<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const start = () =>
    (pending ??= load().then(
      (c) => (loaded = c),
      (e: unknown) => {
        pending = null; // a failed chunk load may be retried on the next render
        throw e;
      },
    ));
  const Lazy = lazy(async () => ({ default: await start() }));
  const Component = (props: P) => {
    const Loaded = loaded;
    if (Loaded) return <Loaded {...props} />;
    return (
      <Suspense fallback={fallback(props)}>
        <Lazy {...props} />
      </Suspense>
    );
  };
  Component.preload = async () => {
    await start();
  };
  return Component;
}
