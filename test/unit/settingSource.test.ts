// Where a base URL comes from, as the host guard sees it: inspect() layers of one setting in
// single-folder, multi-root and folder-less windows.
import assert from 'node:assert/strict';
import { settingSource, userOrDefault } from '../../src/core/settingSource';

const DEFAULT = 'https://vas-poc.vurbo.ai';

describe('settingSource: which layer of inspect() a setting comes from', () => {
  it('is the default when nothing sets it', () => {
    assert.deepEqual(settingSource({ defaultValue: DEFAULT }, { folders: ['/work/app'] }), { value: DEFAULT, scope: 'default', fromWorkspace: false });
  });

  it('is the user (or remote machine) setting when only that sets it', () => {
    const s = settingSource({ defaultValue: DEFAULT, globalValue: 'https://mine.example' }, { folders: ['/work/app'] });
    assert.deepEqual(s, { value: 'https://mine.example', scope: 'user', fromWorkspace: false });
  });

  it("names the folder's .vscode/settings.json in a single-folder window (workspaceValue there is the folder's file)", () => {
    const s = settingSource({ defaultValue: DEFAULT, globalValue: 'https://mine.example', workspaceValue: 'http://127.0.0.1:9' }, { folders: ['/work/app/'] });
    assert.deepEqual(s, { value: 'http://127.0.0.1:9', scope: 'folder', file: '/work/app/.vscode/settings.json', fromWorkspace: true });
  });

  it('names the .code-workspace file in a multi-root window', () => {
    const s = settingSource(
      { defaultValue: DEFAULT, workspaceValue: 'https://other.example' },
      { workspaceFile: '/work/team.code-workspace', folders: ['/work/a', '/work/b'] },
    );
    assert.deepEqual(s, { value: 'https://other.example', scope: 'workspace', file: '/work/team.code-workspace', fromWorkspace: true });
  });

  it("puts a folder's own value (inspect with that folder's URI) above the workspace file, naming that folder's file", () => {
    const inspection = {
      defaultValue: DEFAULT,
      globalValue: 'https://mine.example',
      workspaceValue: 'https://ws.example',
      workspaceFolderValue: 'https://folder-b.example',
    };
    const s = settingSource(inspection, { workspaceFile: '/work/team.code-workspace', folders: ['/work/a', '/work/b'] }, '/work/b');
    assert.deepEqual(s, { value: 'https://folder-b.example', scope: 'folder', file: '/work/b/.vscode/settings.json', fromWorkspace: true });
    // Without the folder, the first folder is the one named.
    assert.equal(settingSource(inspection, { folders: ['/work/a', '/work/b'] }).file, '/work/a/.vscode/settings.json');
  });

  it('skips layers that hold an empty string (a settings file that clears the value means "use the next one")', () => {
    const s = settingSource(
      { defaultValue: DEFAULT, globalValue: 'https://mine.example', workspaceValue: '  ', workspaceFolderValue: '' },
      { folders: ['/work/app'] },
    );
    assert.equal(s.scope, 'user');
    assert.equal(s.fromWorkspace, false);
  });

  it('handles a window with no folder and an inspection VS Code could not give', () => {
    assert.deepEqual(settingSource(undefined, { folders: [] }), { value: undefined, scope: 'default', fromWorkspace: false });
    const s = settingSource({ workspaceValue: 'https://x.example' }, { folders: [] });
    assert.deepEqual(s, { value: 'https://x.example', scope: 'folder', file: undefined, fromWorkspace: true });
  });

  it('userOrDefault ignores every workspace layer (what "use the default host instead" and restricted mode use)', () => {
    const inspection = {
      defaultValue: DEFAULT,
      globalValue: 'https://mine.example',
      workspaceValue: 'https://ws.example',
      workspaceFolderValue: 'https://f.example',
    };
    assert.deepEqual(userOrDefault(inspection), { value: 'https://mine.example', scope: 'user', fromWorkspace: false });
    assert.deepEqual(userOrDefault({ defaultValue: DEFAULT, workspaceValue: 'https://ws.example' }), {
      value: DEFAULT,
      scope: 'default',
      fromWorkspace: false,
    });
  });
});
