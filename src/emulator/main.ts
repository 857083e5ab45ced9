// `node dist/emulator.js [--port P] [--vurbo-key K] [--valossa-key K] [--json]`
// Starts the sandbox on 127.0.0.1 and prints its base URLs and sandbox keys.
import { startEmulator } from './index';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    console.log('usage: emulator [--port P] [--vurbo-key vas_…] [--valossa-key K] [--job-step-ms N] [--json]');
    return;
  }
  const port = Number(arg('port') ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('--port must be an integer from 0 to 65535');
    process.exit(2);
  }
  const emu = await startEmulator({
    port,
    keys: { valossa: arg('valossa-key') ?? process.env.SPEECH_API_SANDBOX_VALOSSA_KEY, vurbo: arg('vurbo-key') ?? process.env.SPEECH_API_SANDBOX_VURBO_KEY },
    jobStepMs: arg('job-step-ms') ? Number(arg('job-step-ms')) : undefined,
  });
  const info = { port: emu.port, origin: emu.origin, valossaBaseUrl: emu.valossaBaseUrl, vurboBaseUrl: emu.vurboBaseUrl, keys: emu.keys };
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(info));
  } else {
    console.log(`Speech API sandbox listening on ${emu.origin}`);
    console.log(`  Valossa base URL: ${emu.valossaBaseUrl}`);
    console.log(`  Vurbo base URL:   ${emu.vurboBaseUrl}`);
    console.log(`  Sandbox Valossa key: ${emu.keys.valossa}`);
    console.log(`  Sandbox Vurbo key:   ${emu.keys.vurbo}`);
    console.log('These keys only work against this sandbox. Ctrl-C stops it.');
  }
  const stop = () => void emu.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // When started by the extension (fork), stop with the parent.
  process.on('disconnect', stop);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
