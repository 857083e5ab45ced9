// Emulated catalogues: summary templates (§4.8) and TTS voices with samples (§4.6).
import { encodeWav, toneSamples } from '../../core/vurbo/wav';
import type { ResolvedOptions } from '../options';
import { sendJson, sendText, vurboError, type EmulatorServer } from '../server';
import { badRequest } from './wire';
import { authenticateVurbo } from './requests';

interface TemplateRecord {
  slug: string;
  name: string;
  description: string;
  category: 'summary' | 'medical' | 'legal';
}

export const TEMPLATES: readonly TemplateRecord[] = [
  { slug: 'general', name: 'General Summary', description: 'Key points of any recording as a short list.', category: 'summary' },
  { slug: 'meeting', name: 'Meeting Record', description: 'Decisions, action items with owners, and open questions.', category: 'summary' },
  { slug: 'interview', name: 'Interview Notes', description: 'Questions asked and the answers given, per topic.', category: 'summary' },
  { slug: 'medical_consultation', name: 'Medical Consultation', description: 'Symptoms, findings, diagnosis and plan (SOAP).', category: 'medical' },
  { slug: 'legal_consultation', name: 'Legal Consultation', description: 'Facts, issues, advice given and next steps.', category: 'legal' },
];

type Voice = { voice_name: string; display_name: string; gender: 'Female' | 'Male' };

/** A language's Neural voices, named after it as the real service names them (e.g. en-US-JennyNeural): a female one first (the default), then a male one. */
function neuralVoices(language: string, female: string, male: string): readonly Voice[] {
  const voice = (name: string, gender: Voice['gender']): Voice => ({ voice_name: `${language}-${name}Neural`, display_name: name, gender });
  return [voice(female, 'Female'), voice(male, 'Male')];
}

export const VOICES: Readonly<Record<string, readonly Voice[]>> = {
  'en-US': neuralVoices('en-US', 'Jenny', 'Guy'),
  'zh-TW': neuralVoices('zh-TW', 'HsiaoChen', 'YunJhe'),
  'ja-JP': neuralVoices('ja-JP', 'Nanami', 'Keita'),
  'es-ES': neuralVoices('es-ES', 'Elvira', 'Alvaro'),
  'de-DE': neuralVoices('de-DE', 'Katja', 'Conrad'),
  'fr-FR': neuralVoices('fr-FR', 'Denise', 'Henri'),
};

export const LANGUAGE_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** A short tone standing in for synthesised speech. */
export function speechSample(seconds: number): Buffer {
  return encodeWav(toneSamples(seconds, 8000, 1, 220), 8000);
}

export function registerCatalogRoutes(server: EmulatorServer, options: ResolvedOptions, origin: () => string): void {
  server.route('GET', '/api/v1/summary-templates', (ctx) => {
    if (!authenticateVurbo(ctx, options)) return;
    const category = ctx.url.searchParams.get('category') ?? 'summary';
    if (!['summary', 'medical', 'legal', 'all'].includes(category)) return badRequest(ctx, 'category must be one of summary, medical, legal, all');
    sendJson(ctx.res, 200, { data: TEMPLATES.filter((t) => category === 'all' || t.category === category) });
  });

  server.route('GET', '/api/v1/summary-templates/:slug', (ctx) => {
    if (!authenticateVurbo(ctx, options)) return;
    const t = TEMPLATES.find((x) => x.slug === ctx.params.slug);
    if (!t) return sendJson(ctx.res, 404, vurboError('template_not_found', `No summary template "${ctx.params.slug}"`, 'error', { context: 'summary' }));
    sendJson(ctx.res, 200, {
      data: {
        ...t,
        prompts: {
          system: `You write ${t.name.toLowerCase()}s of recorded speech.`,
          structure: t.description,
          style: 'Concise, neutral, in the requested language.',
        },
      },
    });
  });

  server.route('GET', '/api/v1/tts/voices', (ctx) => {
    if (!authenticateVurbo(ctx, options)) return;
    const language = ctx.url.searchParams.get('language');
    if (!language || !LANGUAGE_PATTERN.test(language)) return badRequest(ctx, 'language is required, e.g. en-US');
    const voices = VOICES[language];
    if (!voices) return badRequest(ctx, `Language ${language} is not supported for TTS`, 'tts_invalid_language', { context: 'tts' });
    sendJson(ctx.res, 200, {
      data: {
        language,
        voices: voices.map((v, i) => ({ ...v, is_default: i === 0, sample_url: `${origin()}/api/v1/tts/voices/${v.voice_name}/sample` })),
      },
    });
  });

  // Auth of the sample URL is NOT DOCUMENTED; it is meant for <audio>, so the emulator serves it openly.
  server.route('GET', '/api/v1/tts/voices/:voice/sample', (ctx) => {
    const known = Object.values(VOICES).some((list) => list.some((v) => v.voice_name === ctx.params.voice));
    if (!known) return sendJson(ctx.res, 404, vurboError('not_found', `No voice ${ctx.params.voice}`));
    sendText(ctx.res, 200, speechSample(1), 'audio/wav', { 'cache-control': 'public, max-age=86400' });
  });
}

export function voiceFor(language: string, voice: string | null): Voice | undefined {
  const list = VOICES[language];
  if (!list) return undefined;
  return voice ? list.find((v) => v.voice_name === voice) : list[0];
}
