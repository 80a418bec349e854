/** @jsxImportSource preact */
import { render } from 'preact';
import '../shared/frame.css';
import './decrypt.css';
import { DecryptApp } from './decrypt-app';

const root = document.getElementById('signet-decrypt');
const token = new URLSearchParams(location.search).get('token') ?? '';
if (root) render(<DecryptApp token={token} />, root);
