// The tasks every sandbox key starts with: several completed recordings of each type with two
// speakers, translations and summaries, one recording still in progress and one that failed.
// Text is fixed so tests can assert on it.
import { sentenceFor, translationFor, SCRIPT_LENGTH } from './liveScript';

export interface SeedSentence {
  text: string;
  speakerId: string;
  language: string;
  translations: Record<string, string>;
  /** Position in the live script (liveScript.ts), for translating into more languages later. */
  scriptIndex?: number;
  durationMs: number;
}

interface SeedTask {
  title: string;
  type: 'transcribe' | 'conversation' | 'record' | 'broadcast';
  typeSource: 'realtime' | 'import';
  sourceLang: string;
  targetLangs: string[];
  processingStatus: 'recording' | 'completed' | 'failed';
  isPinned: boolean;
  isUnread: boolean;
  /** Minutes before "now" the task was created. */
  ageMinutes: number;
  speakers: Record<string, string>;
  sentences: SeedSentence[];
  summary?: string;
  summaryTemplate?: string;
}

function fromScript(offset: number, count: number, source: string, targets: string[], speakers: string[]): SeedSentence[] {
  return Array.from({ length: count }, (_, i) => {
    const index = (offset + i) % SCRIPT_LENGTH;
    const text = sentenceFor(index, source);
    const translations: Record<string, string> = {};
    for (const t of targets) translations[t] = translationFor(index, t, text);
    return { text, speakerId: speakers[i % speakers.length], language: source, translations, scriptIndex: index, durationMs: 3200 + ((i * 737) % 2400) };
  });
}

const INTERVIEW: [string, string, string, string][] = [
  ['Guest-1', 'en-US', 'Thanks for taking the time to talk about your onboarding.', 'Gracias por dedicar tiempo a hablar de tu incorporación.'],
  ['Guest-2', 'es-ES', 'Con gusto. La primera semana fue bastante intensa.', 'Happy to. The first week was quite intense.'],
  ['Guest-1', 'en-US', 'What was the hardest part of getting started?', '¿Qué fue lo más difícil al empezar?'],
  ['Guest-2', 'es-ES', 'Configurar el entorno de desarrollo me llevó dos días.', 'Setting up the development environment took me two days.'],
  ['Guest-1', 'en-US', 'Did the written guide help, or was it out of date?', '¿Te ayudó la guía escrita o estaba desactualizada?'],
  ['Guest-2', 'es-ES', 'Ayudó, pero faltaban los pasos para la red de la oficina.', 'It helped, but the steps for the office network were missing.'],
  ['Guest-1', 'en-US', 'Good to know, we will add those steps this sprint.', 'Es bueno saberlo, añadiremos esos pasos en este sprint.'],
];

const STANDUP: [string, string][] = [
  ['Guest-1', 'Yesterday I finished the export dialog and opened a pull request.'],
  ['Guest-2', 'I reviewed it this morning and left two small comments.'],
  ['Guest-1', 'Today I will fix those and start on the upload progress bar.'],
  ['Guest-2', 'I am still blocked on the staging database credentials.'],
  ['Guest-1', 'I can pair with you on that right after this call.'],
  ['Guest-2', 'Great, then I will look at the flaky login test afterwards.'],
];

export function seedTasks(): SeedTask[] {
  return [
    {
      title: 'Weekly product review',
      type: 'transcribe',
      typeSource: 'realtime',
      sourceLang: 'en-US',
      targetLangs: ['zh-TW', 'ja-JP'],
      processingStatus: 'completed',
      isPinned: true,
      isUnread: false,
      ageMinutes: 60 * 26,
      speakers: { 'Guest-1': 'Anna', 'Guest-2': 'Guest-2' },
      sentences: fromScript(0, 8, 'en-US', ['zh-TW', 'ja-JP'], ['Guest-1', 'Guest-1', 'Guest-2', 'Guest-1', 'Guest-2', 'Guest-1', 'Guest-2', 'Guest-1']),
      summary:
        "- The Friday release is on track; the test suite passed on every platform.\n- Two customer issues are open: Maria owns the login problem.\n- Next quarter's budget was approved; slides are due before Thursday.",
      summaryTemplate: 'meeting',
    },
    {
      title: 'Customer interview — onboarding',
      type: 'conversation',
      typeSource: 'realtime',
      sourceLang: 'en-US',
      targetLangs: ['es-ES'],
      processingStatus: 'completed',
      isPinned: false,
      isUnread: true,
      ageMinutes: 60 * 5,
      speakers: { 'Guest-1': 'Interviewer', 'Guest-2': 'Lucía' },
      sentences: INTERVIEW.map(([speakerId, language, text, other]) => ({
        text,
        speakerId,
        language,
        translations: { [language === 'en-US' ? 'es-ES' : 'en-US']: other },
        durationMs: 2800 + text.length * 35,
      })),
      summary:
        '- Onboarding took a week; the development environment setup took two days.\n- The written guide lacks the office-network steps; they will be added this sprint.',
      summaryTemplate: 'interview',
    },
    {
      title: 'Engineering standup',
      type: 'record',
      typeSource: 'realtime',
      sourceLang: 'en-US',
      targetLangs: [],
      processingStatus: 'completed',
      isPinned: false,
      isUnread: false,
      ageMinutes: 60 * 3,
      speakers: { 'Guest-1': 'Guest-1', 'Guest-2': 'Guest-2' },
      sentences: STANDUP.map(([speakerId, text]) => ({ text, speakerId, language: 'en-US', translations: {}, durationMs: 2500 + text.length * 40 })),
    },
    {
      title: 'Quarterly town hall',
      type: 'broadcast',
      typeSource: 'realtime',
      sourceLang: 'en-US',
      targetLangs: ['ja-JP', 'de-DE'],
      processingStatus: 'completed',
      isPinned: false,
      isUnread: true,
      ageMinutes: 60 * 24 * 6,
      speakers: { 'Guest-1': 'CEO', 'Guest-2': 'Moderator' },
      sentences: fromScript(2, 6, 'en-US', ['ja-JP', 'de-DE'], ['Guest-2', 'Guest-1', 'Guest-1', 'Guest-2', 'Guest-1', 'Guest-2']),
      summary: "- Tests pass on every platform and two customer issues still need owners.\n- The next quarter's budget is approved.",
      summaryTemplate: 'general',
    },
    {
      title: 'Board call (imported)',
      type: 'transcribe',
      typeSource: 'import',
      sourceLang: 'de-DE',
      targetLangs: ['en-US'],
      processingStatus: 'completed',
      isPinned: true,
      isUnread: false,
      ageMinutes: 60 * 24 * 2,
      speakers: { 'Guest-1': 'Guest-1', 'Guest-2': 'Guest-2' },
      sentences: fromScript(4, 5, 'de-DE', ['en-US'], ['Guest-1', 'Guest-2']),
      summary: '- Maria takes the Monday login problem.\n- The budget for next quarter was approved yesterday.',
      summaryTemplate: 'meeting',
    },
    {
      title: 'Untitled Recording',
      type: 'transcribe',
      typeSource: 'realtime',
      sourceLang: 'en-US',
      targetLangs: ['zh-TW'],
      processingStatus: 'recording',
      isPinned: false,
      isUnread: true,
      ageMinutes: 2,
      speakers: {},
      sentences: [],
    },
    {
      title: 'Interview draft',
      type: 'transcribe',
      typeSource: 'realtime',
      sourceLang: 'en-US',
      targetLangs: ['fr-FR'],
      processingStatus: 'failed',
      isPinned: false,
      isUnread: true,
      ageMinutes: 60 * 30,
      speakers: { 'Guest-1': 'Guest-1' },
      sentences: [],
    },
  ];
}

/** What a retried or imported task "heard": `count` script sentences. */
export function generatedSentences(count: number, source: string, targets: string[], speakers = ['Guest-1', 'Guest-2']): SeedSentence[] {
  return fromScript(0, count, source, targets, speakers);
}
