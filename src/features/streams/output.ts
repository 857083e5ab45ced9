// Transcript output channels: one per name, reused and cleared when opened again. Events are
// rendered in batches — at most one append per ~50 ms (a re-render at most every 250 ms), each
// 16–128 KB by the size of the backlog — so a 100,000-event stream costs a few hundred channel updates instead of 100,000,
// and none of them freezes the workbench.
import * as vscode from 'vscode';
import { redact } from '../../core/redact';
import type { TranscriptEvent } from '../../core/transcript/model';
import type { TranscriptOutput, TranscriptOutputFactory } from '../shared/streams';
import { appendBudget, takeChunk, TranscriptRenderer } from './render';

const APPEND_INTERVAL_MS = 50;
const REPLACE_INTERVAL_MS = 250;
class ChannelTranscriptOutput implements TranscriptOutput {
  private readonly renderer = new TranscriptRenderer();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastReplace = 0;
  /** Rendered text not yet handed to the channel. */
  private backlog: string[] = [];
  private disposed = false;
  /** Nothing handed to the channel yet: the first lines go out at the end of this tick, not 50 ms later. */
  private first = true;

  constructor(
    readonly channel: vscode.OutputChannel,
    private readonly onDispose: () => void,
  ) {}

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
    if (this.renderer.hasPending) {
      const step = this.renderer.render();
      if (step.replace !== undefined) {
        // The new content already holds whatever still waited to be appended.
        this.backlog = [];
        this.lastReplace = Date.now();
        this.channel.replace(step.replace);
      } else if (step.append) {
        this.backlog.push(step.append);
      }
    }
    this.drain();
  }

  /** Hands the channel at most appendBudget() per tick: the workbench ingests each append in one go. */
  private drain(): void {
    let waiting = 0;
    for (const text of this.backlog) waiting += text.length;
    const chunk = takeChunk(this.backlog, appendBudget(waiting));
    if (chunk) this.channel.append(chunk);
    if (this.backlog.length && !this.timer) this.timer = setTimeout(() => this.flush(), APPEND_INTERVAL_MS);
  }

  private schedule(): void {
    if (this.timer) return;
    if (this.first) {
      this.first = false;
      this.timer = setTimeout(() => this.flush(), 0);
      return;
    }
    const wait = this.renderer.needsReplace ? Math.max(APPEND_INTERVAL_MS, REPLACE_INTERVAL_MS - (Date.now() - this.lastReplace)) : APPEND_INTERVAL_MS;
    this.timer = setTimeout(() => this.flush(), wait);
  }

  /** Renders what is left; the channel stays for the user to read. */
  dispose(): void {
    this.flush();
    this.disposed = true;
    this.onDispose();
  }

  /** Drops what was not shown yet: the channel is being cleared for a new stream. */
  abandon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.backlog = [];
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
      entry.output?.abandon();
      entry.channel.clear();
    } else {
      entry = { channel: vscode.window.createOutputChannel(safeName, 'plaintext') };
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
