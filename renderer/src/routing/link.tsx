/** An in-app link: a real `href` (so it opens in a new tab too) that navigates through the store. */
import type { MouseEvent, ReactNode } from 'react';
import { useAppStore } from '../store/app-store.ts';
import { routeHash, type Route } from './routes.ts';

export function Link(props: { to: Route; children: ReactNode; className?: string }) {
  const navigate = useAppStore((s) => s.navigate);
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(props.to);
  };
  return (
    <a href={routeHash(props.to)} className={props.className} onClick={onClick}>
      {props.children}
    </a>
  );
}
