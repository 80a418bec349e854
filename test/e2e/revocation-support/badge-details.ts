import type { Page } from 'puppeteer-core';
import { badgeSelector } from '../reading-support/signet-in-webmail';

export interface BadgeDetails {
  /** `li[data-problem]`: the problem codes and their sentences. */
  problems: { code: string; text: string }[];
  /** `li[data-revocation-status]`: each revocation source's answer in words. */
  revocation: { code: string; text: string }[];
}

/**
 * What the badge's details panel lists, read as a person sees it: the badge is clicked open, and
 * the closed shadow root is read over CDP (DOM.getDocument with `pierce`), since no page script
 * can reach into it.
 */
export async function readBadgeDetails(page: Page, messageId: string): Promise<BadgeDetails> {
  const host = await page.waitForSelector(`${badgeSelector(messageId)}[data-signet-status]`);
  if (!host) throw new Error(`no badge on ${messageId}`);
  await host.click();
  const session = await page.createCDPSession();
  try {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const { root } = await session.send('DOM.getDocument', { depth: -1, pierce: true });
      const found: BadgeDetails = { problems: [], revocation: [] };
      visit(root, found, false);
      if (found.problems.length + found.revocation.length > 0 || Date.now() > deadline) return found;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await session.detach();
    await host.click(); // close the panel again
  }
}

interface DomNode {
  nodeName: string;
  nodeValue?: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
}

/** Walks the whole tree (shadow roots included) for Signet badge hosts' list items. */
function visit(node: DomNode, found: BadgeDetails, insideBadge: boolean): void {
  const attributes = node.attributes ?? [];
  const inside = insideBadge || node.nodeName.toLowerCase() === 'signet-badge';
  if (inside && node.nodeName === 'LI') {
    const attribute = (name: string): string | undefined => {
      const index = attributes.indexOf(name);
      return index >= 0 && index % 2 === 0 ? attributes[index + 1] : undefined;
    };
    const problem = attribute('data-problem');
    const revocation = attribute('data-revocation-status');
    if (problem !== undefined) found.problems.push({ code: problem, text: textOf(node) });
    if (revocation !== undefined) found.revocation.push({ code: revocation, text: textOf(node) });
  }
  for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) visit(child, found, inside);
}

function textOf(node: DomNode): string {
  if (node.nodeName === '#text') return node.nodeValue ?? '';
  return (node.children ?? []).map(textOf).join('');
}
