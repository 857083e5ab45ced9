// `node dist/emulator.js [--port P] [--state-file F] [--vurbo-key K] [--valossa-key K] [--json]` and the switches for
// the behaviours the docs leave open (see --help and docs/api-assumptions.md).
// Starts the sandbox on 127.0.0.1 and prints its base URLs and sandbox keys.
import { BATCH_REVOKE_FIELDS } from '../core/vurbo/inferred';
import { startEmulator } from './index';
import { generateVurboKey } from './keys';
import { VURBO_KEY_FAILURES, type EmulatorOptions, type VurboKeyFailure } from './options';

const USAGE = `usage: emulator [--port P] [--state-file FILE] [--vurbo-key vas_…] [--valossa-key K] [--job-step-ms N] [--json]
  --state-file FILE       keep port, keys, jobs and tasks in FILE: started again with it, the sandbox
                          comes back the same (on the same port unless --port says otherwise or it is taken)
  Where the docs are silent, behave another way a real server may:
  --sse-no-ids            SSE events without id: lines (a reconnect gets the stream from its start)
  --sse-end close|unknownTerminal
                          end SSE streams by closing, or with a terminal event named stream_end
  --error-shape flat      Vurbo REST errors as {error_code, message} instead of the unified envelope
  --batch-revoke-field ${BATCH_REVOKE_FIELDS.join('|')}
                          the one body field DELETE /api/v1/broadcasts/batch takes its ids in (default ids)
  --no-health-reply       the live service answers ping frames but not the JSON health message
  --key-failure CODE      also accept (and refuse) one generated key with a documented auth error:
                          ${Object.keys(VURBO_KEY_FAILURES).join(', ')} (repeatable)`;

function args(name: string): string[] {
  return process.argv.flatMap((a, i) => (a === `--${name}` && process.argv[i + 1] !== undefined ? [process.argv[i + 1]] : []));
}

/** The behaviour switches, or the reason one is not understood. */
function behaviour(): Pick<EmulatorOptions, 'sseIds' | 'sseEnd' | 'vurboErrorShape' | 'vurboKeyFailures' | 'batchRevokeField'> | string {
  const end = arg('sse-end');
  if (end !== undefined && end !== 'close' && end !== 'unknownTerminal') return '--sse-end takes close or unknownTerminal';
  const shape = arg('error-shape');
  if (shape !== undefined && shape !== 'flat' && shape !== 'unified') return '--error-shape takes flat or unified';
  const revokeField = arg('batch-revoke-field');
  const batchRevokeField = BATCH_REVOKE_FIELDS.find((f) => f === revokeField);
  if (revokeField !== undefined && !batchRevokeField) return `--batch-revoke-field takes ${BATCH_REVOKE_FIELDS.join(' or ')}`;
  const failures: Record<string, VurboKeyFailure> = {};
  for (const code of args('key-failure')) {
    if (!(code in VURBO_KEY_FAILURES)) return `--key-failure takes one of ${Object.keys(VURBO_KEY_FAILURES).join(', ')}`;
    failures[generateVurboKey()] = code as VurboKeyFailure;
  }
  return { sseIds: !process.argv.includes('--sse-no-ids'), sseEnd: end, vurboErrorShape: shape, vurboKeyFailures: failures, batchRevokeField };
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    console.log(USAGE);
    return;
  }
  const switches = behaviour();
  if (typeof switches === 'string') {
    console.error(switches);
    process.exit(2);
  }
  const port = arg('port') === undefined ? undefined : Number(arg('port'));
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    console.error('--port must be an integer from 0 to 65535');
    process.exit(2);
  }
  const emu = await startEmulator({
    port,
    keys: { valossa: arg('valossa-key') ?? process.env.SPEECH_API_SANDBOX_VALOSSA_KEY, vurbo: arg('vurbo-key') ?? process.env.SPEECH_API_SANDBOX_VURBO_KEY },
    jobStepMs: arg('job-step-ms') ? Number(arg('job-step-ms')) : undefined,
    stateFile: arg('state-file'),
    log: (line) => console.error(line),
    ...switches,
  });
  if (process.argv.includes('--no-health-reply')) emu.live.settings.answerHealth = false;
  const failingKeys = Object.entries(switches.vurboKeyFailures ?? {}).map(([key, code]) => ({ key, code }));
  // list_jobs and job_status carry no title (valossa-core.md); the sandbox's own jobs get theirs from here.
  const valossaJobTitles = Object.fromEntries(
    emu.valossa
      .snapshot()
      .filter((j) => j.apiKey === emu.keys.valossa)
      .flatMap((j) => {
        const title = (j.request.media as { title?: unknown } | undefined)?.title;
        return typeof title === 'string' ? [[j.id, title]] : [];
      }),
  );
  const info = {
    port: emu.port,
    origin: emu.origin,
    valossaBaseUrl: emu.valossaBaseUrl,
    vurboBaseUrl: emu.vurboBaseUrl,
    keys: emu.keys,
    failingKeys,
    valossaJobTitles,
  };
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(info));
  } else {
    console.log(`Speech API sandbox listening on ${emu.origin}`);
    console.log(`  Valossa base URL: ${emu.valossaBaseUrl}`);
    console.log(`  Vurbo base URL:   ${emu.vurboBaseUrl}`);
    console.log(`  Sandbox Valossa key: ${emu.keys.valossa}`);
    console.log(`  Sandbox Vurbo key:   ${emu.keys.vurbo}`);
    for (const f of failingKeys) console.log(`  Refused with ${f.code}: ${f.key}`);
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
