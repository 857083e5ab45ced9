// Page object for the extension's webviews in code-server. A webview is an iframe (class
// `webview ready`) holding another iframe (`#active-frame`) with the page itself; hidden webviews
// stay in the DOM, so the one the editor shows is the visible outer frame.
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { LIMITS } from './support/limits';
import type { Workbench } from './workbench';

export class Webview {
  constructor(private readonly workbench: Workbench) {}

  private get page(): Page {
    return this.workbench.page;
  }

  /** The page inside the visible webview. */
  get frame(): FrameLocator {
    return this.page.locator('iframe.webview.ready').locator('visible=true').first().contentFrame().frameLocator('#active-frame');
  }

  locator(selector: string): Locator {
    return this.frame.locator(selector);
  }

  /** Waits until the webview's script has drawn its content (it sets body[data-ready]). */
  async waitForReady(timeoutMs = LIMITS.roundTrip): Promise<void> {
    await this.locator('body[data-ready="true"]').waitFor({ state: 'attached', timeout: timeoutMs });
  }

  /** The editor tab of the webview panel, by its title. */
  tab(title: string | RegExp): Locator {
    return this.page.locator('.part.editor .tab', { hasText: title });
  }

  /**
   * Evaluates `fn` on the first match of `selector` in the page. Pass an inline anonymous arrow: the
   * TypeScript loader wraps named functions in a helper that does not exist in the page.
   */
  async evaluate<T>(selector: string, fn: (el: unknown) => T): Promise<T> {
    return this.locator(selector).first().evaluate(fn);
  }

  async count(selector: string): Promise<number> {
    return this.locator(selector).count();
  }

  async texts(selector: string): Promise<string[]> {
    return this.locator(selector).allInnerTexts();
  }

  /** Polls the webview until `check` holds (webview content updates after messages, not at once). */
  poll(check: () => Promise<boolean>, what: string, timeoutMs = LIMITS.roundTrip, detail?: () => string): Promise<void> {
    return this.workbench.poll(() => check().catch(() => false), what, timeoutMs, detail);
  }
}
