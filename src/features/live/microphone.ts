// The microphone as a live-session source: whether capture is possible here (a local window with a
// capture program, or the captureCommand setting), which device to use (remembered per machine),
// and the command that captures it.
import * as vscode from 'vscode';
import {
  asCapturePlatform,
  backendsFor,
  buildCaptureCommand,
  customCaptureCommand,
  installHint,
  listCaptureDevices,
  programLookup,
  remoteIsThisMachine,
  type CaptureBackend,
  type CaptureCommand,
  type CaptureDevice,
  type CapturePlatform,
} from '../../core/capture';
import { LIVE_PCM } from '../../core/vurbo/liveProtocol';

export const CAPTURE_COMMAND_SETTING = 'speechApi.live.captureCommand';

export type CaptureAvailability =
  | { readonly ok: true; readonly platform: CapturePlatform; readonly backend?: CaptureBackend; readonly custom?: readonly string[] }
  /** remote: the extension host is not on the user's machine; none: no capture program installed. */
  | {
      readonly ok: false;
      readonly reason: 'remote' | 'none' | 'platform';
      readonly platform?: CapturePlatform;
      readonly install?: string;
      readonly remoteName?: string;
    };

export interface MicrophoneChoice {
  readonly command: CaptureCommand;
  readonly platform: CapturePlatform;
  /** The device's name for people ("System default" when none was picked). */
  readonly deviceLabel: string;
}

/** Can this window capture a microphone, and with what? Looks programs up on PATH, runs nothing. */
export function captureAvailability(): CaptureAvailability {
  const remoteName = vscode.env.remoteName;
  if (!remoteIsThisMachine(remoteName)) return { ok: false, reason: 'remote', remoteName };
  const platform = asCapturePlatform(process.platform);
  if (!platform) return { ok: false, reason: 'platform' };
  const custom = vscode.workspace.getConfiguration().get<unknown>(CAPTURE_COMMAND_SETTING);
  const backend = backendsFor(platform, programLookup(process.env, platform))[0];
  if (Array.isArray(custom) && custom.length > 0) return { ok: true, platform, backend, custom: custom as string[] };
  if (!backend) return { ok: false, reason: 'none', platform, install: installHint(platform) };
  return { ok: true, platform, backend };
}

/** Said when no capture program is found, before a session (the wizard) and when one fails to start. */
export function noCaptureProgramText(install = 'ffmpeg'): string {
  return vscode.l10n.t('No audio capture program is installed. Install {0}, or set "{1}".', install, CAPTURE_COMMAND_SETTING);
}

/** Why the microphone cannot be used here, as the user reads it. */
export function unavailableText(a: Extract<CaptureAvailability, { ok: false }>): string {
  switch (a.reason) {
    case 'remote':
      return vscode.l10n.t(
        'This window is connected to {0}: the extension runs there, where there is usually no microphone. Stream a WAV file instead.',
        a.remoteName ?? 'a remote machine',
      );
    case 'none':
      return noCaptureProgramText(a.install);
    case 'platform':
      return vscode.l10n.t('Microphone capture is not supported on {0}. Stream a WAV file instead.', process.platform);
  }
}

interface RememberedDevice {
  backend: string;
  device?: string;
  label: string;
}

/** Per machine: a device name means nothing on another computer (globalState may sync). */
function deviceKey(): string {
  return `speechApi.vurbo.live.microphone.${vscode.env.machineId}`;
}

/** Asks for the input device (when the backend can list them); undefined when cancelled. */
export async function pickMicrophone(
  state: vscode.Memento,
  available: Extract<CaptureAvailability, { ok: true }>,
  title: string,
): Promise<MicrophoneChoice | undefined> {
  const { platform, backend, custom } = available;
  const backendName = custom ? 'custom' : backend!.id;
  const devices = backend ? await listCaptureDevices(backend.devices) : [];
  const last = state.get<RememberedDevice>(deviceKey());
  const remembered = last?.backend === backendName ? last : undefined;
  type Item = vscode.QuickPickItem & { device?: CaptureDevice };
  const defaultItem: Item = {
    label: `$(mic) ${vscode.l10n.t('System default')}`,
    description: remembered && !remembered.device ? vscode.l10n.t('last used') : undefined,
    detail: vscode.l10n.t('The input device the system uses by default.'),
  };
  const deviceItems: Item[] = devices.map((d) => ({
    label: `${d.monitor ? '$(unmute)' : '$(mic)'} ${d.label}`,
    description:
      [d.id === remembered?.device ? vscode.l10n.t('last used') : undefined, d.monitor ? vscode.l10n.t('monitor: what an output plays') : undefined]
        .filter(Boolean)
        .join(' · ') || undefined,
    detail: d.detail,
    device: d,
  }));
  const needsDevice = !custom && backend?.needsDevice;
  const items = needsDevice ? deviceItems : [defaultItem, ...deviceItems];
  if (items.length === 0) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('{0} lists no input devices. Connect a microphone, or check that the system sees one.', backend!.program),
    );
    return undefined;
  }
  const lastItem = items.find((i) => (i.device?.id ?? undefined) === remembered?.device && (i.device || !needsDevice));
  const ordered = lastItem ? [lastItem, ...items.filter((i) => i !== lastItem)] : items;
  let chosen: Item | undefined = ordered[0];
  if (ordered.length > 1) {
    chosen = await vscode.window.showQuickPick(ordered, {
      title,
      placeHolder: vscode.l10n.t('Which input? Captured with {0}.', custom ? custom[0] : backend!.program),
      ignoreFocusOut: true,
      matchOnDescription: true,
      matchOnDetail: true,
    });
  }
  if (!chosen) return undefined;
  const device = chosen.device?.id;
  const deviceLabel = chosen.device?.label ?? vscode.l10n.t('System default');
  const format = { sampleRate: LIVE_PCM.sampleRate };
  let command: CaptureCommand;
  if (custom) {
    const built = customCaptureCommand(custom, format, device);
    if (typeof built === 'string') {
      void vscode.window.showErrorMessage(vscode.l10n.t('The "{0}" setting is not usable: {1}.', CAPTURE_COMMAND_SETTING, built));
      return undefined;
    }
    command = built;
  } else {
    command = buildCaptureCommand(backend!, platform, format, device);
  }
  await state.update(deviceKey(), { backend: backendName, device, label: deviceLabel } satisfies RememberedDevice);
  return { command, platform, deviceLabel };
}
