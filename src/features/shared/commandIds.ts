// Every command the extension registers, by feature. Code names commands only through this table,
// so a rename is one edit and the compiler finds every use (test/unit/manifest.test.ts checks it
// against package.json). Commands that are not contributed (status-bar menus, tree-row actions)
// are listed too: they are registered all the same.
export const COMMAND = {
  keys: {
    setKey: 'speechApi.setKey',
    clearKey: 'speechApi.clearKey',
    testKey: 'speechApi.testKey',
    importKeyFromEnv: 'speechApi.importKeyFromEnv',
    reviewWorkspaceHost: 'speechApi.reviewWorkspaceHost',
    forgetWorkspaceHosts: 'speechApi.forgetWorkspaceHosts',
  },
  log: { show: 'speechApi.showLog' },
  curl: { copy: 'speechApi.copyAsCurl', copyAsCode: 'speechApi.copyAsCode' },
  explorer: {
    tryIt: 'speechApi.explorer.tryIt',
    send: 'speechApi.explorer.send',
    copyAsCode: 'speechApi.explorer.copyAsCode',
    showHistory: 'speechApi.explorer.showHistory',
    clearHistory: 'speechApi.explorer.clearHistory',
    openWebSocket: 'speechApi.explorer.openWebSocket',
    showRawEvents: 'speechApi.explorer.showRawEvents',
  },
  diagnostics: {
    scanWorkspace: 'speechApi.scanWorkspace',
    scanHistory: 'speechApi.scanHistory',
    openHistoryFinding: 'speechApi.scan.openHistoryFinding',
    moveKeyToEnvironment: 'speechApi.scan.moveKeyToEnvironment',
    addToGitignore: 'speechApi.scan.addToGitignore',
    rotateKey: 'speechApi.scan.rotateKey',
    checkKeyLive: 'speechApi.scan.checkKeyLive',
  },
  sandbox: { start: 'speechApi.sandbox.start', stop: 'speechApi.sandbox.stop', showMenu: 'speechApi.sandbox.showMenu' },
  streams: { stop: 'speechApi.stopStream', showRunning: 'speechApi.streams.showRunning' },
  jobs: {
    newJob: 'speechApi.valossa.newJob',
    refresh: 'speechApi.valossa.refreshJobs',
    loadMore: 'speechApi.valossa.loadMoreJobs',
    openResults: 'speechApi.valossa.openResults',
    openTranscript: 'speechApi.valossa.openTranscript',
    cancel: 'speechApi.valossa.cancelJob',
    delete: 'speechApi.valossa.deleteJob',
    copyId: 'speechApi.valossa.copyJobId',
    openReport: 'speechApi.valossa.openReport',
  },
  tasks: {
    refresh: 'speechApi.vurbo.refreshTasks',
    loadMore: 'speechApi.vurbo.loadMoreTasks',
    importAudio: 'speechApi.vurbo.importAudio',
    streamTranscript: 'speechApi.vurbo.streamTranscript',
    open: 'speechApi.vurbo.openTask',
    retranslate: 'speechApi.vurbo.retranslate',
    exportTranscript: 'speechApi.vurbo.exportTranscript',
    exportAudio: 'speechApi.vurbo.exportAudio',
    rename: 'speechApi.vurbo.renameTask',
    renameSpeaker: 'speechApi.vurbo.renameSpeaker',
    pin: 'speechApi.vurbo.pinTask',
    unpin: 'speechApi.vurbo.unpinTask',
    retry: 'speechApi.vurbo.retryTask',
    delete: 'speechApi.vurbo.deleteTask',
    openViewer: 'speechApi.vurbo.openTranscriptViewer',
  },
  live: {
    start: 'speechApi.vurbo.startLiveSession',
    pause: 'speechApi.vurbo.pauseLiveSession',
    resume: 'speechApi.vurbo.resumeLiveSession',
    stop: 'speechApi.vurbo.stopLiveSession',
    menu: 'speechApi.vurbo.liveSessionMenu',
    openViewer: 'speechApi.vurbo.openLiveViewer',
  },
  broadcasts: {
    create: 'speechApi.vurbo.createBroadcast',
    revoke: 'speechApi.vurbo.revokeBroadcast',
    watch: 'speechApi.vurbo.watchBroadcast',
    copyLink: 'speechApi.vurbo.copyBroadcastLink',
    copyPassword: 'speechApi.vurbo.copyBroadcastPassword',
    refresh: 'speechApi.vurbo.refreshBroadcasts',
    loadMore: 'speechApi.vurbo.loadMoreBroadcasts',
  },
} as const;

type Values<T> = T[keyof T];
export type CommandId = Values<{ [F in keyof typeof COMMAND]: Values<(typeof COMMAND)[F]> }>;

/** Every registered command id, for the manifest test. */
export function allCommandIds(): CommandId[] {
  return Object.values(COMMAND).flatMap((group) => Object.values(group) as CommandId[]);
}
