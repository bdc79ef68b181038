// The screens of the app, in sidebar order. A feature adds its screen here and in `Screen.svelte`.
import type { RouteEntry } from './navigation.svelte';

export type RouteId = 'home' | 'about';

export const ROUTES: readonly RouteEntry<RouteId>[] = [
  { id: 'home', label: 'nav.home', icon: 'home', modes: ['juror', 'chair'] },
  { id: 'about', label: 'nav.about', icon: 'info', modes: ['juror', 'chair'] },
];
