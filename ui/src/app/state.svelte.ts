// The navigation of the app window, shared by the shell's parts.
import { Navigation } from './navigation.svelte';
import { ROUTES, type RouteId } from './routes';

export const navigation = new Navigation<RouteId>(ROUTES, localStorage);
