// Text that goes into a MarkdownString (tooltips) must not be read as markup.
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
