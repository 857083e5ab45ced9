// "Copy as curl" sources: each tree feature renders the last request behind one of its nodes, with
// the key already replaced by an environment-variable reference (core/http/curl.ts).

export interface CurlSource {
  /** The curl command for this tree element, or undefined when the element is not this source's. */
  curlFor(element: unknown): string | undefined;
}
