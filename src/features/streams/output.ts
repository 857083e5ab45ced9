// Transcript output channels: one per name, reused and cleared when opened again. Events are
// rendered in batches — at most one append per ~50 ms (a re-render at most every 250 ms) — so a
// 100,000-event stream costs a few hundred channel updates instead of 100,000.
import * as vscode from 'vscode';
import { redact } from '../../core/redact';
import type { TranscriptEvent } from '../../core/transcript/model';
import type { TranscriptOutput, TranscriptOutputFactory } from '../shared/streams';
import { TranscriptRenderer } from './render';

const APPEND_INTERVAL_MS = 50;
const REPLACE_INTERVAL_MS = 250;

class ChannelTranscriptOutput implements TranscriptOutput {
  private readonly renderer = new TranscriptRenderer();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastReplace = 0;
  private disposed = false;

  constructor(readonly channel: vscode.OutputChannel, private readonly onDispose: () => void) {}

  apply(event: TranscriptEvent): void {
    if (this.disposed) return;
    this.renderer.apply(event);
    this.schedule();
  }

  note(line: string): void {
    if (this.disposed) return;
    this.renderer.note(redact(line));
    this.schedule();
  }

  show(): void {
    this.channel.show(true);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.disposed || !this.renderer.hasPending) return;
    const step = this.renderer.render();
    if (step.replace !== undefined) {
      this.lastReplace = Date.now();
      this.channel.replace(step.replace);
    } else if (step.append) {
      this.channel.append(step.append);
    }
  }

  private schedule(): void {
    if (this.timer) return;
    const wait = this.renderer.needsReplace ? Math.max(APPEND_INTERVAL_MS, REPLACE_INTERVAL_MS - (Date.now() - this.lastReplace)) : APPEND_INTERVAL_MS;
    this.timer = setTimeout(() => this.flush(), wait);
  }

  /** Renders what is left; the channel stays for the user to read. */
  dispose(): void {
    this.flush();
    this.disposed = true;
    this.onDispose();
  }
}

export class TranscriptChannels implements TranscriptOutputFactory, vscode.Disposable {
  private readonly channels = new Map<string, { channel: vscode.OutputChannel; output?: ChannelTranscriptOutput }>();

  open(name: string): TranscriptOutput {
    const safeName = redact(name);
    let entry = this.channels.get(safeName);
    if (entry) {
      entry.output?.dispose();
      entry.channel.clear();
    } else {
      entry = { channel: vscode.window.createOutputChannel(safeName) };
      this.channels.set(safeName, entry);
    }
    const e = entry;
    const output = new ChannelTranscriptOutput(e.channel, () => {
      if (e.output === output) e.output = undefined;
    });
    e.output = output;
    return output;
  }

  dispose(): void {
    for (const { channel, output } of this.channels.values()) {
      output?.dispose();
      channel.dispose();
    }
    this.channels.clear();
  }
}
