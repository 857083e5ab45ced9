// Languages offered in pickers. The full appendix of supported languages is NOT DOCUMENTED in the
// readable docs (vurbo-vas.md §1); these are common BCP-47 codes of the kind the docs use. Any other
// code still works where a field accepts free text.

export interface LanguageChoice {
  readonly code: string;
  readonly label: string;
}

export const COMMON_LANGUAGES: readonly LanguageChoice[] = [
  { code: 'en-US', label: 'English (United States)' },
  { code: 'en-GB', label: 'English (United Kingdom)' },
  { code: 'zh-TW', label: 'Chinese (Traditional, Taiwan)' },
  { code: 'zh-CN', label: 'Chinese (Simplified, China)' },
  { code: 'ja-JP', label: 'Japanese' },
  { code: 'ko-KR', label: 'Korean' },
  { code: 'es-ES', label: 'Spanish (Spain)' },
  { code: 'fr-FR', label: 'French (France)' },
  { code: 'de-DE', label: 'German' },
  { code: 'it-IT', label: 'Italian' },
  { code: 'pt-BR', label: 'Portuguese (Brazil)' },
  { code: 'vi-VN', label: 'Vietnamese' },
  { code: 'th-TH', label: 'Thai' },
  { code: 'id-ID', label: 'Indonesian' },
  { code: 'hi-IN', label: 'Hindi' },
  { code: 'fi-FI', label: 'Finnish' },
  { code: 'sv-SE', label: 'Swedish' },
  { code: 'nl-NL', label: 'Dutch' },
];

export function languageLabel(code: string): string {
  return COMMON_LANGUAGES.find((l) => l.code.toLowerCase() === code.toLowerCase())?.label ?? code;
}

/** A language tag as the APIs take them (en-US, zh-TW, yue): the wizard, the tools and the live protocol check with it. */
export function isLanguageTag(text: string): boolean {
  return /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(text);
}
