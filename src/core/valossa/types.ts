// Valossa Core API shapes (../shared/api/valossa-core.md). Documented fields are typed as such;
// everything the docs leave open is marked and kept in this one file, parsed leniently.

export type JobStatusValue = 'queued' | 'on_hold' | 'preparing_analysis' | 'processing' | 'finished' | 'error';
export type TransferStatus = 'queued' | 'downloading' | 'finished' | 'error';

export const TERMINAL_STATUSES: readonly string[] = ['finished', 'error'];

export interface JobStatus {
  job_id: string;
  /** Documented values above; unknown values are kept as strings. */
  status: JobStatusValue | (string & {});
  media_transfer_status?: TransferStatus | (string & {});
  details?: string | null;
  poll_again_after_seconds?: number | null;
}

export function isTerminal(status: string): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/**
 * NOT DOCUMENTED: what job_status says after cancel_job. The emulator (EMULATOR CHOICE) reports
 * `error` with details "cancelled"; the UI shows such jobs as cancelled.
 */
export function isCancelled(s: Pick<JobStatus, 'status' | 'details'>): boolean {
  return s.status === 'cancelled' || s.status === 'canceled' || (s.status === 'error' && /^cancel+ed$/i.test(s.details ?? ''));
}

export interface NewJobRequest {
  videoUrl: string;
  transcriptUrl?: string;
  customerMediaId?: string;
  title?: string;
  description?: string;
  /** Default `en-US` server-side. */
  language?: string;
  faceMinRelativeHeight?: number;
  faceGalleryId?: string;
  emailNotifyGroup?: 'users_with_access_to_api_key_results';
  callbackUrl?: string;
}

/** job_results `type` values (documented), with how each comes back. */
export const RESULT_TYPES = [
  { type: 'core', label: 'Core metadata', body: 'json' },
  { type: 'frames_faces', label: 'Faces per frame', body: 'json' },
  { type: 'seconds_objects', label: 'Objects per second', body: 'json' },
  { type: 'frames_objects', label: 'Objects per frame', body: 'json' },
  { type: 'visual_captions', label: 'Visual captions', body: 'json' },
  { type: 'speech_to_text_srt', label: 'Speech to text (SRT)', body: 'text', language: 'srt', extension: 'srt' },
  { type: 'speech_to_text_vtt', label: 'Speech to text (WebVTT)', body: 'text', language: 'vtt', extension: 'vtt' },
  { type: 'speech_to_text_ttml', label: 'Speech to text (TTML)', body: 'text', language: 'xml', extension: 'ttml' },
  { type: 'speech_to_text_avid_txt', label: 'Speech to text (Avid text)', body: 'text', language: 'plaintext', extension: 'txt' },
] as const;

export type ResultType = (typeof RESULT_TYPES)[number]['type'];

/**
 * UNVERIFIED list_jobs shape (valossa-core.md §3.4): `{jobs:[{job_id, job_status?}]}` with
 * `show_status=true`. Parsed leniently: a bare id string or `{job_id}` without status is accepted.
 */
export interface ListedJob {
  job_id: string;
  job_status?: JobStatus;
}

export function parseJobList(body: unknown): ListedJob[] {
  const jobs = (body as { jobs?: unknown } | undefined)?.jobs ?? (Array.isArray(body) ? body : []);
  if (!Array.isArray(jobs)) return [];
  const out: ListedJob[] = [];
  for (const j of jobs) {
    if (typeof j === 'string') out.push({ job_id: j });
    else if (j && typeof j === 'object' && typeof (j as ListedJob).job_id === 'string') {
      const status = (j as ListedJob).job_status;
      out.push({
        job_id: (j as ListedJob).job_id,
        job_status: status && typeof status.status === 'string' ? { ...status, job_id: (j as ListedJob).job_id } : undefined,
      });
    }
  }
  return out;
}

/** initialize_file_upload response (documented). */
export interface UploadSession {
  upload_id: string;
  file_chunk_size_bytes: number;
}

/**
 * NOT DOCUMENTED: finalize_file_upload's response field. We accept the first `valossaupload://` URL
 * found under any of these names, or anywhere in the body.
 */
export function parseFinalizeResponse(body: unknown): string | undefined {
  const b = body as Record<string, unknown> | undefined;
  for (const name of ['valossaupload_url', 'url', 'video_url', 'media_url', 'upload_url']) {
    const v = b?.[name];
    if (typeof v === 'string' && v.startsWith('valossaupload://')) return v;
  }
  const m = /valossaupload:\/\/[^"\s]+/.exec(JSON.stringify(body ?? ''));
  return m?.[0];
}

/** The parts of core metadata the transcript extraction reads (valossa-core.md §5–6). */
export interface CoreMetadata {
  version_info?: { metadata_type?: string; metadata_format?: string };
  job_info?: { job_id?: string; request?: { media?: { title?: string | null; video?: { url?: string } } } };
  detections?: Record<string, Detection>;
  detection_groupings?: { by_detection_type?: Record<string, string[]> };
}

export interface Detection {
  t: string;
  label: string;
  c?: number;
  a?: { sen?: { val?: number }; s?: { id?: string } };
  occs?: { id?: string; ss?: number; se?: number }[];
}
