import { render } from 'preact';
import '../shared/signet.css';
import { ManageApp } from './manage-app';

const root = document.getElementById('signet-manage');
if (root) render(<ManageApp />, root);
