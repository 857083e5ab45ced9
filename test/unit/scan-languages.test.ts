// Valossa keys by name: the common assignment forms of ten languages and the config formats, each
// in a file that names a Valossa host or endpoint (or with a name that says valossa), and the
// look-alikes that must stay quiet.
import { assertNothing, recallSuite, type LeakCase } from './scan-leak-fixtures';

const HOST = 'https://api-eu.valossa.com/core/1.0';

const LANGUAGES: LeakCase[] = [
  { name: 'Kotlin val', file: 'Client.kt', key: 'hex', text: (k) => `object Valossa {\n    private const val BASE = "${HOST}"\n    val apiKey = "${k}"\n}\n` },
  { name: 'Kotlin typed', file: 'Config.kt', key: 'hex', text: (k) => `class Config {\n    private val valossaKey: String = "${k}"\n}\n` },
  { name: 'Swift let', file: 'Api.swift', key: 'hex', text: (k) => `let baseURL = URL(string: "${HOST}/list_jobs")!\nlet apiKey: String = "${k}"\n` },
  { name: 'Swift static', file: 'Keys.swift', key: 'hex', text: (k) => `enum Keys {\n    static let valossaApiKey = "${k}"\n}\n` },
  {
    name: 'Go short declaration',
    file: 'main.go',
    key: 'hex',
    text: (k) => `package main\n\nconst endpoint = "${HOST}/new_job"\n\nfunc main() {\n\tapiKey := "${k}"\n\t_ = apiKey\n}\n`,
  },
  { name: 'Go const', file: 'keys.go', key: 'hex', text: (k) => `package valossa\n\nconst ValossaAPIKey = "${k}"\n` },
  { name: 'Go var typed', file: 'client.go', key: 'hex', text: (k) => `// talks to ${HOST}\nvar apiKey string = "${k}"\n` },
  { name: 'Go struct field', file: 'cfg.go', key: 'hex', text: (k) => `cfg := valossa.Config{\n\tAPIKey: "${k}",\n\tBaseURL: "${HOST}",\n}\n` },
  {
    name: 'Java field',
    file: 'ValossaClient.java',
    key: 'hex',
    text: (k) => `public class ValossaClient {\n    private static final String API_KEY = "${k}";\n}\n`,
  },
  { name: 'Java local', file: 'Main.java', key: 'hex', text: (k) => `String url = "${HOST}/job_status";\nString apiKey = "${k}";\n` },
  { name: 'C# const', file: 'Valossa.cs', key: 'hex', text: (k) => `namespace Media {\n  class Valossa {\n    const string ApiKey = "${k}";\n  }\n}\n` },
  { name: 'C# property', file: 'Settings.cs', key: 'hex', text: (k) => `// ${HOST}\npublic string ApiKey { get; set; } = "${k}";\n` },
  { name: 'C# app.config', file: 'App.config', key: 'hex', text: (k) => `<appSettings>\n  <add key="ValossaApiKey" value="${k}" />\n</appSettings>\n` },
  { name: 'PHP variable', file: 'valossa.php', key: 'hex', text: (k) => `<?php\n$endpoint = '${HOST}/new_job';\n$apiKey = '${k}';\n` },
  { name: 'PHP define', file: 'config.php', key: 'hex', text: (k) => `<?php\ndefine('VALOSSA_KEY', '${k}');\n` },
  { name: 'Ruby constant', file: 'valossa.rb', key: 'hex', text: (k) => `module Valossa\n  API_KEY = '${k}'\nend\n` },
  { name: 'Ruby hash', file: 'client.rb', key: 'hex', text: (k) => `Valossa::Client.new(\n  apiKey: '${k}',\n  url: '${HOST}'\n)\n` },
  { name: 'Rust const', file: 'main.rs', key: 'hex', text: (k) => `const VALOSSA_KEY: &str = "${k}";\n` },
  { name: 'Rust let', file: 'lib.rs', key: 'hex', text: (k) => `// ${HOST}\nfn client() {\n    let api_key: &str = "${k}";\n}\n` },
  { name: 'TypeScript const', file: 'valossa.ts', key: 'hex', text: (k) => `const BASE = '${HOST}';\nconst apiKey = '${k}';\n` },
  {
    name: 'TypeScript class field',
    file: 'client.ts',
    key: 'hex',
    text: (k) => `export class ValossaClient {\n  private readonly apiKey: string = '${k}';\n}\n`,
  },
  { name: 'TypeScript object', file: 'config.ts', key: 'hex', text: (k) => `export default {\n  valossa: { apiKey: '${k}' },\n};\n` },
  { name: 'Python module constant', file: 'settings.py', key: 'hex', text: (k) => `VALOSSA_KEY = "${k}"\n` },
  { name: 'Python keyword argument', file: 'job.py', key: 'hex', text: (k) => `import valossa\nclient = valossa.Client(api_key="${k}")\n` },
  {
    name: 'Python attribute',
    file: 'svc.py',
    key: 'hex',
    text: (k) => `class Svc:\n    base = "${HOST}"\n    def __init__(self):\n        self.api_key = "${k}"\n`,
  },
];

const CONFIGS: LeakCase[] = [
  { name: 'YAML', file: 'config.yaml', key: 'hex', text: (k) => `valossa:\n  apiKey: ${k}\n  url: ${HOST}\n` },
  { name: 'TOML', file: 'config.toml', key: 'hex', text: (k) => `[valossa]\nvalossa_key = "${k}"\n` },
  { name: 'INI', file: 'settings.ini', key: 'hex', text: (k) => `[valossa]\napikey=${k}\n` },
  { name: 'Java properties', file: 'application.properties', key: 'hex', text: (k) => `valossa.api.key=${k}\n` },
  { name: 'JSON', file: 'appsettings.json', key: 'hex', text: (k) => `{\n  "Valossa": {\n    "ApiKey": "${k}"\n  }\n}\n` },
  { name: 'XML element', file: 'config.xml', key: 'hex', text: (k) => `<valossa>\n  <apiKey>${k}</apiKey>\n</valossa>\n` },
  { name: '.env', file: '.env', key: 'hex', text: (k) => `VALOSSA_KEY=${k}\n` },
];

describe('scanner: Valossa keys by name', () => {
  recallSuite('languages', LANGUAGES, 1901);
  recallSuite('config formats', CONFIGS, 1902);

  it('leaves API-key names of other services, and names without a Valossa mention, alone', () => {
    const hex = '3f9c2a71b8e04d5c96a1f0e2b7d3c845';
    assertNothing([
      { name: 'no Valossa in the file', file: 'maps.ts', text: `const apiKey = '${hex}';\nfetch('https://maps.example.com/?k=' + apiKey);\n` },
      { name: 'another service named', file: 'other.kt', text: `// ${HOST}\nval mapsApiKey = "${hex}"\n` },
      { name: 'prefixed constant', file: 'x.py', text: `# valossa job runner\nOTHER_API_KEY = "${hex}"\n` },
      { name: 'a Vurbo name', file: 'v.ts', text: `// valossa and vurbo\nconst vurboApiKey = '${hex}';\n` },
      { name: 'a read, not a literal', file: 'r.go', text: `// ${HOST}\napiKey := os.Getenv("VALOSSA_API_KEY")\n` },
      { name: 'a placeholder', file: 'p.rb', text: `# valossa\nAPI_KEY = 'your-valossa-api-key-here'\n` },
      { name: 'a comparison', file: 'c.java', text: `// valossa\nif (apiKey == "${hex}") {}\n` },
      { name: 'a query parameter of another host', file: 'q.md', text: `valossa docs\nhttps://maps.example.com/tiles?apikey=${hex}\n` },
    ]);
  });
});
