// How the emulator's live service hands its recordings to the task store that serves
// GET /api/v1/tasks and the SSE history. Implemented by VurboEmulator (routes.ts).

type LiveRecordingType = 'transcribe' | 'conversation' | 'record' | 'broadcast';
export type ProcessingStatus = 'recording' | 'importing' | 'uploading' | 'processing' | 'completed' | 'failed';

/** A sentence's number, text and place in the recording: what every emulated sentence has. */
export interface TimedSentence {
  sid: number;
  text: string;
  startMs: number;
  endMs: number;
}

export interface LiveSentence extends TimedSentence {
  speakerId?: string;
  speakerLabel?: string;
  /** target language -> translated text */
  translations: Record<string, string>;
}

export interface LiveTaskInit {
  /** The API key the session authenticated with (tasks are scoped per key). */
  apiKey: string;
  type: LiveRecordingType;
  title?: string;
  sourceLanguages: string[];
  targetLanguages: string[];
  recognitionMode: 'single' | 'multi_speaker';
  summaryTemplate?: string;
}

/** What a live session reports about its task as it goes; every field is optional. */
export interface LiveTaskUpdate {
  processingStatus?: ProcessingStatus;
  sentences?: LiveSentence[];
  summary?: string;
  durationMs?: number;
  title?: string;
}

export interface VurboTaskSink {
  /** Creates a task in `recording` state and returns its id (task_id == recording_id). */
  createLiveTask(init: LiveTaskInit): string;
  /** Moves the task along its lifecycle and/or stores its final sentences, summary and duration. */
  updateLiveTask(taskId: string, update: LiveTaskUpdate): void;
}
