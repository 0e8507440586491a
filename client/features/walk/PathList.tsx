type Step = {id: string; question: string; answer: string; note?: string | null; kind: 'answer' | 'back'};

/** The path walked so far, oldest first; a step back is shown, never erased. */
export function PathList({steps}: {steps: readonly Step[]}) {
  return (
    <section className="card" aria-labelledby="path-title">
      <h2 id="path-title">Path so far</h2>
      {steps.length === 0 ? (
        <p className="empty">No steps recorded yet.</p>
      ) : (
        <ol className="steps" data-testid="path">
          {steps.map(s =>
            s.kind === 'back' ? (
              <li key={s.id} className="step-back">
                ↩ Stepped back
              </li>
            ) : (
              <li key={s.id}>
                <div className="row-title">{s.question}</div>
                <div className="row-meta">→ {s.answer}</div>
                {s.note && <div className="note">{s.note}</div>}
              </li>
            ),
          )}
        </ol>
      )}
    </section>
  );
}
