/** Errors shown to the user carry `data-signet-error` (DESIGN.md DOM hooks) and their code. */
export function ErrorBanner({ message, code }: { message?: string; code?: string }) {
  if (!message) return null;
  return (
    <p class="signet-error" role="alert" data-signet-error={code ?? ''}>
      {message}
    </p>
  );
}
