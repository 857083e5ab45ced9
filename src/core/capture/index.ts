// Microphone capture through an installed program: backends per platform, device lists, the
// capture source a live session reads, and its device-paced pacer.
export * from './backends';
export { findProgram, programLookup } from './findProgram';
export { CaptureError, classifyCaptureExit, lastLine } from './errors';
export { levelBar, pcmLevelDb, SilenceWatch } from './level';
export { parseDevices, type CaptureDevice } from './devices';
export { listCaptureDevices } from './listDevices';
export { CapturePcmSource, type CaptureEvent } from './captureSource';
