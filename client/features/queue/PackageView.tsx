import type {Assessment, EscalationPackage} from '../../../schema/index.ts';

/** The structured handoff: problem, confirmed, tried, hypothesis, next steps, assessment. */
export function PackageView({
  pkg,
  assessment,
  writer,
}: {
  pkg: EscalationPackage | null | undefined;
  assessment: Assessment | null | undefined;
  writer: string | null | undefined;
}) {
  if (!pkg)
    return (
      <p className="muted" role="status">
        The handoff package is still being written (AI assist, up to 45 s)…
      </p>
    );
  const list = (items: string[]) => (
    <ul className="bullets">
      {items.map((t, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a list of texts that is only ever replaced whole, never reordered; texts may repeat
        <li key={i}>{t}</li>
      ))}
    </ul>
  );
  return (
    <div className="package stack">
      <section>
        <h3>Problem</h3>
        <p>{pkg.problem}</p>
      </section>
      <section>
        <h3>What we've confirmed</h3>
        {list(pkg.confirmed)}
      </section>
      <section>
        <h3>What we've tried</h3>
        {list(pkg.tried)}
      </section>
      <section>
        <h3>Current hypothesis</h3>
        <p>{pkg.hypothesis}</p>
      </section>
      <section>
        <h3>Suggested next steps</h3>
        {list(pkg.nextSteps)}
      </section>
      {assessment && (
        <section className="assessment" aria-label="Assessment">
          <h3>Assessment</h3>
          <p>
            Likely cause: {assessment.likely_cause}{' '}
            {typeof assessment.confidence === 'number' && <span className="badge badge-info">confidence {assessment.confidence}%</span>}
          </p>
          {assessment.basis && <p className="row-meta">{assessment.basis}</p>}
        </section>
      )}
      <p className="row-meta">Written by {writer === 'ai' ? 'AI assist' : 'Tandem’s local writer (no AI)'}.</p>
    </div>
  );
}
