import {HandoffContextScreen} from './HandoffContextScreen.tsx';
import './queue.css';

/** The handoff context screen on its own route, reopenable from the walk. */
export function HandoffPage({handoffId}: {handoffId: string}) {
  return (
    <div className="page">
      <section className="card">
        <HandoffContextScreen handoffId={handoffId} />
      </section>
    </div>
  );
}
