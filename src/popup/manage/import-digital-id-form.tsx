import { SignetError } from '../../shared/errors';
import { useRef, useState } from 'preact/hooks';
import { sendRequest } from '../../shared/protocol';
import { ErrorBanner } from '../shared/error-banner';
import { readFileBase64 } from '../shared/read-file-base64';
import { useFailure } from './use-failure';

/** Import a PKCS#12 file with its password (DOM hooks: pkcs12-file, pkcs12-password, import-pkcs12). */
export function ImportDigitalIdForm({ onImported }: { onImported: () => Promise<void> }) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [password, setPassword] = useState('');
  const [notice, setNotice] = useState('');
  /** Finished attempts, so automation can tell this attempt's outcome from the previous one's. */
  const [finishedAttempts, setFinishedAttempts] = useState(0);
  const importFailure = useFailure();

  async function importDigitalId(event: Event) {
    event.preventDefault();
    setNotice('');
    const file = fileInput.current?.files?.[0];
    await importFailure.attempt(async () => {
      if (!file) throw new SignetError('bad-request', 'Choose a .p12 or .pfx file first.');
      const identity = await sendRequest('importPkcs12', { fileBase64: await readFileBase64(file), password });
      setPassword('');
      if (fileInput.current) fileInput.current.value = '';
      setNotice(`Imported ${identity.certificate.emailAddresses[0] ?? identity.certificate.subject}.`);
      await onImported();
    });
    setFinishedAttempts((count) => count + 1);
  }

  return (
    <form class="signet-import" onSubmit={importDigitalId} data-signet-form="import-pkcs12" data-signet-attempts={finishedAttempts}>
      <label>
        Digital ID file (.p12, .pfx)
        <input type="file" accept=".p12,.pfx,application/x-pkcs12" ref={fileInput} data-signet-input="pkcs12-file" />
      </label>
      <label>
        Password
        <input
          type="password"
          autocomplete="off"
          value={password}
          onInput={(event) => setPassword(event.currentTarget.value)}
          data-signet-input="pkcs12-password"
        />
      </label>
      <div class="signet-actions">
        <button type="submit" disabled={importFailure.busy} data-signet-action="import-pkcs12">
          {importFailure.busy ? 'Importing…' : 'Import digital ID'}
        </button>
      </div>
      <ErrorBanner message={importFailure.failure?.message} code={importFailure.failure?.code} />
      {notice && (
        <p class="signet-notice" role="status" data-signet-notice="import-pkcs12">
          {notice}
        </p>
      )}
    </form>
  );
}
