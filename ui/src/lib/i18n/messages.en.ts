import type { Messages } from './types';

export const en: Messages = {
  app: {
    name: 'Juri',
    tagline: 'Public-service innovation awards',
    skipToContent: 'Skip to content',
  },
  mode: {
    label: 'Mode',
    juror: 'Juror',
    chair: 'Chair',
    jurorTitle: 'Juror mode',
    chairTitle: 'Panel chair mode',
  },
  nav: {
    label: 'Main navigation',
    home: 'Home',
    about: 'About Juri',
  },
  language: {
    label: 'Language',
    id: 'Bahasa Indonesia',
    en: 'English',
  },
  home: {
    jurorIntro:
      'As a juror you score every innovation on this laptop, even without internet. Scores are saved as you type.',
    chairIntro:
      'As the panel chair you define the competition, hand out juror packages, merge score bundles, then settle the rankings and print the minutes.',
    stepsTitle: 'How it works',
    jurorSteps: {
      receive: 'Receive your juror package from the committee and import it into Juri.',
      score: "Score each innovation on the stage's rubric.",
      submit: 'Export your signed score bundle and send it to the committee.',
    },
    chairSteps: {
      define: 'Define the competition: categories, stages, rubrics and the jurors.',
      issue: 'Issue a personal juror package to every panel member.',
      merge: "Import and merge the jurors' score bundles.",
      finalise: 'Settle the ranking of each stage, then print the recaps and the minutes.',
    },
  },
  about: {
    title: 'About Juri',
    version: 'Version',
    dataDir: 'Data folder',
    openDataDir: 'Open data folder',
    today: "Today's date",
    loading: 'Loading app information…',
  },
  common: {
    cancel: 'Cancel',
    confirm: 'Yes, continue',
    close: 'Close',
    retry: 'Try again',
    loading: 'Loading…',
    notifications: 'Notifications',
    dismiss: 'Dismiss notification',
  },
  errors: {
    title: 'Something went wrong',
    io: 'A file or folder could not be read or written.',
    open_failed: 'The system could not open this file or folder.',
    unknown: 'An unexpected error occurred.',
  },
};
