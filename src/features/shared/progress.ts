// Notification progress for long requests: one way to turn VS Code's cancellation into the
// AbortSignal the clients take (listener released when the work ends), and one upload reporter.
import * as vscode from 'vscode';

export type Progress = vscode.Progress<{ message?: string; increment?: number }>;

/** An AbortSignal that follows `token` (and `abort()`, for a Stop of one's own); dispose it when the work is done. */
export function abortOnCancel(token: vscode.CancellationToken | undefined): { signal: AbortSignal; abort(): void; dispose(): void } {
  const abort = new AbortController();
  if (token?.isCancellationRequested) abort.abort();
  const listener = token?.onCancellationRequested(() => abort.abort());
  return { signal: abort.signal, abort: () => abort.abort(), dispose: () => listener?.dispose() };
}

/** Runs `work` under a cancellable notification; Cancel aborts its requests. */
export function withCancellableProgress<T>(title: string, work: (signal: AbortSignal, progress: Progress) => Promise<T>): Promise<T> {
  return Promise.resolve(
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const abort = abortOnCancel(token);
      try {
        return await work(abort.signal, progress);
      } finally {
        abort.dispose();
      }
    }),
  );
}

/** An upload's onProgress that reports whole percents ("uploading 40% of 12.3 MB"), or megabytes when the size is unknown. */
export function uploadReporter(progress: Progress): (p: { sentBytes: number; totalBytes?: number }) => void {
  let reported = 0;
  return ({ sentBytes, totalBytes }) => {
    if (!totalBytes) {
      progress.report({ message: vscode.l10n.t('uploading {0} MB', (sentBytes / 1048576).toFixed(1)) });
      return;
    }
    const pct = Math.floor((sentBytes / totalBytes) * 100);
    if (pct <= reported) return;
    progress.report({ increment: pct - reported, message: vscode.l10n.t('uploading {0}% of {1} MB', pct, (totalBytes / 1048576).toFixed(1)) });
    reported = pct;
  };
}
