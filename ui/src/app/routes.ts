// The screens of the app, in sidebar order. A feature adds its screen here and in `Screen.svelte`.
import type { RouteEntry } from './navigation.svelte';

export type RouteId =
  | 'home'
  | 'scoring'
  | 'definition'
  | 'participants'
  | 'packages'
  | 'bundles'
  | 'progress'
  | 'screening'
  | 'results'
  | 'decisions'
  | 'documents'
  | 'log'
  | 'help'
  | 'about';

export const ROUTES: readonly RouteEntry<RouteId>[] = [
  { id: 'home', label: 'nav.home', icon: 'home', modes: ['juror', 'chair'] },
  { id: 'scoring', label: 'nav.scoring', icon: 'edit', modes: ['juror'] },
  { id: 'definition', label: 'nav.definition', icon: 'sliders', modes: ['chair'] },
  { id: 'participants', label: 'nav.participants', icon: 'people', modes: ['chair'] },
  { id: 'packages', label: 'nav.packages', icon: 'package', modes: ['chair'] },
  { id: 'bundles', label: 'nav.bundles', icon: 'merge', modes: ['chair'] },
  { id: 'progress', label: 'nav.progress', icon: 'grid', modes: ['chair'] },
  { id: 'screening', label: 'nav.screening', icon: 'filter', modes: ['chair'] },
  { id: 'results', label: 'nav.results', icon: 'chart', modes: ['chair'] },
  { id: 'decisions', label: 'nav.decisions', icon: 'gavel', modes: ['chair'] },
  { id: 'documents', label: 'nav.documents', icon: 'printer', modes: ['chair'] },
  { id: 'log', label: 'nav.log', icon: 'history', modes: ['chair'] },
  { id: 'help', label: 'nav.help', icon: 'book', modes: ['juror', 'chair'] },
  { id: 'about', label: 'nav.about', icon: 'info', modes: ['juror', 'chair'] },
];
