// Flow steps of this extension that many e2e suites share, done through the UI as a user would.
import type { ProviderId } from '../../src/core/providers';
import { PROVIDERS } from '../../src/core/providers';
import { escapeRegExp, type Notification, type Workbench } from './workbench';
import { LIMITS } from './support/limits';

export const CONTAINER = 'Speech API';
export const VIEW: Record<ProviderId, string> = { valossa: 'Valossa Jobs', vurbo: 'Vurbo Tasks' };

/** The label the provider pickers show ("Vurbo.ai VAS", "Valossa Core"). */
export function providerLabel(provider: ProviderId): string {
  return PROVIDERS[provider].label;
}

/**
 * F1 → "Speech API: Set API Key…" → pick the provider → type the key into the password box → Enter.
 * Resolves once the "key saved" notification shows, and returns it (its "Test Key" button works).
 */
export async function setApiKey(workbench: Workbench, provider: ProviderId, key: string, options: { confirmHost?: boolean } = {}): Promise<Notification> {
  await workbench.runCommand('Speech API: Set API Key…');
  await workbench.pickQuickPickItem(providerLabel(provider));
  if (options.confirmHost) await answerHostModal(workbench, provider, 'Use this host');
  const input = await workbench.waitForQuickInput({ title: new RegExp(`^${escapeRegExp(providerLabel(provider))} API key for `) });
  if (input.inputType !== 'password') throw new Error(`the key box is a ${input.inputType} input, not a password input`);
  await workbench.typeInQuickInput(key, { submit: true });
  // A key already stored for the origin is replaced only after a modal says so.
  const replace = workbench.page.locator('.monaco-dialog-box', { hasText: 'is already stored for' });
  const saved = `${providerLabel(provider)} key saved for`;
  await workbench.poll(
    async () => {
      if (await replace.isVisible()) await replace.locator('.monaco-button', { hasText: /^\s*Replace Key\s*$/ }).click();
      return (await workbench.notifications()).some((n) => n.message.includes(saved) || /is already the one stored/.test(n.message));
    },
    'the key to be saved',
    LIMITS.roundTrip,
  );
  return workbench.waitForNotification(new RegExp(`${escapeRegExp(saved)}|is already the one stored`));
}

/** F1 → "Speech API: Test API Key" → pick the provider; returns the notification that reports the outcome. */
export async function testApiKey(workbench: Workbench, provider: ProviderId): Promise<Notification> {
  await workbench.runCommand('Speech API: Test API Key');
  await workbench.pickQuickPickItem(providerLabel(provider));
  return workbench.waitForNotification(new RegExp(`^(${escapeRegExp(providerLabel(provider))} key for .* works|Test API key: )`), {
    timeoutMs: LIMITS.roundTrip,
  });
}

/** Answers the modal that asks before a key goes to a host a workspace setting names; returns its text. */
export async function answerHostModal(
  workbench: Workbench,
  provider: ProviderId,
  answer: 'Use this host' | 'Use the default host instead' | 'Cancel',
): Promise<string> {
  const box = workbench.page.locator('.monaco-dialog-box');
  await box.waitFor({ state: 'visible', timeout: LIMITS.roundTrip });
  const text = await box.innerText();
  if (!text.includes(`Send your ${providerLabel(provider)} API key to `))
    throw new Error(`expected the host modal for ${providerLabel(provider)}; it says: ${text}`);
  await box.locator('.monaco-button', { hasText: new RegExp(`^\\s*${escapeRegExp(answer)}\\s*$`) }).click();
  // The next modal (another provider's) may open at once in the same place: wait for this one to go.
  await workbench.page.locator('.monaco-dialog-box', { hasText: `Send your ${providerLabel(provider)} API key to ` }).waitFor({ state: 'hidden' });
  return text;
}

/** F1 → "Speech API: New Valossa Job…" → "From a video URL…" → the URL → the title. */
export async function newValossaJobFromUrl(workbench: Workbench, url: string, title: string): Promise<void> {
  await workbench.runCommand('Speech API: New Valossa Job…');
  await workbench.pickQuickPickItem('From a video URL…');
  await workbench.waitForQuickInput({ title: /video URL/ });
  await workbench.typeInQuickInput(url, { submit: true });
  await workbench.waitForQuickInput({ title: /job title/i });
  await workbench.typeInQuickInput(title, { submit: true, replace: true });
}

/** What the live wizard asks after the audio source. */
export interface LiveWizardChoices {
  /** A target language to tick, or none. */
  translateInto?: string;
  /** A template name or "No summary": picking it starts the session. */
  summary: string;
  /** Runs just before the summary pick (a benchmark arms its timer there). */
  beforeStart?: () => Promise<void>;
}

/** The live wizard after its audio source: Transcribe, single speaker, the default spoken language, then `choices`. */
export async function finishLiveWizard(workbench: Workbench, choices: LiveWizardChoices): Promise<void> {
  await workbench.waitForQuickInput({ title: /recording type/ });
  await workbench.pickQuickPickItem('Transcribe');
  await workbench.waitForQuickInput({ title: /recognition mode/ });
  await workbench.pickQuickPickItem('Single speaker');
  await workbench.waitForQuickInput({ title: /spoken languages/ });
  await workbench.page.keyboard.press('Enter');
  await workbench.waitForQuickInput({ title: /translate into/ });
  if (choices.translateInto) await workbench.pickQuickPickItem(choices.translateInto);
  await workbench.page.keyboard.press('Enter');
  await workbench.waitForQuickInput({ title: /summary template/ });
  await choices.beforeStart?.();
  await workbench.pickQuickPickItem(choices.summary);
}

/** F1 → "Start Live Session…" with a WAV file of the workspace, then the rest of the wizard as `finishLiveWizard`. */
export async function startLiveSession(workbench: Workbench, wavPath: string, summary: string | LiveWizardChoices): Promise<void> {
  await workbench.runCommand('Speech API: Start Live Session…');
  await workbench.waitForQuickInput({ title: /audio source/ });
  await workbench.pickQuickPickItem('WAV file');
  await workbench.chooseFileInDialog(wavPath, /pick a WAV file/);
  await finishLiveWizard(workbench, typeof summary === 'string' ? { summary } : summary);
}
