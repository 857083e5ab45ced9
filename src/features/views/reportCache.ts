// The last few reports built, by job id: a finished job's metadata does not change, so reopening its
// report (or reviving it after a reload) skips the download, the parse and the model. Small: a 10 MB
// metadata file makes a model of tens of megabytes.
import type { ReportScreens } from '../../core/valossa/reportScreen';

export class ReportCache {
  private readonly byJob = new Map<string, ReportScreens>();

  constructor(private readonly capacity = 2) {}

  get(jobId: string): ReportScreens | undefined {
    const hit = this.byJob.get(jobId);
    if (hit) {
      // Most recently used last.
      this.byJob.delete(jobId);
      this.byJob.set(jobId, hit);
    }
    return hit;
  }

  set(jobId: string, screens: ReportScreens): void {
    this.byJob.delete(jobId);
    this.byJob.set(jobId, screens);
    while (this.byJob.size > this.capacity) this.byJob.delete(this.byJob.keys().next().value!);
  }

  clear(): void {
    this.byJob.clear();
  }
}
