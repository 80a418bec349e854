/** @jsxImportSource preact */
import { render } from 'preact';
import '../shared/frame.css';
import './secure-compose.css';
import { SecureComposeApp } from './secure-compose-app';
import { sessionTokenIn } from './tell-compose-window';

const root = document.getElementById('signet-secure-compose');
// The first session token the embedding window posts (see `sessionTokenIn`); one editor, one session.
const onMessage = (event: MessageEvent): void => {
  const token = event.source === window.parent ? sessionTokenIn(event.data) : undefined;
  if (!token || !root) return;
  window.removeEventListener('message', onMessage);
  render(<SecureComposeApp token={token} />, root);
};
window.addEventListener('message', onMessage);
