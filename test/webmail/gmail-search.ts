import type { MailStore, StoredMessage } from './mail-store';
import { summarizeMessage } from './message-view-model';

/**
 * The part of Gmail's search syntax (messages.list `q`) the demo understands: `rfc822msgid:`,
 * `in:`, `label:`, `is:unread`/`is:read`, `from:`, `to:`, `subject:` and plain words (subject,
 * snippet, sender). Every term must match.
 */
export interface SearchQuery {
  terms: { field: string; value: string }[];
}

export function parseQuery(query: string): SearchQuery {
  const terms = [...query.matchAll(/(?:(\w+):)?("[^"]*"|\S+)/g)].map((match) => ({
    field: (match[1] ?? '').toLowerCase(),
    value: match[2].replace(/^"|"$/g, '').toLowerCase(),
  }));
  return { terms };
}

export async function matchesQuery(store: MailStore, message: StoredMessage, query: SearchQuery): Promise<boolean> {
  if (query.terms.length === 0) {
    return true;
  }
  let summary: Awaited<ReturnType<typeof summarizeMessage>> | undefined;
  const describe = async () => (summary ??= await summarizeMessage(store, message));
  for (const { field, value } of query.terms) {
    const labels = message.labelIds.map((label) => label.toLowerCase());
    switch (field) {
      case 'rfc822msgid': {
        const wanted = value.replace(/^<|>$/g, '');
        if ((message.rfc822MessageId ?? '').toLowerCase().replace(/^<|>$/g, '') !== wanted) return false;
        break;
      }
      case 'in':
      case 'label':
        if (!labels.includes(value)) return false;
        break;
      case 'is':
        if (value === 'unread' ? !labels.includes('unread') : value === 'read' ? labels.includes('unread') : !labels.includes(value)) return false;
        break;
      case 'from':
        if (!JSON.stringify((await describe()).from).toLowerCase().includes(value)) return false;
        break;
      case 'to':
        if (!JSON.stringify([...(await describe()).to, ...(await describe()).cc]).toLowerCase().includes(value)) return false;
        break;
      case 'subject':
        if (!(await describe()).subject.toLowerCase().includes(value)) return false;
        break;
      default: {
        const described = await describe();
        const haystack = `${described.subject} ${described.snippet} ${JSON.stringify(described.from)}`.toLowerCase();
        if (!haystack.includes(field ? `${field}:${value}` : value)) return false;
      }
    }
  }
  return true;
}
