// A live session's transcript as a viewer follows it: every event the run receives goes through
// here, so a viewer opened mid-session gets the sentences so far and then each new event.
import * as vscode from 'vscode';
import { Transcript, type TranscriptEvent } from '../../core/transcript/model';
import { Disposable } from '../shared/dispose';
import type { LiveTranscriptFeed } from '../shared/liveFeed';

export class LiveFeed extends Disposable implements LiveTranscriptFeed {
  readonly transcript = new Transcript();
  taskId: string | undefined;
  ended: string | undefined;
  private readonly events = this.register(new vscode.EventEmitter<TranscriptEvent>());
  private readonly ends = this.register(new vscode.EventEmitter<string>());
  readonly onEvent = this.events.event;
  readonly onEnd = this.ends.event;

  constructor(readonly label: string) {
    super();
  }

  apply(event: TranscriptEvent): void {
    const change = this.transcript.apply(event);
    if (change.type !== 'duplicate') this.events.fire(event);
  }

  end(text: string): void {
    if (this.ended !== undefined) return;
    this.ended = text;
    this.ends.fire(text);
  }
}
