import type { Page } from 'puppeteer-core';
import { badgeSelector } from '../reading-support/signet-in-webmail';

/**
 * The problem codes the badge's details panel lists (`li[data-problem]`), read as a person sees
 * them: the badge is clicked open, and the closed shadow root is read over CDP (DOM.getDocument
 * with `pierce`), since no page script can reach into it.
 */
export async function readBadgeProblems(page: Page, messageId: string): Promise<{ code: string; text: string }[]> {
  const host = await page.waitForSelector(`${badgeSelector(messageId)}[data-signet-status]`);
  if (!host) throw new Error(`no badge on ${messageId}`);
  await host.click();
  const session = await page.createCDPSession();
  try {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const { root } = await session.send('DOM.getDocument', { depth: -1, pierce: true });
      const found: { code: string; text: string }[] = [];
      visit(root, found, false);
      if (found.length > 0 || Date.now() > deadline) return found;
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

/** Walks the whole tree (shadow roots included) for Signet badge hosts' `li[data-problem]`. */
function visit(node: DomNode, found: { code: string; text: string }[], insideBadge: boolean): void {
  const attributes = node.attributes ?? [];
  const inside = insideBadge || node.nodeName.toLowerCase() === 'signet-badge';
  const problemIndex = attributes.indexOf('data-problem');
  if (inside && node.nodeName === 'LI' && problemIndex >= 0 && problemIndex % 2 === 0) {
    found.push({ code: attributes[problemIndex + 1], text: textOf(node) });
  }
  for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) visit(child, found, inside);
}

function textOf(node: DomNode): string {
  if (node.nodeName === '#text') return node.nodeValue ?? '';
  return (node.children ?? []).map(textOf).join('');
}
