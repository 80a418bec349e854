/** @jsxImportSource preact */
import { render } from 'preact';
import '../shared/frame.css';
import { TrustSenderApp } from './trust-sender-app';

const root = document.getElementById('signet-trust-sender');
const contactId = new URLSearchParams(location.search).get('fingerprint') ?? '';
if (root) render(<TrustSenderApp contactId={contactId} />, root);
