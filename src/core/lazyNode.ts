// Node built-ins needed only on first use (streamed bodies, downloads, uploads, file reads): required
// then, not when the extension is loaded (npm run bench -- activation).
export const nodeStream = (): typeof import('node:stream') => require('node:stream') as typeof import('node:stream');
export const nodeStreamPromises = (): typeof import('node:stream/promises') => require('node:stream/promises') as typeof import('node:stream/promises');
export const nodeFsPromises = (): typeof import('node:fs/promises') => require('node:fs/promises') as typeof import('node:fs/promises');
