// Where an effective setting value comes from, worked out from what VS Code's
// `WorkspaceConfiguration.inspect()` reports. Pure, so the rules are tested without VS Code.
//
// Why it matters: a key may only be sent to a host the user chose. A host from the default or the
// user's (or remote machine's) settings is the user's choice; one from a workspace or folder
// settings file came with a folder someone else may have written.

/** The layers of VS Code's settings, strongest last: default < user < workspace < folder. */
export type SettingScope = 'default' | 'user' | 'workspace' | 'folder';

/** The part of `inspect()` this module reads (remote machine settings arrive as `globalValue`). */
export interface SettingInspection<T> {
  defaultValue?: T;
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
}

/** The window's shape, for naming the file a workspace value lives in. */
export interface WorkspaceShape {
  /** The `.code-workspace` file of a multi-root (or saved) workspace, as a path or URI. */
  workspaceFile?: string;
  /** Workspace folders, as paths or URIs, in order. */
  folders: readonly string[];
}

export interface SettingSource<T> {
  value: T | undefined;
  scope: SettingScope;
  /** The file the value was read from, when it came from a workspace or a folder. */
  file?: string;
  /** Whether the value came with the opened folder or workspace rather than from the user. */
  fromWorkspace: boolean;
}

/** A value that counts as set: an empty string in a settings file means "use the default". */
function isSet<T>(value: T | undefined): value is T {
  return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
}

function settingsFileOf(folder: string): string {
  return `${folder.replace(/[\\/]+$/, '')}/.vscode/settings.json`;
}

/**
 * The value VS Code applies and its layer. `inspect()` read without a resource fills
 * `workspaceValue` from the `.code-workspace` file in a multi-root window and from the folder's
 * `.vscode/settings.json` in a single-folder window; read with a folder's URI it adds that folder's
 * own file as `workspaceFolderValue`. A single-folder window's workspace value is reported as the
 * folder's, since that is the file the user would look in.
 */
export function settingSource<T>(inspection: SettingInspection<T> | undefined, workspace: WorkspaceShape, folder?: string): SettingSource<T> {
  const layers: SettingInspection<T> = inspection ?? {};
  const multiRoot = workspace.workspaceFile !== undefined;
  const owner = folder ?? workspace.folders[0];
  if (isSet(layers.workspaceFolderValue) && owner !== undefined) {
    return { value: layers.workspaceFolderValue, scope: 'folder', file: settingsFileOf(owner), fromWorkspace: true };
  }
  if (isSet(layers.workspaceValue)) {
    if (multiRoot) return { value: layers.workspaceValue, scope: 'workspace', file: workspace.workspaceFile, fromWorkspace: true };
    return { value: layers.workspaceValue, scope: 'folder', file: owner === undefined ? undefined : settingsFileOf(owner), fromWorkspace: true };
  }
  if (isSet(layers.globalValue)) return { value: layers.globalValue, scope: 'user', fromWorkspace: false };
  return { value: layers.defaultValue, scope: 'default', fromWorkspace: false };
}

/** The value the user's own layers give (user settings, else the default): what "use the default host instead" means. */
export function userOrDefault<T>(inspection: SettingInspection<T> | undefined): SettingSource<T> {
  return settingSource({ defaultValue: inspection?.defaultValue, globalValue: inspection?.globalValue }, { folders: [] });
}
