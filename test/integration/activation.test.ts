// The extension as VS Code sees it: it activates, and every command it contributes is registered.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'speech-api-explorer.speech-api-explorer';

describe('activation', () => {
  it('activates without errors', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  it('registers every command it contributes, the key commands among them', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    const contributed = ((ext?.packageJSON.contributes?.commands ?? []) as { command: string }[]).map((c) => c.command);
    for (const id of [
      'speechApi.setKey',
      'speechApi.clearKey',
      'speechApi.testKey',
      'speechApi.importKeyFromEnv',
      'speechApi.sandbox.start',
      'speechApi.sandbox.stop',
    ]) {
      assert.ok(contributed.includes(id), `${id} is contributed`);
    }
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], 'contributed but not registered');
  });

  it('keeps both base URLs out of reach of untrusted workspaces and of settings sync', () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON;
    const restricted: string[] = manifest?.capabilities?.untrustedWorkspaces?.restrictedConfigurations ?? [];
    const properties = manifest?.contributes?.configuration?.properties ?? {};
    for (const name of ['speechApi.valossa.baseUrl', 'speechApi.vurbo.baseUrl']) {
      assert.ok(restricted.includes(name), `${name} is restricted in untrusted workspaces`);
      assert.equal(properties[name]?.scope, 'machine-overridable', `${name} is a per-machine setting`);
      assert.match(vscode.workspace.getConfiguration().get<string>(name) ?? '', /^https?:\/\//);
    }
  });
});
