// The tools' names as package.json's languageModelTools contributes them (a unit test keeps the two equal).
export const TOOL = {
  listVurboTasks: 'speechApi_listVurboTasks',
  getVurboTranscript: 'speechApi_getVurboTranscript',
  listValossaJobs: 'speechApi_listValossaJobs',
  getValossaJobSummary: 'speechApi_getValossaJobSummary',
  scanForHardcodedKeys: 'speechApi_scanForHardcodedKeys',
  speechApiStatus: 'speechApi_status',
  newValossaJob: 'speechApi_newValossaJob',
  retranslateVurboTask: 'speechApi_retranslateVurboTask',
  renameVurboTask: 'speechApi_renameVurboTask',
} as const;
