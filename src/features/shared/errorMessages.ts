// What the user reads for an ApiError: each catalogue code worded here, localized, and free to name
// the extension's views and commands. The core's message stays neutral English for the CLI and logs.
import * as vscode from 'vscode';
import { ApiError } from '../../core/errors';

/** One sentence per catalogue code (src/core/errors.ts); test/unit/errors-l10n.test.ts keeps them in step. */
const SENTENCES: Readonly<Record<string, () => string>> = {
  auth_missing_api_key: () => vscode.l10n.t('No Vurbo API key was sent. Set a key with "Speech API: Set API Key…".'),
  auth_invalid_api_key: () => vscode.l10n.t('The Vurbo API key was rejected. Check it in the Vurbo dashboard and set it again.'),
  auth_invalid_key_format: () => vscode.l10n.t('The Vurbo API key is malformed: it must be "vas_" followed by 32 letters and digits. Set it again.'),
  auth_key_expired: () => vscode.l10n.t('The Vurbo API key has expired. Request a new key in the Vurbo dashboard and set it.'),
  auth_key_disabled: () => vscode.l10n.t('The Vurbo API key is disabled. Contact Vurbo technical support.'),
  auth_user_disabled: () => vscode.l10n.t('Your Vurbo account is disabled. Contact Vurbo technical support; another key will not help.'),
  auth_budget_exceeded: () => vscode.l10n.t('The monthly Vurbo budget is used up. Wait for it to reset, or adjust the budget in the dashboard.'),
  ticket_invalid: () => vscode.l10n.t('The live-session ticket is invalid or expired. Connecting again fetches a new one.'),
  ticket_expired: () => vscode.l10n.t('The live-session ticket expired (tickets last 60 s). Connecting again fetches a new one.'),
  ticket_already_used: () => vscode.l10n.t('The live-session ticket was already used (tickets are single-use). Connecting again fetches a new one.'),
  ticket_validation_failed: () => vscode.l10n.t('Vurbo could not validate the live-session ticket. Try again in a moment.'),
  validation_failed: () => vscode.l10n.t('Vurbo rejected a parameter as missing or malformed.'),
  tts_invalid_language: () => vscode.l10n.t('That language is not supported for text-to-speech. Pick another language.'),
  diarization_multilang_conflict: () =>
    vscode.l10n.t('Multi-speaker recognition needs exactly one transcription language. Choose one language or single-speaker mode.'),
  summary_mode_conflict: () => vscode.l10n.t('The summary parameters conflict: "template" goes with builtin mode, "prompt"/"prompt_slug" with custom mode.'),
  task_not_found: () => vscode.l10n.t('That Vurbo task no longer exists. Refresh the Vurbo Tasks view.'),
  import_not_found: () => vscode.l10n.t('That Vurbo import no longer exists.'),
  broadcast_not_found: () => vscode.l10n.t('No broadcast has that share token, or it was revoked. Check the share link.'),
  broadcast_password_invalid: () => vscode.l10n.t('The broadcast password is wrong. Ask the host for the current password.'),
  broadcast_password_required: () => vscode.l10n.t('This broadcast is password-protected. Enter the password to watch it.'),
  invalid_state: () => vscode.l10n.t('The task is not in a state that allows this action. Refresh and try again.'),
  speaker_label_invalid: () => vscode.l10n.t('Speaker labels must be 1–100 characters with no control characters or line breaks.'),
  translation_failed: () => vscode.l10n.t('This sentence could not be translated.'),
  stt_service_error: () => vscode.l10n.t('The speech-recognition service failed and ended the live session. What was recorded so far is kept in the task.'),
  upload_error: () => vscode.l10n.t('Vurbo could not upload part of the recording.'),
  summary_error: () => vscode.l10n.t('Vurbo could not generate the summary; the transcript is kept.'),
  task_failed: () => vscode.l10n.t('Vurbo could not process the recording and marked the task as failed. Retry it with "Retry Task" in the Vurbo Tasks view.'),
  live_connection_lost: () => vscode.l10n.t('The live session lost its connection and could not reconnect. What was recorded so far stays in the task.'),
  viewer_access_token_invalid: () => vscode.l10n.t('The viewer access for this broadcast is invalid or expired. Enter the password again.'),
  broadcast_full: () => vscode.l10n.t('The broadcast has reached its viewer limit. Try again in a moment.'),
  broadcast_session_active: () => vscode.l10n.t('Another live session is already broadcasting to this broadcast. Stop it first.'),
  broadcast_ended: () => vscode.l10n.t('The broadcast has ended.'),
  valossa_invalid_api_key: () =>
    vscode.l10n.t(
      'The Valossa API key is invalid, missing, expired or lacks permission. Set the key from Valossa Portal → My Account → Subscriptions and API Keys.',
    ),
  valossa_job_not_found: () => vscode.l10n.t('Valossa has no such job for this key (it may have been deleted). Refresh the Valossa Jobs view.'),
  valossa_malformed_request: () => vscode.l10n.t('Valossa could not read the request body.'),
  valossa_missing_field: () => vscode.l10n.t('A required field is missing from the Valossa request.'),
  valossa_results_not_ready: () => vscode.l10n.t('The job has not finished yet, so its results are not available. Wait until it shows as finished.'),
  valossa_cannot_cancel: () => vscode.l10n.t('Only queued jobs can be cancelled; this one has already started or ended.'),
  valossa_bad_request: () => vscode.l10n.t('Valossa rejected the request.'),
  valossa_server_error: () => vscode.l10n.t('Valossa had an unexpected server error. Try again later.'),
  rate_limited: () => vscode.l10n.t('Too many requests. Waiting before trying again.'),
  payment_required: () => vscode.l10n.t('The account has no budget or credits left for this request.'),
  forbidden: () => vscode.l10n.t('The key is not allowed to do this.'),
  unauthorized: () => vscode.l10n.t('The server rejected the credentials. Set the key again.'),
  not_found: () => vscode.l10n.t('The server has no such resource.'),
  bad_request: () => vscode.l10n.t('The server rejected the request.'),
  server_error: () => vscode.l10n.t('The server had an error. Try again later.'),
  bad_gateway: () => vscode.l10n.t('A proxy or gateway between you and the API failed. Try again later.'),
  service_unavailable: () => vscode.l10n.t('The API is temporarily unavailable. Try again later.'),
  network_error: () => vscode.l10n.t('Could not reach the API. Check the network and the base URL setting.'),
  timeout: () => vscode.l10n.t('The API did not answer in time.'),
  stream_stalled: () => vscode.l10n.t('The stream stopped sending data; reconnecting.'),
  unexpected_response: () => vscode.l10n.t('The API sent a response that could not be understood.'),
  too_large: () => vscode.l10n.t('The response is larger than the configured limit.'),
  cancelled: () => vscode.l10n.t('Cancelled.'),
  no_key: () => vscode.l10n.t('No API key is stored for this provider and host. Set one with "Speech API: Set API Key…".'),
  insecure_base_url: () => vscode.l10n.t('The base URL is not allowed.'),
  host_not_confirmed: () => vscode.l10n.t('A workspace setting points the provider at a host you have not confirmed, so no key was sent.'),
};

/**
 * The error in the user's language: our own account (detail) as it was given, a known code's
 * sentence with the server's words where the core message quotes them, else the core's English.
 */
export function localizedMessage(error: ApiError): string {
  if (error.detail !== undefined) return error.detail;
  const sentence = Object.hasOwn(SENTENCES, error.code) ? SENTENCES[error.code]() : undefined;
  if (sentence === undefined) return error.message;
  return error.quotedServerMessage === undefined ? sentence : vscode.l10n.t('{0} Server said: "{1}".', sentence, error.quotedServerMessage);
}

/** Anything thrown, as the user should read it: ApiErrors localized, other errors by their message. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return localizedMessage(error);
  return error instanceof Error ? error.message : String(error);
}

/** For validators: the problem's text, or undefined when there is none. */
export function optionalText(problem: ApiError | undefined): string | undefined {
  return problem && localizedMessage(problem);
}
