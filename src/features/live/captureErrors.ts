// Capture problems as the user reads them, each with the action that helps: install a program, pick
// another device, allow the microphone, or stream a WAV file instead.
import * as vscode from 'vscode';
import { CaptureError, installHint, lastLine, type CapturePlatform } from '../../core/capture';
import { showNotice, type NoticeButton } from '../shared/notice';
import { CAPTURE_COMMAND_SETTING, noCaptureProgramText } from './microphone';

export interface CaptureErrorActions {
  /** Start again, asking for the device. */
  pickDevice(): Promise<void>;
  /** Start again with a WAV file. */
  useWav(): Promise<void>;
  showLog(): void;
}

const MAC_MICROPHONE_PRIVACY = 'x-apple.systempreferences:com.apple.preference.security?Privacy_Microphone';

export function captureErrorText(error: CaptureError, platform: CapturePlatform | undefined = error.platform): string {
  const program = error.program ?? vscode.l10n.t('the capture program');
  const said = lastLine(error.stderr);
  const tail = said ? ' ' + vscode.l10n.t('It said: "{0}".', said) : '';
  switch (error.problem) {
    case 'no_backend':
      return noCaptureProgramText(platform && installHint(platform));
    case 'bad_command':
      return vscode.l10n.t('The "{0}" setting is not usable: {1}', CAPTURE_COMMAND_SETTING, error.message);
    case 'program_missing':
      return vscode.l10n.t('The capture program "{0}" is not installed or not on PATH. Install it, or change "{1}".', program, CAPTURE_COMMAND_SETTING);
    case 'device_busy':
      return vscode.l10n.t('The input device is busy: another program is using it. Close that program or pick another device.') + tail;
    case 'device_missing':
      return vscode.l10n.t('The input device was not found. Plug it in, or pick another device.') + tail;
    case 'permission_denied':
      return platform === 'darwin'
        ? vscode.l10n.t(
            'macOS did not allow the microphone. In System Settings → Privacy & Security → Microphone, allow VS Code (the capture program {0} runs as part of it), then start again.',
            program,
          )
        : vscode.l10n.t('Access to the input device was denied to {0}. Check the device permissions (on Linux, membership of the "audio" group).', program) +
            tail;
    case 'no_audio':
      return vscode.l10n.t('{0} started but delivered no audio. The device may be wrong or stalled: pick another device.', program);
    case 'program_died':
      return (
        vscode.l10n.t('The capture program {0} stopped ({1}).', program, error.howItEnded) +
        tail +
        ' ' +
        vscode.l10n.t('What was captured so far is kept in the task.')
      );
  }
}

/** Shows the problem with its buttons and carries out the one chosen. */
export async function showCaptureError(error: CaptureError, actions: CaptureErrorActions): Promise<void> {
  const pickDevice: NoticeButton = { label: vscode.l10n.t('Pick Another Device'), run: () => actions.pickDevice() };
  const useWav: NoticeButton = { label: vscode.l10n.t('Use a WAV File'), run: () => actions.useWav() };
  const buttons: NoticeButton[] = [];
  switch (error.problem) {
    case 'no_backend':
    case 'bad_command':
    case 'program_missing':
      buttons.push(
        { label: vscode.l10n.t('Open Settings'), run: () => vscode.commands.executeCommand('workbench.action.openSettings', CAPTURE_COMMAND_SETTING) },
        useWav,
      );
      break;
    case 'permission_denied':
      if (error.platform === 'darwin') {
        buttons.push({ label: vscode.l10n.t('Open Privacy Settings'), run: () => vscode.env.openExternal(vscode.Uri.parse(MAC_MICROPHONE_PRIVACY)) });
      }
      buttons.push(useWav);
      break;
    case 'program_died':
      buttons.push(pickDevice, { label: vscode.l10n.t('Show Log'), run: () => actions.showLog() });
      break;
    default:
      buttons.push(pickDevice, useWav);
  }
  await showNotice('error', vscode.l10n.t('Microphone: {0}', captureErrorText(error)), buttons);
}
