// Node built-ins needed only on first use (streamed bodies, downloads, uploads, file reads): required
// then, not when the extension is loaded (npm run bench -- activation).
export const nodeStream = (): typeof import('node:stream') => require('node:stream') as typeof import('node:stream');
export const nodeStreamPromises = (): typeof import('node:stream/promises') => require('node:stream/promises') as typeof import('node:stream/promises');
export const nodeFsPromises = (): typeof import('node:fs/promises') => require('node:fs/promises') as typeof import('node:fs/promises');
// Loading these four costs ≈ 3–4 ms of a 20 ms activation; only scans, captures, the sandbox and
// nonces use them.
export const nodeCrypto = (): typeof import('node:crypto') => require('node:crypto') as typeof import('node:crypto');
export const nodeChildProcess = (): typeof import('node:child_process') => require('node:child_process') as typeof import('node:child_process');
export const nodeWorkerThreads = (): typeof import('node:worker_threads') => require('node:worker_threads') as typeof import('node:worker_threads');
export const nodeNet = (): typeof import('node:net') => require('node:net') as typeof import('node:net');
