/** A quiet "loading" line for areas waiting on the warehouse. */
export function Loading({ text }: { readonly text: string }) {
  return (
    <p className="loading" role="status">
      <span className="loading-dot" aria-hidden="true" />
      {text}
    </p>
  );
}
