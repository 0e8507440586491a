import {useCallback, useEffect, useState} from 'react';

/** What a person picks: a fixed theme, or whatever their system says (prefers-color-scheme). */
export type ThemeChoice = 'light' | 'dark' | 'system';
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
 * The signed-in person's theme, remembered per person on this device (keyed
 * by user id, so two people sharing a browser keep their own); "system" follows the system live (followSystemTheme).
 */
export function usePersonTheme(userId: string): [ThemeChoice, (choice: ThemeChoice) => void] {
  const [choice, setChoice] = useState<ThemeChoice>(() => read(personKey(userId)) ?? 'system');

  useEffect(() => applyTheme(choice), [choice]);

  // Signed out: back to what this device shows before sign-in.
  useEffect(() => () => applyDeviceTheme(), []);

  const choose = useCallback(
    (next: ThemeChoice) => {
      try {
        localStorage.setItem(personKey(userId), next);
        localStorage.setItem(DEVICE_KEY, next);
      } catch {
        // Private mode without storage: the choice lasts for this tab.
      }
      setChoice(next);
    },
    [userId],
  );
  return [choice, choose];
}
