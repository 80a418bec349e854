import { render } from 'preact';
import '../shared/signet.css';
import './popup.css';
import { PopupApp } from './popup-app';

const root = document.getElementById('signet-popup');
if (root) render(<PopupApp />, root);
