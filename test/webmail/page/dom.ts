/** A tiny element builder, so views read as their DOM: `element('div', { class: 'adn ads' }, child)`. */
export type Child = Node | string | null | undefined | false;

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined) {
      created.setAttribute(name, value);
    }
  }
  for (const child of children) {
    if (child !== null && child !== undefined && child !== false) {
      created.append(child);
    }
  }
  return created;
}

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Sat, Nov 28, 2026, 7:00 PM", as Gmail's date title. */
export function formatLongDate(milliseconds: number): string {
  const date = new Date(milliseconds);
  return date.toLocaleString('en-US', {
    weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit',
  });
}

/** "7:00 PM" today, else "Nov 28", as Gmail's inbox column. */
export function formatShortDate(milliseconds: number): string {
  const date = new Date(milliseconds);
  const now = new Date();
  if (date.toDateString() === now.toDateString()) {
    return date.toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' });
  }
  return `${monthNames[date.getMonth()]} ${date.getDate()}`;
}
