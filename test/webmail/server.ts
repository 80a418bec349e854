import { parseArgs } from 'node:util';
import { startWebmail } from './start-webmail';

/**
 * `npm run webmail -- --port P --import DIR [--data DIR] [--rewrite-sent]`: the demo webmail on
 * 127.0.0.1:P. Stops on Ctrl-C.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8025' },
      import: { type: 'string' },
      data: { type: 'string' },
      'rewrite-sent': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log('usage: npm run webmail -- --port P --import DIR [--data DIR] [--rewrite-sent]');
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`--port must be a port number, not ${values.port}`);
  }
  const webmail = await startWebmail({ port, importDir: values.import, dataDir: values.data, rewriteSent: values['rewrite-sent'] });
  console.log(`demo webmail: ${webmail.origin}/ (data in ${webmail.dataDir}; filed ${webmail.imported.filed} message(s))`);
  for (const skipped of webmail.imported.skipped) {
    console.log(`  skipped ${skipped}`);
  }
  if (values['rewrite-sent']) {
    console.log('  --rewrite-sent: sent mail is re-encoded the way providers do (test/webmail/rewrite-sent.ts)');
  }
  const stop = (): void => {
    void webmail.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`demo webmail: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
