// What the emulated live service "hears": a fixed script, so tests can assert on text. Sentence N
// of any session is SCRIPT[N % length] in the source language, and its translation is the same
// line in the target language (or a marked copy for languages the script lacks).

const SCRIPT: readonly Record<string, string>[] = [
  {
    'en-US': 'Good morning everyone and welcome to the weekly review.',
    'zh-TW': '大家早安，歡迎參加每週檢討會議。',
    'ja-JP': '皆さんおはようございます、週次レビューへようこそ。',
    'es-ES': 'Buenos días a todos y bienvenidos a la revisión semanal.',
    'de-DE': 'Guten Morgen allerseits und willkommen zur Wochenbesprechung.',
    'fr-FR': 'Bonjour à tous et bienvenue à la revue hebdomadaire.',
  },
  {
    'en-US': 'First we look at the release planned for Friday.',
    'zh-TW': '首先我們來看預計週五的發布。',
    'ja-JP': 'まず金曜日に予定しているリリースを確認します。',
    'es-ES': 'Primero revisamos la versión prevista para el viernes.',
    'de-DE': 'Zuerst sehen wir uns das für Freitag geplante Release an.',
    'fr-FR': 'D’abord, nous examinons la version prévue pour vendredi.',
  },
  {
    'en-US': 'The test suite passed on every platform last night.',
    'zh-TW': '測試套件昨晚在所有平台上都通過了。',
    'ja-JP': 'テストスイートは昨夜すべてのプラットフォームで成功しました。',
    'es-ES': 'Las pruebas pasaron anoche en todas las plataformas.',
    'de-DE': 'Die Testsuite lief gestern Abend auf allen Plattformen durch.',
    'fr-FR': 'La suite de tests a réussi hier soir sur toutes les plateformes.',
  },
  {
    'en-US': 'Two customer issues are still open and need an owner.',
    'zh-TW': '還有兩個客戶問題尚未解決，需要負責人。',
    'ja-JP': '顧客からの課題が二件未解決で、担当者が必要です。',
    'es-ES': 'Quedan dos incidencias de clientes abiertas que necesitan responsable.',
    'de-DE': 'Zwei Kundenprobleme sind noch offen und brauchen einen Verantwortlichen.',
    'fr-FR': 'Deux problèmes clients sont encore ouverts et ont besoin d’un responsable.',
  },
  {
    'en-US': 'Maria will take the login problem reported on Monday.',
    'zh-TW': '瑪麗亞會負責週一回報的登入問題。',
    'ja-JP': 'マリアが月曜日に報告されたログインの問題を担当します。',
    'es-ES': 'María se encargará del problema de inicio de sesión del lunes.',
    'de-DE': 'Maria übernimmt das am Montag gemeldete Anmeldeproblem.',
    'fr-FR': 'Maria prend en charge le problème de connexion signalé lundi.',
  },
  {
    'en-US': 'The budget for the next quarter was approved yesterday.',
    'zh-TW': '下一季的預算昨天已獲批准。',
    'ja-JP': '来四半期の予算は昨日承認されました。',
    'es-ES': 'El presupuesto del próximo trimestre se aprobó ayer.',
    'de-DE': 'Das Budget für das nächste Quartal wurde gestern genehmigt.',
    'fr-FR': 'Le budget du prochain trimestre a été approuvé hier.',
  },
  {
    'en-US': 'Please send your slides before the meeting on Thursday.',
    'zh-TW': '請在週四會議前寄出你的簡報。',
    'ja-JP': '木曜日の会議の前にスライドを送ってください。',
    'es-ES': 'Enviad vuestras diapositivas antes de la reunión del jueves.',
    'de-DE': 'Bitte schickt eure Folien vor dem Treffen am Donnerstag.',
    'fr-FR': 'Merci d’envoyer vos diapositives avant la réunion de jeudi.',
  },
  {
    'en-US': 'That is all for today, thank you for joining.',
    'zh-TW': '今天就到這裡，謝謝大家參加。',
    'ja-JP': '今日は以上です、ご参加ありがとうございました。',
    'es-ES': 'Eso es todo por hoy, gracias por asistir.',
    'de-DE': 'Das war alles für heute, danke fürs Dabeisein.',
    'fr-FR': 'C’est tout pour aujourd’hui, merci de votre participation.',
  },
];

export const SCRIPT_LENGTH = SCRIPT.length;

/** Sentence `index` (0-based) as heard in `language` (English for languages the script lacks). */
export function sentenceFor(index: number, language: string): string {
  const line = SCRIPT[((index % SCRIPT.length) + SCRIPT.length) % SCRIPT.length];
  return line[language] ?? line[baseMatch(line, language) ?? 'en-US'];
}

/** The translation of sentence `index` into `target`; unknown targets get a marked copy of the source. */
export function translationFor(index: number, target: string, sourceText: string): string {
  const line = SCRIPT[((index % SCRIPT.length) + SCRIPT.length) % SCRIPT.length];
  const key = line[target] !== undefined ? target : baseMatch(line, target);
  return key ? line[key] : `[${target}] ${sourceText}`;
}

/** `en` or `en-GB` finds `en-US`. */
function baseMatch(line: Record<string, string>, language: string): string | undefined {
  const base = language.split('-')[0].toLowerCase();
  return Object.keys(line).find((k) => k.split('-')[0].toLowerCase() === base);
}

/** A deterministic summary of the sentences a session heard. */
export function summaryFor(template: string, sentences: readonly string[]): string {
  const points = sentences.slice(0, 3).map((s) => `- ${s}`);
  return [`Summary (${template}, ${sentences.length} sentence${sentences.length === 1 ? '' : 's'})`, ...points].join('\n');
}
