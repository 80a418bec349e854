/**
 * One compose toggle (Sign or Encrypt; DESIGN.md DOM hooks: `[data-signet-action="sign"]`,
 * `[data-signet-action="encrypt"]` with `aria-pressed`). The host element sits in the page; what it
 * shows lives in a closed shadow root. Its state is held here, not in the DOM: only a person's
 * click or key press (`event.isTrusted`) changes it, and the attributes are a reflection the page
 * can read but not drive (a page that rewrites `aria-pressed` gets it put back).
 */

export interface ComposeToggle {
  readonly host: HTMLElement;
  readonly pressed: boolean;
  /** Set by Signet itself (defaults, "encrypt when possible"), never by the page. */
  setPressed(pressed: boolean): void;
  setAvailable(available: boolean, reason: string): void;
}

export interface ComposeToggleOptions {
  action: 'sign' | 'encrypt';
  label: string;
  /** Called after a trusted user action changed the state. */
  onUserChange: (pressed: boolean) => void;
  /** Called when a person presses a toggle that isn't available (to say why). */
  onUnavailablePress: () => void;
  signal: AbortSignal;
}

const STYLE = `
:host { all: initial; display: inline-block; margin: 0 4px; vertical-align: middle; }
button { font: 500 13px/1 system-ui, sans-serif; padding: 7px 12px; border-radius: 16px; border: 1px solid #80868b;
  background: #fff; color: #3c4043; cursor: pointer; }
button[aria-pressed="true"] { background: #1a73e8; border-color: #1a73e8; color: #fff; }
button[aria-disabled="true"] { opacity: 0.5; cursor: not-allowed; }
`;

export function createComposeToggle(document: Document, options: ComposeToggleOptions): ComposeToggle {
  const host = document.createElement('signet-compose-toggle');
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = STYLE;
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = options.label;
  shadow.append(style, button);

  let pressed = false;
  let available = true;
  let reason = '';
  const reflect = (): void => {
    const wanted: Record<string, string> = {
      'data-signet-action': options.action,
      'aria-pressed': String(pressed),
      'aria-disabled': String(!available),
      role: 'group',
      title: available ? `${options.label}: ${pressed ? 'on' : 'off'}` : reason,
    };
    for (const [name, value] of Object.entries(wanted)) {
      if (host.getAttribute(name) !== value) host.setAttribute(name, value);
    }
    button.setAttribute('aria-pressed', String(pressed));
    button.setAttribute('aria-disabled', String(!available));
    button.title = wanted.title;
  };

  // Clicks inside the closed root reach listeners on the host retargeted; a page's `host.click()`
  // or dispatched event arrives with isTrusted false and is ignored.
  host.addEventListener(
    'click',
    (event) => {
      event.stopPropagation();
      if (!event.isTrusted) return;
      if (!available) {
        options.onUnavailablePress();
        return;
      }
      pressed = !pressed;
      reflect();
      options.onUserChange(pressed);
    },
    { signal: options.signal },
  );
  // The page's own shortcuts must not see keys typed on Signet's buttons.
  host.addEventListener('keydown', (event) => event.stopPropagation(), { signal: options.signal });

  const observer = new MutationObserver(reflect);
  observer.observe(host, { attributes: true });
  options.signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  reflect();

  return {
    host,
    get pressed() {
      return pressed;
    },
    setPressed(value) {
      pressed = value;
      reflect();
    },
    setAvailable(value, why) {
      available = value;
      reason = why;
      if (!available) pressed = false;
      reflect();
    },
  };
}
