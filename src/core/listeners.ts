// The listeners of an event source, told in turn: one that throws stops neither the others nor the
// source (the microphone capture and the live session tell theirs this way).

export class Listeners<E> {
  private readonly listeners = new Set<(event: E) => void>();

  /** Adds a listener; the returned function removes it. */
  add(listener: (event: E) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: E): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A broken listener must not stop the source.
      }
    }
  }
}
