// A Valossa core metadata file of about 10 MB in the documented layout (valossa-core.md §5):
// two hours of media with faces, visual concepts, sounds and keywords over many occurrences, word-level
// speech with two speakers, speech segments, by_second and shots. Deterministic, so runs compare.
export function bigCoreMetadata(): { metadata: unknown; bytes: number } {
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const durationS = 7200;
  const detections: Record<string, unknown> = {};
  const byType: Record<string, string[]> = {};
  const bySecond: { d: string; o: string[] }[][] = Array.from({ length: durationS }, () => []);
  let nextId = 1;
  let nextOcc = 1;
  const add = (t: string, label: string, occs: { ss: number; se: number; c?: number }[], extra: Record<string, unknown> = {}) => {
    const id = String(nextId++);
    const withIds = occs.map((o) => ({
      id: String(nextOcc++),
      ss: o.ss,
      se: o.se,
      ...(o.c !== undefined ? { c_max: o.c, c_med: o.c * 0.9 } : {}),
      shs: Math.floor(o.ss / 5),
      she: Math.floor(o.se / 5),
    }));
    detections[id] = { t, label, occs: withIds, ...extra };
    (byType[t] ??= []).push(id);
    for (const o of withIds) for (let s = Math.floor(o.ss); s <= Math.floor(o.se) && s < durationS; s += 7) bySecond[s].push({ d: id, o: [o.id] });
  };
  const spans = (n: number, len: number) =>
    Array.from({ length: n }, () => {
      const ss = Math.round(rnd() * (durationS - len) * 100) / 100;
      return { ss, se: Math.round((ss + 1 + rnd() * len) * 100) / 100, c: Math.round((0.5 + rnd() * 0.5) * 1000) / 1000 };
    }).sort((a, b) => a.ss - b.ss);
  for (let i = 0; i < 80; i++)
    add('human.face', `Person ${i + 1}`, spans(200, 20), { a: { gender: { c: 0.9, value: i % 2 ? 'female' : 'male' }, s_visible: 100 } });
  for (let i = 0; i < 600; i++) add('visual.context', `concept ${i + 1}`, spans(40, 15), { cid: `c${i}`, categ: { tags: ['things'] } });
  for (let i = 0; i < 80; i++) add('audio.context', `sound ${i + 1}`, spans(20, 8), { cid: `a${i}` });
  for (let i = 0; i < 150; i++) add('audio.keyword.novelty_word', `keyword ${i + 1}`, spans(6, 2));
  // Speech: sentences of words until the file reaches its size.
  const words = ['the', 'release', 'is', 'on', 'track', 'and', 'customers', 'asked', 'for', 'faster', 'exports', 'we', 'will', 'ship', 'it', 'next', 'week'];
  let t = 1;
  let speaker = 1;
  // Speech fills the media; the visual detections above are sized so the whole file is ~10 MB.
  while (t < durationS - 10) {
    const n = 6 + Math.floor(rnd() * 10);
    const sentence: string[] = [];
    const start = t;
    for (let w = 0; w < n; w++) {
      const word = words[Math.floor(rnd() * words.length)];
      sentence.push(word);
      add('audio.speech_detailed', word, [{ ss: t, se: Math.round((t + 0.3) * 1000) / 1000 }], {
        c: Math.round((0.7 + rnd() * 0.3) * 100) / 100,
        a: { s: { id: String(speaker) } },
      });
      t = Math.round((t + 0.3) * 1000) / 1000;
    }
    add('audio.speech_detailed', '.', [{ ss: t, se: t }], { c: 1, a: { s: { id: String(speaker) } } });
    add('audio.speech', `${sentence.join(' ')}.`, [{ ss: start, se: t }], { a: { sen: { val: 0.2 } } });
    t += 0.6;
    if (rnd() < 0.3) speaker = 3 - speaker;
  }
  const metadata = {
    version_info: { metadata_type: 'core', metadata_format: '1.8.1', backend: '3.1.1' },
    job_info: { job_id: 'bench-big-metadata', request: { media: { title: 'Big metadata (benchmark)', language: 'en-US' } } },
    media_info: {
      technical: {
        duration_s: durationS,
        fps: 25,
        resolution: { x_pixels: 1920, y_pixels: 1080 },
        video_codec: { name_short: 'h264' },
        audio_codec: { name_short: 'aac' },
      },
      from_customer: { title: 'Big metadata (benchmark)' },
    },
    detections,
    detection_groupings: { by_detection_property: {}, by_detection_type: byType, by_frequency: {}, by_second: bySecond },
    segmentations: { detected_shots: Array.from({ length: durationS / 5 }, (_, i) => ({ ss: i * 5, se: i * 5 + 5, fs: i * 125, fe: i * 125 + 124, sdur: 5 })) },
  };
  return { metadata, bytes: Buffer.byteLength(JSON.stringify(metadata)) };
}
