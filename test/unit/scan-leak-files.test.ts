// The files keys leak in in practice: Jupyter notebooks (sources and outputs), Postman collections and
// environments, HAR captures, docker-compose, Terraform .tfvars, GitHub workflow env:, .npmrc-style
// files and shell history. Each fixture is built around a key generated at test time.
import { assertNothing, recallSuite, type LeakCase } from './scan-leak-fixtures';

const VALOSSA = 'https://api-eu.valossa.com/core/1.0';

function notebook(cells: object[]): string {
  return JSON.stringify({ cells, metadata: { kernelspec: { name: 'python3' } }, nbformat: 4, nbformat_minor: 5 }, null, 1) + '\n';
}

const codeCell = (source: string[], outputs: object[] = []) => ({ cell_type: 'code', execution_count: 1, metadata: {}, source, outputs });

const LEAK_FILES: LeakCase[] = [
  {
    name: 'Jupyter source (Python string in JSON escapes)',
    file: 'analysis.ipynb',
    key: 'hex',
    text: (k) =>
      notebook([
        codeCell([
          'import requests\n',
          `VALOSSA = "${VALOSSA}"\n`,
          `api_key = "${k}"\n`,
          'requests.get(VALOSSA + "/list_jobs", params={"api_key": api_key})\n',
        ]),
      ]),
  },
  {
    name: 'Jupyter output (printed environment)',
    file: 'debug.ipynb',
    key: 'vurbo',
    text: (k) =>
      notebook([
        codeCell(
          ['import os\n', 'print(os.environ)\n'],
          [{ name: 'stdout', output_type: 'stream', text: [`environ({'HOME': '/root', 'VURBO_API_KEY': '${k}'})\n`] }],
        ),
      ]),
  },
  {
    name: 'Jupyter output (execute_result repr)',
    file: 'repr.ipynb',
    key: 'hex',
    text: (k) =>
      notebook([
        codeCell(
          ['client.config\n'],
          [{ output_type: 'execute_result', data: { 'text/plain': [`{"base_url": "${VALOSSA}", "api_key": "${k}"}`] }, metadata: {}, execution_count: 2 }],
        ),
      ]),
  },
  {
    name: 'Postman collection (query parameter)',
    file: 'Valossa.postman_collection.json',
    key: 'hex',
    text: (k) =>
      JSON.stringify(
        {
          info: { name: 'Valossa Core' },
          item: [
            {
              name: 'list jobs',
              request: {
                method: 'GET',
                url: { raw: `${VALOSSA}/list_jobs?api_key={{key}}`, host: ['api-eu', 'valossa', 'com'], query: [{ key: 'api_key', value: k }] },
              },
            },
          ],
        },
        null,
        2,
      ),
  },
  {
    name: 'Postman collection (X-API-Key header)',
    file: 'Vurbo.postman_collection.json',
    key: 'vurbo',
    text: (k) =>
      JSON.stringify(
        { item: [{ request: { header: [{ key: 'X-API-Key', value: k, type: 'text' }], url: { raw: 'https://vas-poc.vurbo.ai/api/v1/tasks' } } }] },
        null,
        2,
      ),
  },
  {
    name: 'Postman environment',
    file: 'prod.postman_environment.json',
    key: 'hex',
    text: (k) => JSON.stringify({ name: 'prod', values: [{ key: 'valossa_api_key', value: k, enabled: true }] }, null, 2),
  },
  {
    name: 'HAR (query string and postData)',
    file: 'session.har',
    key: 'hex',
    text: (k) =>
      JSON.stringify(
        {
          log: {
            entries: [
              {
                request: {
                  method: 'POST',
                  url: `${VALOSSA}/new_job`,
                  postData: { mimeType: 'application/json', text: JSON.stringify({ api_key: k, media: { video: { url: 'https://example.com/a.mp4' } } }) },
                },
              },
            ],
          },
        },
        null,
        2,
      ),
  },
  {
    name: 'HAR (Vurbo header)',
    file: 'vurbo.har',
    key: 'vurbo',
    text: (k) =>
      JSON.stringify(
        { log: { entries: [{ request: { url: 'https://vas-poc.vurbo.ai/api/v1/tasks', headers: [{ name: 'X-API-Key', value: k }] } }] } },
        null,
        2,
      ),
  },
  {
    name: 'docker-compose environment list',
    file: 'docker-compose.yml',
    key: 'hex',
    text: (k) => `services:\n  worker:\n    image: acme/worker\n    environment:\n      - VALOSSA_API_KEY=${k}\n`,
  },
  {
    name: 'docker-compose environment map',
    file: 'compose.yaml',
    key: 'vurbo',
    text: (k) => `services:\n  api:\n    environment:\n      VURBO_API_KEY: ${k}\n`,
  },
  { name: 'Terraform .tfvars', file: 'prod.tfvars', key: 'hex', text: (k) => `region = "eu-north-1"\nvalossa_api_key = "${k}"\n` },
  {
    name: 'GitHub workflow env:',
    file: '.github/workflows/ci.yml',
    key: 'hex',
    text: (k) => `on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    env:\n      VALOSSA_KEY: ${k}\n    steps:\n      - run: npm test\n`,
  },
  { name: '.npmrc-style file', file: '.npmrc', key: 'hex', text: (k) => `registry=https://registry.npmjs.org/\nvalossa-api-key=${k}\n` },
  { name: 'bash history', file: '.bash_history', key: 'hex', text: (k) => `ls\nexport VALOSSA_API_KEY=${k}\npython job.py\n` },
  { name: 'zsh history', file: '.zsh_history', key: 'vurbo', text: (k) => `: 1764590000:0;curl -H "X-API-Key: ${k}" https://vas-poc.vurbo.ai/api/v1/tasks\n` },
  { name: 'fish history', file: 'fish_history', key: 'hex', text: (k) => `- cmd: curl '${VALOSSA}/list_jobs?api_key=${k}'\n  when: 1764590000\n` },
];

describe('scanner: files where keys leak', () => {
  recallSuite('leak-prone files', LEAK_FILES, 1906);

  it('is quiet on the same files without keys', () => {
    assertNothing([
      {
        name: 'notebook',
        file: 'clean.ipynb',
        text: notebook([codeCell(['import os\n', 'api_key = os.environ["VALOSSA_API_KEY"]\n'], [{ name: 'stdout', output_type: 'stream', text: ['ok\n'] }])]),
      },
      {
        name: 'postman',
        file: 'c.postman_collection.json',
        text: JSON.stringify({
          item: [{ request: { header: [{ key: 'X-API-Key', value: '{{VURBO_API_KEY}}' }], url: { raw: 'https://vas-poc.vurbo.ai/api/v1/tasks' } } }],
        }),
      },
      { name: 'compose', file: 'docker-compose.yml', text: 'services:\n  w:\n    environment:\n      - VALOSSA_API_KEY=${VALOSSA_API_KEY}\n' },
      { name: 'workflow', file: 'ci.yml', text: 'env:\n  VALOSSA_KEY: ${{ secrets.VALOSSA_KEY }}\n' },
      { name: 'tfvars', file: 'a.tfvars', text: 'valossa_api_key = var.valossa_api_key\n' },
      { name: 'history', file: '.bash_history', text: 'export VALOSSA_API_KEY="$(pass show valossa)"\n' },
    ]);
  });
});
