import {WalkerView} from './WalkerView.tsx';

/** /walks/:walkId — the walker (driver) or the live shared screen (watchers). */
export function WalkPage({walkId}: {walkId: string}) {
  return <WalkerView walkId={walkId} />;
}
