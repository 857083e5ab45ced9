// The questions before a live session: where the audio comes from (the microphone through a capture
// program, or a WAV file streamed in real time), what kind of recording, languages, recognition mode
// and summary template. Answers are remembered (no secrets) as the next defaults.
import path from 'node:path';
import * as vscode from 'vscode';
import type { Broadcast } from '../../core/vurbo/broadcasts';
import { BroadcastsApi } from '../../core/vurbo/broadcastsApi';
import { VurboClient } from '../../core/vurbo/client';
import { validateStartParams, type LiveStartParams, type RecognitionMode, type RecordingType } from '../../core/vurbo/liveProtocol';
import type { ProviderConnection } from '../shared/connection';
import { pickLanguages } from '../shared/languagePick';
import { optionalText } from '../shared/errorMessages';
import { showNotice } from '../shared/notice';
import { captureAvailability, pickMicrophone, unavailableText, type CaptureAvailability, type MicrophoneChoice } from './microphone';

const LAST_CHOICES = 'speechApi.vurbo.live.lastChoices';

interface Remembered {
  type?: RecordingType;
  recognitionMode?: RecognitionMode;
  transcriptionLanguages?: string[];
  translationLanguages?: string[];
  summaryTemplate?: string;
  folder?: string;
  source?: AudioSourceKind;
}

export type AudioSourceKind = 'microphone' | 'wav';

/** Where the audio comes from. */
export type LiveAudioChoice = { kind: 'wav'; file: vscode.Uri } | { kind: 'microphone'; mic: MicrophoneChoice };

export interface LiveStartRequest {
  audio: LiveAudioChoice;
  params: LiveStartParams;
  /** For broadcast sessions: the broadcast being hosted. */
  broadcast?: Broadcast;
}

/** The recording types (built on use, so the strings follow the display language's bundle). */
function recordingTypes(): { type: RecordingType; label: string; detail: string }[] {
  return [
    {
      type: 'transcribe',
      label: vscode.l10n.t('Transcribe'),
      detail: vscode.l10n.t('Speech to text with optional translation and a summary (one device, one or more speakers).'),
    },
    { type: 'conversation', label: vscode.l10n.t('Conversation'), detail: vscode.l10n.t('Two-way interpretation between two languages.') },
    { type: 'record', label: vscode.l10n.t('Record'), detail: vscode.l10n.t('Plain recording: transcript only, no translation or summary.') },
    {
      type: 'broadcast',
      label: vscode.l10n.t('Broadcast'),
      detail: vscode.l10n.t('Host one of your broadcasts: viewers with the share link follow the captions.'),
    },
  ];
}

export interface LiveStartOptions {
  /** A WAV file given up front (the Explorer's context menu): no source question. */
  file?: vscode.Uri;
  /** Skip the source question and use this one (the buttons of a capture error). */
  source?: AudioSourceKind;
  /** Host this broadcast: the wizard does not ask the recording type or which broadcast. */
  broadcast?: Broadcast;
  /** Shown when the user picks a microphone that cannot be used here. */
  microphoneUnavailable(reason: Extract<CaptureAvailability, { ok: false }>): Promise<void>;
}

/** Asks everything; undefined when the user cancels any step. */
export async function askLiveStart(
  conn: ProviderConnection,
  state: vscode.Memento,
  createBroadcast: () => Promise<void>,
  options: LiveStartOptions,
): Promise<LiveStartRequest | undefined> {
  const last = state.get<Remembered>(LAST_CHOICES) ?? {};
  const capture = options.file ? undefined : captureAvailability();
  const askSource = !options.file && !options.source;
  // Steps are counted for the path the answers so far lead to (a plain recording has fewer).
  let done = 0;
  let total = (options.file ? 0 : 1) + (askSource ? 1 : 0) + (options.broadcast ? 4 : 6);
  const step = (name: string) => vscode.l10n.t('Live Session ({0}/{1}): {2}', ++done, total, name);
  let sourceKind: AudioSourceKind = options.file ? 'wav' : (options.source ?? 'wav');
  if (askSource) {
    const picked = await pickSource(capture!, last.source, step(vscode.l10n.t('audio source')));
    if (!picked) return undefined;
    sourceKind = picked;
  }
  let audio: LiveAudioChoice;
  if (sourceKind === 'microphone') {
    if (!capture?.ok) {
      await options.microphoneUnavailable(capture && !capture.ok ? capture : { ok: false, reason: 'platform' });
      return undefined;
    }
    const mic = await pickMicrophone(state, capture, step(vscode.l10n.t('input device')));
    if (!mic) return undefined;
    audio = { kind: 'microphone', mic };
  } else {
    const file = options.file ?? (await pickWav(last.folder, step(vscode.l10n.t('pick a WAV file to stream.'))));
    if (!file) return undefined;
    audio = { kind: 'wav', file };
  }
  const sourceName = audio.kind === 'wav' ? path.basename(audio.file.fsPath) : vscode.l10n.t('Microphone ({0})', audio.mic.deviceLabel);

  const typePick = options.broadcast
    ? { type: 'broadcast' as const }
    : await vscode.window.showQuickPick(
        recordingTypes().map((t) => ({ ...t, description: t.type === last.type ? vscode.l10n.t('last used') : undefined })),
        { title: step(vscode.l10n.t('recording type')), placeHolder: vscode.l10n.t('{0} — what kind of session?', sourceName), ignoreFocusOut: true },
      );
  if (!typePick) return undefined;
  const type = typePick.type;
  total = done + (type === 'broadcast' && !options.broadcast ? 1 : 0) + 2 + (type === 'record' ? 0 : 2);

  let broadcast: Broadcast | undefined;
  if (type === 'broadcast') {
    broadcast = options.broadcast ?? (await pickBroadcast(conn, createBroadcast, step(vscode.l10n.t('which broadcast to host?'))));
    if (!broadcast) return undefined;
  }

  const modePick = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t('Single speaker'), mode: 'single' as const, detail: vscode.l10n.t('Up to two transcription languages.') },
      {
        label: vscode.l10n.t('Multiple speakers'),
        mode: 'multi_speaker' as const,
        detail: vscode.l10n.t('Speaker diarization: labels each sentence with a speaker. Needs exactly one transcription language.'),
      },
    ].map((m) => ({ ...m, description: m.mode === last.recognitionMode ? vscode.l10n.t('last used') : undefined })),
    { title: step(vscode.l10n.t('recognition mode')), ignoreFocusOut: true },
  );
  if (!modePick) return undefined;

  const transcriptionLanguages = await pickLanguages({
    title: step(modePick.mode === 'single' ? vscode.l10n.t('spoken languages (at most 2)') : vscode.l10n.t('spoken language (exactly 1)')),
    many: modePick.mode === 'single',
    preselect: broadcast ? [broadcast.transcriptionLanguage] : (last.transcriptionLanguages ?? ['en-US']),
    validate: (langs) =>
      optionalText(validateStartParams({ type, transcriptionLanguages: langs, recognitionMode: modePick.mode, broadcastId: broadcast?.id ?? 'x' })),
  });
  if (!transcriptionLanguages) return undefined;

  let translationLanguages: string[] = [];
  if (type !== 'record') {
    const picked = await pickLanguages({
      title: step(vscode.l10n.t('translate into (none is fine)')),
      many: true,
      allowNone: true,
      exclude: transcriptionLanguages,
      preselect: broadcast ? broadcast.translationLanguages : (last.translationLanguages ?? []),
    });
    if (!picked) return undefined;
    translationLanguages = picked;
  }

  let summaryTemplate: string | undefined;
  if (type !== 'record') {
    const template = await pickTemplate(
      conn,
      broadcast?.summaryTemplate ?? last.summaryTemplate,
      type === 'transcribe',
      step(vscode.l10n.t('summary template')),
    );
    if (template === undefined) return undefined;
    summaryTemplate = template || undefined;
  }

  const params: LiveStartParams = {
    type,
    transcriptionLanguages,
    translationLanguages,
    recognitionMode: modePick.mode,
    summaryTemplate,
    broadcastId: broadcast?.id,
  };
  await state.update(LAST_CHOICES, {
    type,
    recognitionMode: modePick.mode,
    transcriptionLanguages,
    translationLanguages,
    summaryTemplate,
    folder: audio.kind === 'wav' ? path.dirname(audio.file.fsPath) : last.folder,
    source: audio.kind,
  } satisfies Remembered);
  return { audio, params, broadcast };
}

/** Microphone first when capture is possible here; otherwise it comes second, saying why not. */
async function pickSource(capture: CaptureAvailability, last: AudioSourceKind | undefined, title: string): Promise<AudioSourceKind | undefined> {
  const lastUsed = (kind: AudioSourceKind) => (kind === last ? vscode.l10n.t('last used') : undefined);
  const mic = {
    source: 'microphone' as const,
    label: `$(mic) ${vscode.l10n.t('Microphone')}`,
    description: capture.ok ? lastUsed('microphone') : vscode.l10n.t('not available here'),
    detail: capture.ok
      ? vscode.l10n.t('Speak and see live captions. Captured with {0}.', capture.custom ? capture.custom[0] : capture.backend!.program)
      : unavailableText(capture),
  };
  const wav = {
    source: 'wav' as const,
    label: `$(file-media) ${vscode.l10n.t('WAV file')}`,
    description: lastUsed('wav'),
    detail: vscode.l10n.t('Stream a 16-bit PCM WAV file in real time, as if it were spoken now.'),
  };
  const pick = await vscode.window.showQuickPick(capture.ok ? [mic, wav] : [wav, mic], {
    title,
    placeHolder: vscode.l10n.t('Where does the audio come from?'),
    ignoreFocusOut: true,
  });
  return pick?.source;
}

async function pickWav(folder: string | undefined, title: string): Promise<vscode.Uri | undefined> {
  const workspace = vscode.workspace.workspaceFolders?.[0]?.uri;
  const picked = await vscode.window.showOpenDialog({
    title: `${title} ${vscode.l10n.t('The file is streamed in real time, as if it were spoken now.')}`,
    openLabel: vscode.l10n.t('Stream This WAV File'),
    canSelectMany: false,
    canSelectFolders: false,
    filters: { [vscode.l10n.t('WAV audio (16-bit PCM)')]: ['wav', 'wave'] },
    defaultUri: folder ? vscode.Uri.file(folder) : workspace,
  });
  return picked?.[0];
}

async function pickBroadcast(conn: ProviderConnection, createBroadcast: () => Promise<void>, title: string): Promise<Broadcast | undefined> {
  const page = await new BroadcastsApi(new VurboClient(conn)).list({ perPage: 100 });
  const usable = page.items.filter((b) => b.status !== 'revoked');
  if (usable.length === 0) {
    await showNotice('info', vscode.l10n.t('You have no broadcasts yet. Create one first, then host it from a live session.'), [
      { label: vscode.l10n.t('Create Broadcast'), run: createBroadcast },
    ]);
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    usable.map((b) => ({
      label: b.name,
      description: `${b.token} · ${b.isLive ? 'live' : b.status}`,
      detail: `${b.transcriptionLanguage} → ${b.translationLanguages.join(', ') || vscode.l10n.t('no translation')} · ${b.accessType === 'password' ? vscode.l10n.t('password') : vscode.l10n.t('public')}`,
      b,
    })),
    { title, ignoreFocusOut: true },
  );
  return pick?.b;
}

/** '' = no summary; undefined = cancelled. */
async function pickTemplate(conn: ProviderConnection, last: string | undefined, recommended: boolean, title: string): Promise<string | undefined> {
  let templates: { slug: string; name: string; description?: string }[];
  try {
    templates = await new VurboClient(conn).listSummaryTemplates('all');
  } catch {
    // The live session does not depend on this list: offer the documented slugs.
    templates = [
      { slug: 'general', name: 'General Summary' },
      { slug: 'meeting', name: 'Meeting Record' },
    ];
  }
  const items = [
    ...templates.map((t) => ({
      label: t.name,
      description: t.slug === last ? vscode.l10n.t('{0} · last used', t.slug) : t.slug,
      detail: t.description,
      slug: t.slug,
    })),
    {
      label: vscode.l10n.t('No summary'),
      description: recommended ? vscode.l10n.t('transcribe sessions are summarised only with a template') : '',
      detail: undefined,
      slug: '',
    },
  ];
  const pick = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Generated after you stop the session'), ignoreFocusOut: true });
  return pick?.slug;
}
