import {useSession} from '../zero/session-context.ts';
import {THEME_CHOICES, usePersonTheme, type ThemeChoice} from './theme.ts';

const LABEL: Record<ThemeChoice, string> = {light: 'Light theme', dark: 'Dark theme', system: 'System theme'};

/** The signed-in person's theme: light, dark, or as the system says. */
export function ThemeSelect() {
  const {context} = useSession();
  const [choice, choose] = usePersonTheme(context.userId);
  return (
    <label className="theme-select">
      <span className="sr-only">Theme</span>
      <select value={choice} onChange={e => choose(e.target.value as ThemeChoice)}>
        {THEME_CHOICES.map(c => (
          <option key={c} value={c}>
            {LABEL[c]}
          </option>
        ))}
      </select>
    </label>
  );
}
