// Valossa job commands: create (URL or upload), refresh, open results and transcripts, cancel,
// delete, copy id. Long work shows progress and can be cancelled; errors go through showError.
import path from 'node:path';
import * as vscode from 'vscode';
import { ApiError } from '../../core/errors';
import { parseUrl } from '../../core/read';
import { toPlainText, toSrt, toVtt } from '../../core/transcript/format';
import { speakerTurns, speechSegments } from '../../core/valossa/transcript';
import { RESULT_TYPES, type CoreMetadata, type ResultType } from '../../core/valossa/types';
import { COMMAND } from '../shared/commandIds';
import type { Commands } from '../shared/commands';
import { uploadReporter, withCancellableProgress } from '../shared/progress';
import { resolveTargets, type TargetSource } from '../shared/targets';
import type { JobEntry, JobsModel } from './model';
import { jobKind, jobTitle } from './presentation';
import type { ResultDocuments } from './resultDocuments';
import { jobOfNode, type JobsTreeProvider } from './tree';

const VIDEO_EXTENSIONS = ['mp4', 'mov', 'mkv', 'webm', 'avi', 'mpg', 'mpeg', 'flv', 'm4v'];

export function validateVideoUrl(value: string): string | undefined {
  const v = value.trim();
  if (!v) return vscode.l10n.t('Paste a direct link to a video file.');
  const url = parseUrl(v);
  if (!url) return vscode.l10n.t('That is not a URL. It should start with https://');
  if (!['http:', 'https:', 'valossaupload:'].includes(url.protocol))
    return vscode.l10n.t('Valossa downloads http(s) links (or valossaupload:// URLs from an upload).');
  return undefined;
}

/** What job commands need from other features, wired in extension.ts. */
export interface JobsLinks {
  /** The views feature's job report. */
  openReport(job: { readonly id: string; readonly title: string }): Promise<void>;
}

export interface JobCommandDeps {
  readonly model: JobsModel;
  readonly tree: JobsTreeProvider;
  readonly documents: ResultDocuments;
  readonly links: JobsLinks;
}

export class JobCommands {
  constructor(private readonly deps: JobCommandDeps) {}

  register(commands: Commands): vscode.Disposable[] {
    return [
      commands.register(COMMAND.jobs.newJob, vscode.l10n.t('New Valossa job'), () => this.newJob()),
      commands.register(COMMAND.jobs.refresh, vscode.l10n.t('Refresh Valossa jobs'), () => this.deps.model.refresh()),
      commands.register(COMMAND.jobs.loadMore, vscode.l10n.t('Load more jobs'), () => this.deps.tree.showMore()),
      commands.register(COMMAND.jobs.openResults, vscode.l10n.t('Open results'), (node?: unknown, type?: ResultType) => this.openResults(node, type)),
      commands.register(COMMAND.jobs.openReport, vscode.l10n.t('Open report'), (node?: unknown) => this.openReport(node)),
      commands.register(COMMAND.jobs.openTranscript, vscode.l10n.t('Open transcript'), (node?: unknown) => this.openTranscript(node)),
      commands.register(COMMAND.jobs.cancel, vscode.l10n.t('Cancel job'), (node?: unknown) => this.cancelJob(node)),
      commands.register(COMMAND.jobs.delete, vscode.l10n.t('Delete job'), (node?: unknown) => this.deleteJob(node)),
      commands.register(COMMAND.jobs.copyId, vscode.l10n.t('Copy job ID'), (node?: unknown) => this.copyJobId(node)),
    ];
  }

  private readonly targets: TargetSource<JobEntry> = {
    fromNode: jobOfNode,
    byId: async (id) => this.deps.model.job(id) ?? (await this.deps.model.refresh(), this.deps.model.job(id)),
    candidates: async () => {
      if (this.deps.model.jobs.length === 0) await this.deps.model.refresh();
      return this.deps.model.jobs;
    },
    toPickItem: (entry) => ({ label: jobTitle(entry), description: vscode.l10n.t('{0} · {1}', entry.status.status, entry.id) }),
    get noneFits() {
      return vscode.l10n.t('No Valossa job fits. Create one with "Speech API: New Valossa Job".');
    },
  };

  /** The job a command applies to: the clicked node's, or one picked from the list. */
  private async pickJob(node: unknown, title: string, filter?: (e: JobEntry) => boolean): Promise<JobEntry | undefined> {
    return (await resolveTargets(this.targets, [node], { title, filter }))[0];
  }

  async newJob(): Promise<void> {
    const client = await this.deps.model.getClient();
    const source = await vscode.window.showQuickPick(
      [
        { label: `$(link) ${vscode.l10n.t('From a video URL…')}`, description: vscode.l10n.t('Valossa downloads the file'), id: 'url' as const },
        {
          label: `$(cloud-upload) ${vscode.l10n.t('Upload a local video file…')}`,
          description: vscode.l10n.t('Chunked upload, then analysis'),
          id: 'file' as const,
        },
      ],
      { title: vscode.l10n.t('New Valossa Job (1/3)'), placeHolder: vscode.l10n.t('Where is the video?') },
    );
    if (!source) return;
    let videoUrl: string | undefined;
    let mediaName: string;
    let file: vscode.Uri | undefined;
    if (source.id === 'url') {
      videoUrl = (
        await vscode.window.showInputBox({
          title: vscode.l10n.t('New Valossa Job (2/3): video URL'),
          placeHolder: 'https://example.com/video.mp4',
          prompt: vscode.l10n.t('A direct link to a video file (not a web page).'),
          ignoreFocusOut: true,
          validateInput: validateVideoUrl,
        })
      )?.trim();
      if (!videoUrl) return;
      mediaName = decodeURIComponent(new URL(videoUrl).pathname.split('/').pop() || videoUrl);
    } else {
      file = (
        await vscode.window.showOpenDialog({
          title: vscode.l10n.t('Video to analyse'),
          canSelectMany: false,
          filters: { [vscode.l10n.t('Videos')]: VIDEO_EXTENSIONS, [vscode.l10n.t('All files')]: ['*'] },
        })
      )?.[0];
      if (!file) return;
      mediaName = path.basename(file.fsPath);
    }
    const title = await vscode.window.showInputBox({
      title: vscode.l10n.t('New Valossa Job (3/3): job title (optional)'),
      value: mediaName.replace(/\.[^.]+$/, ''),
      prompt: vscode.l10n.t('Shown in the Jobs view and stored in the job metadata. Enter to accept.'),
      ignoreFocusOut: true,
    });
    if (title === undefined) return;
    const jobId = await withCancellableProgress(vscode.l10n.t('Creating Valossa job for {0}', mediaName), async (signal, progress) => {
      if (file) {
        videoUrl = await client.uploadFile(file.fsPath, { signal, onProgress: uploadReporter(progress) });
      }
      progress.report({ message: vscode.l10n.t('submitting the job') });
      return client.newJob({ videoUrl: videoUrl!, title: title.trim() || undefined }, signal);
    });
    await this.deps.model.remember(jobId, { title: title.trim() || undefined, mediaName });
    this.deps.model.update(await client.jobStatus(jobId));
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Valossa job "{0}" queued. The Jobs view follows it until it finishes.', title.trim() || mediaName),
    );
  }

  async openResults(node?: unknown, typeArg?: ResultType): Promise<void> {
    const entry = await this.pickJob(node, vscode.l10n.t('Results of which finished job?'), (e) => jobKind(e.status) === 'finished');
    if (!entry) return;
    let spec = typeArg ? RESULT_TYPES.find((t) => t.type === typeArg) : undefined;
    if (!typeArg) {
      const report = { label: `$(graph) ${vscode.l10n.t('Report')}`, description: vscode.l10n.t('detections, timeline and transcript, drawn'), t: undefined };
      const picked = await vscode.window.showQuickPick([report, ...RESULT_TYPES.map((t) => ({ label: t.label, description: t.type, t }))], {
        placeHolder: vscode.l10n.t('Which result?'),
      });
      if (picked === report) return this.deps.links.openReport({ id: entry.id, title: jobTitle(entry) });
      spec = picked?.t;
    }
    if (!spec) return;
    const client = await this.deps.model.getClient();
    const body = await withCancellableProgress(vscode.l10n.t('Downloading {0} of "{1}"', spec.label, jobTitle(entry)), (signal) =>
      client.jobResults(entry.id, spec.type, signal),
    );
    const content = typeof body === 'string' ? body : JSON.stringify(body, null, 2);
    const language = 'language' in spec ? spec.language : 'json';
    const extension = 'extension' in spec ? spec.extension : 'json';
    await this.deps.documents.show(entry.id, `${jobTitle(entry)} – ${spec.type}.${extension}`, content, language);
  }

  async openReport(node?: unknown): Promise<void> {
    const entry = await this.pickJob(node, vscode.l10n.t('Report of which finished job?'), (e) => jobKind(e.status) === 'finished');
    if (entry) await this.deps.links.openReport({ id: entry.id, title: jobTitle(entry) });
  }

  async openTranscript(node?: unknown): Promise<void> {
    const entry = await this.pickJob(node, vscode.l10n.t('Transcript of which finished job?'), (e) => jobKind(e.status) === 'finished');
    if (!entry) return;
    const formats = [
      { label: vscode.l10n.t('SRT subtitles'), description: vscode.l10n.t('from the speech segments'), id: 'srt' },
      { label: vscode.l10n.t('WebVTT subtitles'), description: vscode.l10n.t('from the speech segments'), id: 'vtt' },
      { label: vscode.l10n.t('Plain text'), description: vscode.l10n.t('one segment per line'), id: 'text' },
      { label: vscode.l10n.t('Plain text with speakers'), description: vscode.l10n.t('word-level speech grouped into speaker turns'), id: 'speakers' },
      { label: vscode.l10n.t('TTML (server)'), description: vscode.l10n.t('{0} as Valossa renders it', 'speech_to_text_ttml'), id: 'ttml' },
      { label: vscode.l10n.t('Avid text (server)'), description: vscode.l10n.t('{0} as Valossa renders it', 'speech_to_text_avid_txt'), id: 'avid' },
    ] as const;
    const format = await vscode.window.showQuickPick(formats, {
      title: vscode.l10n.t('Transcript of "{0}"', jobTitle(entry)),
      placeHolder: vscode.l10n.t('Format'),
    });
    if (!format) return;
    const client = await this.deps.model.getClient();
    const { content, language } = await withCancellableProgress(vscode.l10n.t('Fetching the transcript of "{0}"', jobTitle(entry)), async (signal) => {
      if (format.id === 'ttml') return { content: String(await client.jobResults(entry.id, 'speech_to_text_ttml', signal)), language: 'xml' };
      if (format.id === 'avid') return { content: String(await client.jobResults(entry.id, 'speech_to_text_avid_txt', signal)), language: 'plaintext' };
      const md = (await client.jobResults(entry.id, 'core', signal)) as CoreMetadata;
      if (format.id === 'speakers') {
        const turns = speakerTurns(md);
        return {
          content: turns.length
            ? toPlainText(turns, { speakers: true })
            : vscode.l10n.t('(This job has no word-level speech: the subscription may not include {0}.)', 'audio.speech_detailed') + '\n',
          language: 'plaintext',
        };
      }
      const segments = speechSegments(md);
      if (segments.length === 0) return { content: vscode.l10n.t('(No speech was detected in this video.)') + '\n', language: 'plaintext' };
      if (format.id === 'srt') return { content: toSrt(segments), language: 'srt' };
      if (format.id === 'vtt') return { content: toVtt(segments), language: 'vtt' };
      return { content: toPlainText(segments), language: 'plaintext' };
    });
    const extension = { srt: 'srt', vtt: 'vtt', xml: 'ttml' }[language] ?? 'txt';
    // Each format its own tab: three of them are .txt.
    const name =
      { speakers: vscode.l10n.t('transcript with speakers'), avid: vscode.l10n.t('transcript (Avid)') }[format.id as string] ?? vscode.l10n.t('transcript');
    await this.deps.documents.show(entry.id, `${jobTitle(entry)} – ${name}.${extension}`, content, language);
  }

  async cancelJob(node?: unknown): Promise<void> {
    const entry = await this.pickJob(node, vscode.l10n.t('Cancel which queued job?'), (e) => jobKind(e.status) === 'queued');
    if (!entry) return;
    const client = await this.deps.model.getClient();
    try {
      await client.cancelJob(entry.id);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'valossa_cannot_cancel') {
        void vscode.window.showWarningMessage(
          vscode.l10n.t('"{0}" has already started, so it can no longer be cancelled. You can delete it instead.', jobTitle(entry)),
        );
        return;
      }
      throw e;
    }
    this.deps.model.update(await client.jobStatus(entry.id).catch(() => ({ ...entry.status, status: 'error', details: 'cancelled' })));
    void vscode.window.showInformationMessage(vscode.l10n.t('Cancelled "{0}".', jobTitle(entry)));
  }

  async deleteJob(node?: unknown): Promise<void> {
    const entry = await this.pickJob(node, vscode.l10n.t('Delete which job?'));
    if (!entry) return;
    const deleteButton = vscode.l10n.t('Delete');
    const ok = await vscode.window.showWarningMessage(
      vscode.l10n.t('Delete the Valossa job "{0}"?', jobTitle(entry)),
      {
        modal: true,
        detail: vscode.l10n.t(
          'This permanently removes the job, its video and all its results from Valossa (job {0}). Download anything you need first.',
          entry.id,
        ),
      },
      deleteButton,
    );
    if (ok !== deleteButton) return;
    const client = await this.deps.model.getClient();
    await client.deleteJob(entry.id);
    await this.deps.model.forget(entry.id);
    void vscode.window.showInformationMessage(vscode.l10n.t('Deleted "{0}".', jobTitle(entry)));
  }

  async copyJobId(node?: unknown): Promise<void> {
    const entry = await this.pickJob(node, vscode.l10n.t('Copy the ID of which job?'));
    if (!entry) return;
    await vscode.env.clipboard.writeText(entry.id);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied job ID {0}', entry.id), 3000);
  }
}
