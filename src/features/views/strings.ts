// The words the two webviews show, localized here (webview code has no l10n of its own), and the
// names of the Valossa detection types; a type not listed is shown under its own name.
import * as vscode from 'vscode';
import type { ReportStringKey, Strings, TranscriptStringKey } from '../../core/views/protocol';

export function reportStrings(): Strings<ReportStringKey> {
  return {
    facts: vscode.l10n.t('Media facts'),
    duration: vscode.l10n.t('Duration'),
    resolution: vscode.l10n.t('Resolution'),
    fps: vscode.l10n.t('Frames per second'),
    codecs: vscode.l10n.t('Codecs'),
    format: vscode.l10n.t('Metadata format'),
    detections: vscode.l10n.t('Detection'),
    occurrences: vscode.l10n.t('Occurrences'),
    screenTime: vscode.l10n.t('Screen time'),
    timeline: vscode.l10n.t('Timeline'),
    zoomIn: vscode.l10n.t('Zoom in'),
    zoomOut: vscode.l10n.t('Zoom out'),
    zoomReset: vscode.l10n.t('Show the whole media'),
    transcript: vscode.l10n.t('Transcript'),
    search: vscode.l10n.t('Search labels and speech'),
    openJson: vscode.l10n.t('Open as JSON'),
    noSpeech: vscode.l10n.t('No speech was detected in this video.'),
    noDetections: vscode.l10n.t('No detections match.'),
    lane: vscode.l10n.t('Lane'),
    confidence: vscode.l10n.t('confidence'),
    more: vscode.l10n.t('{0} more: search to find them.'),
    showLane: vscode.l10n.t('Show on the timeline'),
  };
}

export function transcriptStrings(): Strings<TranscriptStringKey> {
  return {
    summary: vscode.l10n.t('Summary'),
    search: vscode.l10n.t('Search the transcript'),
    columns: vscode.l10n.t('Translation columns'),
    original: vscode.l10n.t('Original'),
    player: vscode.l10n.t('Audio of the task'),
    loadingAudio: vscode.l10n.t('Loading the audio…'),
    export: vscode.l10n.t('Export'),
    live: vscode.l10n.t('Live'),
    ended: vscode.l10n.t('Ended'),
    partial: vscode.l10n.t('(partial: may still change)'),
    matches: vscode.l10n.t('{0} matching sentences'),
    oneMatch: vscode.l10n.t('1 matching sentence'),
    sentences: vscode.l10n.t('{0} sentences'),
    oneSentence: vscode.l10n.t('1 sentence'),
  };
}

/** Valossa detection types (valossa-core.md §6) by their names in the report. */
export function detectionTypeNames(): Record<string, string> {
  return {
    'human.face': vscode.l10n.t('Faces'),
    'human.face_group': vscode.l10n.t('Face groups'),
    'visual.context': vscode.l10n.t('Visual concepts'),
    'visual.object.localized': vscode.l10n.t('Logos and objects'),
    'visual.color': vscode.l10n.t('Colours'),
    'visual.text_region.full_frame_analysis': vscode.l10n.t('Text on screen'),
    'visual.text_region.lower_third': vscode.l10n.t('Text, lower third'),
    'visual.text_region.middle_third': vscode.l10n.t('Text, middle third'),
    'visual.text_region.upper_third': vscode.l10n.t('Text, upper third'),
    'audio.context': vscode.l10n.t('Sounds'),
    'audio.voice_emotion': vscode.l10n.t('Voice emotion'),
    'audio.speech_summary': vscode.l10n.t('Speech summary'),
    'audio.speech_summary.keyword': vscode.l10n.t('Summary keywords'),
    'audio.keyword.novelty_word': vscode.l10n.t('Keywords in speech'),
    'audio.keyword.name.person': vscode.l10n.t('People named in speech'),
    'audio.keyword.name.location': vscode.l10n.t('Places named in speech'),
    'audio.keyword.name.organization': vscode.l10n.t('Organisations named in speech'),
    'audio.keyword.compliance': vscode.l10n.t('Sensitive words in speech'),
    'topic.iab': vscode.l10n.t('IAB topics'),
    'topic.iab.section': vscode.l10n.t('IAB topics by section'),
  };
}
