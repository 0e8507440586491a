import type {ReactNode} from 'react';

/** The centred card of the pages shown before sign-in. */
export function AuthCard({children}: {children: ReactNode}) {
  return (
    <main className="signin">
      <div className="signin-card">
        <div className="brand brand-lg">
          <span className="brand-mark" aria-hidden="true" />
          Tandem
        </div>
        {children}
      </div>
    </main>
  );
}
