// "Copy as Code" for Vurbo task nodes: the transcript-history stream and the transcript export
// first, then the task's last request in this session.
import { fromVurboRecord } from '../../core/explorer/request';
import { TRANSCRIPT_EXPORT_PARAM } from '../../core/vurbo/inferred';
import { labelled, type CurlSource, type LabelledRequest } from '../shared/curl';
import type { TasksModel } from './model';
import { taskOfNode } from './tree';

export function tasksCurlSource(model: TasksModel, selection: () => readonly unknown[]): CurlSource {
  return {
    selection,
    requestsFor(element: unknown) {
      const id = taskOfNode(element)?.taskId;
      if (!id) return undefined;
      const out: LabelledRequest[] = [];
      const historyUrl = model.historyUrl(id);
      if (historyUrl) {
        out.push(labelled({ provider: 'vurbo', method: 'GET', url: historyUrl, headers: { Accept: 'text/event-stream' }, auth: 'x-api-key', response: 'sse' }));
        const exportUrl = historyUrl.replace(/\/sse\/history\/transcribe\/([^/?]+)$/, `/tasks/$1/transcript/export?${TRANSCRIPT_EXPORT_PARAM}=srt`);
        out.push(labelled({ provider: 'vurbo', method: 'GET', url: exportUrl, headers: {}, auth: 'x-api-key', response: 'text' }));
      }
      const recorded = model.lastRequests.get(id);
      if (recorded) out.push(labelled(fromVurboRecord(recorded), true));
      return out.length ? out : undefined;
    },
  };
}
