import {useQuery} from '@rocicorp/zero/react';
import {useCallback, useEffect, useState} from 'react';
import {mutators} from '../../mutators/index.ts';
import type {ThemeChoice} from '../../schema/index.ts';
import {useChange} from '../offline/use-change.ts';
import {pageQueries} from '../zero/page-queries.ts';

export type {ThemeChoice};
/** The choices in the order the toggle offers them. */
export const THEME_CHOICES: readonly ThemeChoice[] = ['light', 'dark', 'system'];

const DEVICE_KEY = 'tandem.theme';
const personKey = (userId: string) => `tandem.theme:${userId}`;
const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

function read(key: string): ThemeChoice | null {
  try {
    const v = localStorage.getItem(key);
    return v === 'light' || v === 'dark' || v === 'system' ? v : null;
  } catch {
    return null;
  }
}

/** Sets `data-theme` on <html>: the tokens in client/theme.css follow it. */
export function applyTheme(choice: ThemeChoice): void {
  const dark = choice === 'dark' || (choice === 'system' && darkQuery().matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  document.documentElement.dataset.themeChoice = choice;
}

/**
 * Before anyone is signed in (sign-in, invite pages): the last choice made on
 * this device, else the system's.
 */
export function applyDeviceTheme(): void {
  applyTheme(read(DEVICE_KEY) ?? 'system');
}

/** Once, at start: while the choice is "system", a change of the system's scheme shows at once. */
export function followSystemTheme(): void {
  darkQuery().addEventListener('change', () => {
    if (document.documentElement.dataset.themeChoice === 'system') applyTheme('system');
  });
}

/**
 * The signed-in person's theme, remembered on their member row (`theme`,
 * member.setTheme) so that it follows them to every device, live. This
 * device's copy (keyed by user id, so two people sharing a browser keep
 * their own) paints the first frame before Zero has synced and takes
 * whatever the row says once it has; a row that says nothing yet (never
 * picked since themes moved to the server) leaves this device's choice.
 * "system" follows the system live (followSystemTheme).
 */
export function usePersonTheme(userId: string): [ThemeChoice, (choice: ThemeChoice) => void] {
  const [me] = useQuery(pageQueries.shell().me);
  const {run} = useChange();
  const [local, setLocal] = useState<ThemeChoice>(() => read(personKey(userId)) ?? 'system');
  const remembered = me?.id === userId ? (me.theme ?? null) : null;
  const choice = remembered ?? local;

  useEffect(() => applyTheme(choice), [choice]);

  // What the row says becomes this device's first paint next time.
  useEffect(() => {
    if (remembered) remember(userId, remembered);
  }, [userId, remembered]);

  // Signed out: back to what this device shows before sign-in.
  useEffect(() => () => applyDeviceTheme(), []);

  const choose = useCallback(
    (next: ThemeChoice) => {
      remember(userId, next);
      setLocal(next);
      void run(mutators.member.setTheme({theme: next}), {waitForServer: false});
    },
    [userId, run],
  );
  return [choice, choose];
}

function remember(userId: string, choice: ThemeChoice): void {
  try {
    localStorage.setItem(personKey(userId), choice);
    localStorage.setItem(DEVICE_KEY, choice);
  } catch {
    // Private mode without storage: the row still remembers it.
  }
}
