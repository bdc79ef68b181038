import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { setMessageLanguage } from './lib/api';
import { locale, setupI18n } from './lib/i18n';

setupI18n();
// The core's messages (refusals, problems in a file) follow the language the window shows.
locale.subscribe((lang) => {
  setMessageLanguage(lang).catch(() => undefined);
});

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

export default mount(App, { target });
