// "Copy as curl" for Vurbo task nodes: the task's last request in this session or, before any, its
// transcript-history stream.
import { vurboCurl } from '../../core/vurbo/curl';
import type { CurlSource } from '../shared/curl';
import type { TasksModel } from './model';
import { taskOfNode } from './tree';

export function tasksCurlSource(model: TasksModel): CurlSource {
  return {
    curlFor(element: unknown) {
      const id = taskOfNode(element)?.taskId;
      if (!id) return undefined;
      const recorded = model.lastRequests.get(id);
      if (recorded) return vurboCurl(recorded);
      const historyUrl = model.historyUrl(id);
      return historyUrl ? vurboCurl({ method: 'GET', url: historyUrl, headers: { Accept: 'text/event-stream' }, keyHeader: 'x-api-key' }) : undefined;
    },
  };
}
