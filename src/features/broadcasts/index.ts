// Vurbo Broadcasts: the host's view (create, copy link, revoke) and watching any broadcast as a viewer.
import * as vscode from 'vscode';
import { fromVurboRecord } from '../../core/explorer/request';
import { API_PREFIX } from '../../core/vurbo/client';
import { labelled, type CurlSource } from '../shared/curl';
import type { FeatureDeps } from '../shared/feature';
import { registerListFeature } from '../shared/listFeature';
import { BroadcastCommands, type BroadcastLinks } from './commands';
import { BroadcastsModel } from './model';
import { broadcastOfNode, BroadcastsTreeProvider } from './tree';

export interface BroadcastsApi {
  /** The create wizard, guarded like a command (the live feature's "Broadcast" choice). */
  create(): Promise<void>;
  readonly curl: CurlSource;
}

export function registerBroadcasts(context: vscode.ExtensionContext, deps: FeatureDeps & BroadcastLinks): BroadcastsApi {
  const model = new BroadcastsModel(deps.connections, deps.log);
  const tree = new BroadcastsTreeProvider(model);
  const { view, commands } = registerListFeature(context, deps, {
    viewId: 'speechApi.broadcasts',
    model,
    tree,
    provider: 'vurbo',
    count: () => model.broadcasts.length,
    // Empty and no-key states are the welcome views'.
    texts: { error: (text) => vscode.l10n.t('Could not load broadcasts: {0}', text) },
    canSelectMany: true,
    commands: () => new BroadcastCommands({ ...deps, model }),
  });
  return {
    create: deps.commands.guard(vscode.l10n.t('Create broadcast'), () => commands.create()),
    curl: {
      selection: () => view.selection,
      requestsFor(element: unknown) {
        const b = broadcastOfNode(element);
        const recorded = b && model.lastRequests.get(b.id);
        if (!b || !recorded) return undefined;
        // The broadcast's status first, on the host the last call went to.
        const status = new URL(`${API_PREFIX}/broadcasts/${encodeURIComponent(b.id)}`, recorded.url).toString();
        return [
          labelled({ provider: 'vurbo', method: 'GET', url: status, headers: {}, auth: 'x-api-key', response: 'json' }),
          labelled(fromVurboRecord(recorded), true),
        ];
      },
    },
  };
}
