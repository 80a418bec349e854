// @vitest-environment happy-dom
/** The compose toggles (issue 6 item 5): only a person's action changes them, whatever the page does. */
import { describe, expect, it } from 'vitest';
import { createComposeToggle } from './compose-toggle';

function toggle() {
  const changes: boolean[] = [];
  const created = createComposeToggle(document, {
    action: 'sign',
    label: 'Sign',
    onUserChange: (pressed) => changes.push(pressed),
    onUnavailablePress: () => changes.push(false),
    signal: new AbortController().signal,
  });
  document.body.append(created.host);
  return { created, changes };
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('a compose toggle', () => {
  it('carries the DOM hooks and shows its look in a closed shadow root', () => {
    const { created } = toggle();
    expect(created.host.getAttribute('data-signet-action')).toBe('sign');
    expect(created.host.getAttribute('aria-pressed')).toBe('false');
    expect(created.host.shadowRoot).toBeNull();
  });

  it('a made-up click from a page script changes nothing', () => {
    const { created, changes } = toggle();
    created.host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    expect(created.pressed).toBe(false);
    expect(created.host.getAttribute('aria-pressed')).toBe('false');
    expect(changes).toEqual([]);
  });

  it('a page rewriting aria-pressed gets Signet’s state put back, and Signet still goes by its own state', async () => {
    const { created } = toggle();
    created.host.setAttribute('aria-pressed', 'true');
    await settle();
    expect(created.host.getAttribute('aria-pressed')).toBe('false');
    expect(created.pressed).toBe(false);
    created.setPressed(true);
    created.host.removeAttribute('data-signet-action');
    await settle();
    expect(created.host.getAttribute('aria-pressed')).toBe('true');
    expect(created.host.getAttribute('data-signet-action')).toBe('sign');
  });

  it('an unavailable toggle is off and says why', () => {
    const { created } = toggle();
    created.setPressed(true);
    created.setAvailable(false, 'Signet has no digital ID for bob@hacker.example');
    expect(created.pressed).toBe(false);
    expect(created.host.getAttribute('aria-disabled')).toBe('true');
    expect(created.host.getAttribute('title')).toContain('no digital ID');
  });
});
