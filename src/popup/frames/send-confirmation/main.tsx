/** @jsxImportSource preact */
import { render } from 'preact';
import '../shared/frame.css';
import './send-confirmation.css';
import { SendConfirmationApp } from './send-confirmation-app';

const root = document.getElementById('signet-send-confirmation');
const token = new URLSearchParams(location.search).get('token') ?? '';
if (root) render(<SendConfirmationApp token={token} />, root);
