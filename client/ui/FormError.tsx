/** An error line for a form: announced, or nothing. */
export function FormError({message}: {message: string | null}) {
  if (!message) return null;
  return (
    <p className="error" role="alert">
      {message}
    </p>
  );
}
