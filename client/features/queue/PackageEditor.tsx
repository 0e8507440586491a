import {useState, type FormEvent} from 'react';
import {mutators} from '../../../mutators/index.ts';
import type {EscalationPackage} from '../../../schema/index.ts';
import {useChange} from '../../offline/use-change.ts';
import {FormError} from '../../ui/FormError.tsx';

const lines = (text: string) =>
  text
    .split('\n')
    .map(l => l.trim())
    .filter(Boolean);

/** Edit the generated package (lists: one item per line), then save: the edit is what gets read. */
export function PackageEditor({handoffId, pkg, onDone}: {handoffId: string; pkg: EscalationPackage; onDone: () => void}) {
  const {run, error} = useChange();
  const [problem, setProblem] = useState(pkg.problem);
  const [confirmed, setConfirmed] = useState(pkg.confirmed.join('\n'));
  const [tried, setTried] = useState(pkg.tried.join('\n'));
  const [hypothesis, setHypothesis] = useState(pkg.hypothesis);
  const [nextSteps, setNextSteps] = useState(pkg.nextSteps.join('\n'));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await run(
      mutators.handoff.editPackage({
        handoffId,
        package: {problem, confirmed: lines(confirmed), tried: lines(tried), hypothesis, nextSteps: lines(nextSteps)},
      }),
    );
    if (ok) onDone();
  };
  const area = (label: string, value: string, set: (v: string) => void, rows = 3) => (
    <label className="field">
      <span>{label}</span>
      <textarea rows={rows} value={value} onChange={e => set(e.target.value)} />
    </label>
  );
  return (
    <form className="stack" onSubmit={submit}>
      {area('Problem', problem, setProblem, 2)}
      {area("What we've confirmed (one per line)", confirmed, setConfirmed)}
      {area("What we've tried (one per line)", tried, setTried)}
      {area('Current hypothesis', hypothesis, setHypothesis, 2)}
      {area('Suggested next steps (one per line)', nextSteps, setNextSteps)}
      <FormError message={error} />
      <div className="row">
        <button className="btn btn-primary" type="submit">
          Save package
        </button>
        <button className="btn" type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
