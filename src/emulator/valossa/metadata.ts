// The emulated Valossa "analysis": deterministic speech for a job, the core metadata built from it,
// and the server-side subtitle renderings (SRT, VTT, TTML, Avid text). Written as the server would,
// independently of the client's formatters, so tests comparing the two prove something.

interface SpokenLine {
  speaker: string;
  text: string;
  ss: number;
  se: number;
  sentiment: number;
}

const SCRIPT: readonly { speaker: string; text: string; sentiment: number }[] = [
  { speaker: '1', text: 'Welcome back to the product review, everyone.', sentiment: 0.42 },
  { speaker: '2', text: 'Thanks, it is good to be here.', sentiment: 0.55 },
  { speaker: '1', text: 'Let us start with the new transcription features.', sentiment: 0.2 },
  { speaker: '2', text: 'Speaker detection now works on long recordings, too.', sentiment: 0.31 },
  { speaker: '1', text: 'That was the most requested change this year!', sentiment: 0.6 },
  { speaker: '2', text: 'We also cut the processing time in half.', sentiment: 0.47 },
  { speaker: '1', text: 'Great, let us look at the numbers next.', sentiment: 0.38 },
];

/** The spoken lines of a job: the script, rotated by a hash of the job id so jobs differ. */
function spokenLines(jobId: string): SpokenLine[] {
  let h = 0;
  for (const ch of jobId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const n = 4 + (h % 4);
  const lines: SpokenLine[] = [];
  let t = 1.2;
  for (let i = 0; i < n; i++) {
    const s = SCRIPT[(h + i) % SCRIPT.length];
    const dur = Math.round((1.5 + s.text.length * 0.055) * 1000) / 1000;
    lines.push({ speaker: s.speaker, text: s.text, ss: Math.round(t * 1000) / 1000, se: Math.round((t + dur) * 1000) / 1000, sentiment: s.sentiment });
    t += dur + 0.35;
  }
  return lines;
}

function words(text: string): string[] {
  return text.match(/[\w']+|[.,!?;:]/g) ?? [];
}

export function coreMetadata(jobId: string, request: Record<string, unknown>): unknown {
  const lines = spokenLines(jobId);
  const detections: Record<string, unknown> = {};
  const byType: Record<string, string[]> = { 'audio.speech': [], 'audio.speech_detailed': [], 'visual.context': [] };
  const duration = Math.ceil(lines[lines.length - 1].se + 2);
  const bySecond: { d: string; o: string[]; c?: number }[][] = Array.from({ length: duration }, () => []);
  let nextId = 1;
  let nextOcc = 1;
  const shotOf = (s: number) => Math.floor(s / 5);
  lines.forEach((line) => {
    const id = String(nextId++);
    const occ = String(nextOcc++);
    detections[id] = {
      t: 'audio.speech',
      label: line.text,
      a: { sen: { val: line.sentiment } },
      occs: [{ id: occ, ss: line.ss, se: line.se, shs: shotOf(line.ss), she: shotOf(line.se) }],
    };
    byType['audio.speech'].push(id);
    for (let s = Math.floor(line.ss); s <= Math.floor(line.se) && s < duration; s++) bySecond[s].push({ d: id, o: [occ] });
  });
  lines.forEach((line) => {
    const ws = words(line.text);
    const spoken = ws.filter((w) => !/^[.,!?;:]$/.test(w)).length;
    const step = (line.se - line.ss) / Math.max(1, spoken);
    let t = line.ss;
    for (const w of ws) {
      const id = String(nextId++);
      const isPunct = /^[.,!?;:]$/.test(w);
      const ss = Math.round(t * 1000) / 1000;
      const se = isPunct ? ss : Math.round((t + step * 0.9) * 1000) / 1000;
      detections[id] = {
        t: 'audio.speech_detailed',
        label: w,
        c: isPunct ? 1 : 0.82 + ((w.length * 7) % 17) / 100,
        a: { s: { id: line.speaker } },
        occs: [{ id: String(nextOcc++), ss, se, fs: Math.round(ss * 25), fe: Math.round(se * 25), sdur: Math.round((se - ss) * 1000) / 1000 }],
      };
      byType['audio.speech_detailed'].push(id);
      if (!isPunct) t += step;
    }
  });
  for (const [label, cid, from, to] of [
    ['person', '02g_6x', 0, duration],
    ['microphone', '0hg7b', 1, duration - 1],
  ] as const) {
    const id = String(nextId++);
    detections[id] = {
      t: 'visual.context',
      label,
      cid,
      categ: { tags: ['people'] },
      occs: [{ id: String(nextOcc++), ss: from, se: to, c_max: 0.93, c_med: 0.81, shs: 0, she: shotOf(to) }],
    };
    byType['visual.context'].push(id);
  }
  const shots = Array.from({ length: Math.ceil(duration / 5) }, (_, i) => ({
    ss: i * 5,
    se: Math.min(duration, (i + 1) * 5),
    fs: i * 125,
    fe: Math.min(duration, (i + 1) * 5) * 25 - 1,
    sdur: Math.min(duration, (i + 1) * 5) - i * 5,
  }));
  const media = (request.media ?? {}) as Record<string, unknown>;
  return {
    version_info: { metadata_type: 'core', metadata_format: '1.8.1', backend: '3.1.1' },
    job_info: {
      job_id: jobId,
      request: {
        media: { transcript: { url: null }, description: null, language: 'en-US', title: null, ...media },
        analysis_parameters: request.analysis_parameters ?? {},
      },
    },
    media_info: {
      technical: {
        duration_s: duration,
        fps: 25,
        resolution: { x_pixels: 1280, y_pixels: 720 },
        video_codec: { name_short: 'h264', name_long: 'H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10', bps: 1609644 },
        audio_codec: { name_short: 'aac', name_long: 'AAC (Advanced Audio Coding)', bps: 192023 },
        n_audio_channels: 2,
      },
      from_customer: { title: media.title ?? null, description: media.description ?? null },
    },
    detections,
    detection_groupings: { by_detection_property: {}, by_detection_type: byType, by_frequency: {}, by_second: bySecond },
    segmentations: { detected_shots: shots },
  };
}

function clock(seconds: number, sep: string): string {
  const ms = Math.round(seconds * 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.floor(ms / 3_600_000))}:${two(Math.floor(ms / 60_000) % 60)}:${two(Math.floor(ms / 1000) % 60)}${sep}${String(ms % 1000).padStart(3, '0')}`;
}

export function subtitles(jobId: string, type: string): { text: string; contentType: string } | undefined {
  const lines = spokenLines(jobId);
  switch (type) {
    case 'speech_to_text_srt':
      return {
        contentType: 'text/plain; charset=utf-8',
        text: lines.map((l, i) => `${i + 1}\n${clock(l.ss, ',')} --> ${clock(l.se, ',')}\n${l.text}\n`).join('\n'),
      };
    case 'speech_to_text_vtt':
      return {
        contentType: 'text/vtt; charset=utf-8',
        text: `WEBVTT\n\n${lines.map((l) => `${clock(l.ss, '.')} --> ${clock(l.se, '.')}\n${l.text}\n`).join('\n')}`,
      };
    case 'speech_to_text_ttml': {
      const ps = lines
        .map((l) => `      <p begin="${clock(l.ss, '.')}" end="${clock(l.se, '.')}">${l.text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)
        .join('\n');
      return {
        contentType: 'application/ttml+xml; charset=utf-8',
        text: `<?xml version="1.0" encoding="UTF-8"?>\n<tt xmlns="http://www.w3.org/ns/ttml" xml:lang="en-US">\n  <body>\n    <div>\n${ps}\n    </div>\n  </body>\n</tt>\n`,
      };
    }
    case 'speech_to_text_avid_txt':
      return {
        contentType: 'text/plain; charset=utf-8',
        text: `@ This file written with the Avid Caption plugin, version 1\n\n<begin subtitles>\n\n${lines.map((l) => `${clock(l.ss, ':').replace(/:(\d{3})$/, (_m, ms) => `:${String(Math.floor(Number(ms) / 40)).padStart(2, '0')}`)} ${clock(l.se, ':').replace(/:(\d{3})$/, (_m, ms) => `:${String(Math.floor(Number(ms) / 40)).padStart(2, '0')}`)}\n${l.text}\n`).join('\n')}\n<end subtitles>\n`,
      };
    default:
      return undefined;
  }
}

export function otherResult(jobId: string, type: string): unknown {
  const lines = spokenLines(jobId);
  const seconds = Math.ceil(lines[lines.length - 1].se + 2);
  switch (type) {
    case 'visual_captions':
      return {
        version_info: { metadata_type: 'visual_captions', metadata_format_version: '1.2.0' },
        selected_sections: [
          { caption: 'Two people talk at a desk with microphones in a bright studio.', section: { s_start: 0.5, s_end: 4.8, shot_index: 0 } },
        ],
      };
    case 'seconds_objects':
      return { version_info: { metadata_type: 'seconds_objects', metadata_format: '1.0.0' }, objects_by_second: Array.from({ length: seconds }, () => []) };
    case 'frames_faces':
      return {
        version_info: { metadata_type: 'frames_faces', metadata_format: '1.0.0' },
        faces_by_frame: Array.from({ length: Math.min(seconds * 25, 500) }, (_, f) => (f % 25 === 0 ? [{ id: '1', x: 0.31, y: 0.2, w: 0.12, h: 0.22 }] : [])),
      };
    case 'frames_objects':
      return { version_info: { metadata_type: 'frames_objects', metadata_format: '1.0.0' }, objects_by_frame: [] };
    default:
      return undefined;
  }
}
