import type { CDPSession, Page } from 'puppeteer-core';

/**
 * Evaluates code in the isolated world where the extension's content script runs in `page`, as
 * the content script itself would (CDP lists that world as an execution context named after the
 * extension, with the extension's origin).
 */
export async function openContentScriptWorld(page: Page, extensionOrigin: string): Promise<{
  evaluate<Result>(expression: string): Promise<Result>;
  close(): Promise<void>;
}> {
  const session: CDPSession = await page.createCDPSession();
  const contexts: { id: number; origin: string; type?: string }[] = [];
  session.on('Runtime.executionContextCreated', ({ context }) => {
    const auxData: unknown = context.auxData;
    const type = typeof auxData === 'object' && auxData !== null && 'type' in auxData ? String(auxData.type) : undefined;
    contexts.push({ id: context.id, origin: context.origin, type });
  });
  await session.send('Runtime.enable');
  const deadline = Date.now() + 15_000;
  let world = contexts.find((context) => context.type === 'isolated' && context.origin === extensionOrigin);
  while (!world) {
    if (Date.now() > deadline) throw new Error('The content script did not start in the page.');
    await new Promise((resolve) => setTimeout(resolve, 50));
    world = contexts.find((context) => context.type === 'isolated' && context.origin === extensionOrigin);
  }
  const contextId = world.id;
  return {
    async evaluate<Result>(expression: string): Promise<Result> {
      const { result, exceptionDetails } = await session.send('Runtime.evaluate', {
        expression,
        contextId,
        awaitPromise: true,
        returnByValue: true,
      });
      if (exceptionDetails) throw new Error(`Content-script evaluation failed: ${exceptionDetails.text}`);
      return result.value as Result;
    },
    close: () => session.detach(),
  };
}
