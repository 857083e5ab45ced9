// What a running live session offers a transcript viewer (the live feature implements it; the views
// feature draws it): the sentences so far, each event after that, and the end.
import type * as vscode from 'vscode';
import type { Transcript, TranscriptEvent } from '../../core/transcript/model';

export interface LiveTranscriptFeed {
  readonly label: string;
  /** Known once the server has started the session. */
  readonly taskId: string | undefined;
  /** Everything received so far, deduplicated by sentence id. */
  readonly transcript: Transcript;
  readonly onEvent: vscode.Event<TranscriptEvent>;
  /** Set once the session has ended, with what to tell the viewer. */
  readonly ended: string | undefined;
  readonly onEnd: vscode.Event<string>;
}
