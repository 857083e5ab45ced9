// `speechApiStatus`: per provider, whether a key is stored for the configured origin (yes or no,
// never the key), the base URL in force and where it comes from, and whether the sandbox runs.

export interface ProviderStatus {
  readonly label: string;
  readonly baseUrl: string;
  /** Why the base URL cannot be used, when it cannot. */
  readonly problem?: string;
  /** "your user settings", "this folder's settings, …". */
  readonly source: string;
  readonly hasKey: boolean;
  readonly unconfirmed: boolean;
  readonly sandbox: boolean;
}

export function formatStatus(providers: readonly ProviderStatus[], sandboxOrigin: string | undefined, trusted: boolean): string {
  const lines = providers.map((p) => {
    const facts = [
      `base URL ${p.baseUrl} (from ${p.source})`,
      p.problem ? `not usable: ${p.problem}` : undefined,
      p.unconfirmed ? 'host named by a workspace setting and not yet confirmed, so no key is sent' : undefined,
      `key stored for this origin: ${p.hasKey ? 'yes' : 'no'}`,
      p.sandbox ? 'this is the local sandbox' : undefined,
    ];
    return `- ${p.label}: ${facts.filter(Boolean).join('; ')}`;
  });
  return [
    'Speech API Explorer status:',
    ...lines,
    `- Sandbox: ${sandboxOrigin ? `running at ${sandboxOrigin}` : 'not running'}`,
    `- Workspace trust: ${trusted ? 'trusted' : 'restricted — the tools that send requests refuse to run'}`,
  ].join('\n');
}
