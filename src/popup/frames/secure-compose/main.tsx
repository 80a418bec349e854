/** @jsxImportSource preact */
import { render } from 'preact';
import '../shared/frame.css';
import './secure-compose.css';
import { SecureComposeApp } from './secure-compose-app';

const root = document.getElementById('signet-secure-compose');
const token = new URLSearchParams(location.search).get('token') ?? '';
if (root) render(<SecureComposeApp token={token} />, root);
