// The file extension for the Content-Type of an exported task audio (the export names no file type).

const EXTENSIONS: Readonly<Record<string, string>> = {
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/wave': 'wav',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/x-m4a': 'm4a',
  'audio/m4a': 'm4a',
  'audio/aac': 'aac',
  'audio/ogg': 'ogg',
};

/** `wav` for `audio/wav; charset=…`; undefined for a type we do not know. */
export function audioExtensionOf(contentType: string | undefined): string | undefined {
  return EXTENSIONS[(contentType ?? '').split(';')[0].trim().toLowerCase()];
}
