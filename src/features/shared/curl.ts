// "Copy as Code" sources: each tree feature lists the requests behind one of its nodes — the useful
// reads first (status, results, the history stream), then the last call made — without the key
// (core/explorer/request.ts); the curl feature renders them as curl, Python or JavaScript.
import type { ApiRequest } from '../../core/explorer/request';

export interface LabelledRequest {
  /** "GET /job_status?job_id=…". */
  readonly label: string;
  readonly request: ApiRequest;
  /** The last call the node made (Copy as curl takes it first), rather than one of its useful reads. */
  readonly last: boolean;
}

export interface CurlSource {
  /** The requests of this tree element, or undefined when the element is not this source's. */
  requestsFor(element: unknown): readonly LabelledRequest[] | undefined;
  /** The view's selected rows: what a command run from the Command Palette copies. */
  selection(): readonly unknown[];
}

export function labelled(request: ApiRequest, last = false): LabelledRequest {
  const url = new URL(request.url);
  const label = `${request.method} ${url.pathname}${url.search}`;
  return { label, request, last };
}
