// Microphone capture through an installed program: backends per platform, device lists, the
// capture source a live session reads, and its device-paced pacer.
export * from './backends';
export { findProgram, programLookup } from './findProgram';
export { CaptureError, classifyCaptureExit, lastLine, type CaptureProblem } from './errors';
export { LEVEL_FLOOR_DB, levelBar, pcmLevelDb, SilenceWatch } from './level';
export { parseDevices, deviceListCommand, type CaptureDevice } from './devices';
export { listCaptureDevices } from './listDevices';
export { CapturePcmSource, type CaptureEvent, type CaptureSourceOptions } from './captureSource';
export { isDeviceSource, type DevicePcmSource } from './deviceSource';
export { DevicePacer } from './pacer';
