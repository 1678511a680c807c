import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { splitFences } from './markdown.js';

const root = resolve(import.meta.dirname, '../..');
const docs = join(root, 'docs');
const files = [
  join(root, 'README.md'),
  ...readdirSync(docs)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => join(docs, f)),
];
const IMPORTS_SDK = /\bfrom\s+['"]sshtrail(?:\/node)?['"]/;

interface Snippet {
  readonly name: string;
  readonly path: string;
  readonly body: string;
}

// Every ```ts block that imports from 'sshtrail' or 'sshtrail/node', as a virtual module.
const snippets: Snippet[] = files.flatMap((file) =>
  splitFences(readFileSync(file, 'utf8'))
    .blocks.filter((b) => (b.lang === 'ts' || b.lang === 'typescript') && IMPORTS_SDK.test(b.body))
    .map((b, i) => ({
      name: `${relative(root, file)}:${b.line}`,
      path: join(
        root,
        'test/docs',
        `.snippet-${relative(root, file).replace(/\W/g, '_')}-${i}.mts`,
      ),
      body: b.body,
    })),
);

// Fragments may leave their inputs undeclared (`lines`, `findings`): "cannot find name" is
// tolerated. Everything else (a name sshtrail does not export, a wrong option, a wrong type)
// is an error, judged with the project's strict compiler options.
const TOLERATED = new Set([2304, 2552]);

// Two wrong snippets checked in the same program prove the check can fail.
const CANARIES: readonly Snippet[] = [
  {
    name: 'canary: misspelled export',
    path: join(root, 'test/docs', '.snippet-canary-0.mts'),
    body: "import { createAnalyser } from 'sshtrail';\ncreateAnalyser();",
  },
  {
    name: 'canary: wrong option and a free variable',
    path: join(root, 'test/docs', '.snippet-canary-1.mts'),
    body: "import { createAnalyzer } from 'sshtrail';\ncreateAnalyzer({ skew: 5 });\nconsole.log(lines);",
  },
];

function diagnose(all: readonly Snippet[]): Map<string, string[]> {
  const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const options: ts.CompilerOptions = {
    ...parsed.options,
    noEmit: true,
    baseUrl: root,
    paths: { sshtrail: ['./src/index.ts'], 'sshtrail/node': ['./src/node/index.ts'] },
    noUnusedLocals: false,
  };
  const virtual = new Map(all.map((s) => [s.path, s.body]));
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, ...rest) => {
    const body = virtual.get(resolve(name));
    return body === undefined
      ? getSourceFile(name, language, ...rest)
      : ts.createSourceFile(name, body, language, true);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => virtual.has(resolve(name)) || fileExists(name);
  const program = ts.createProgram([...virtual.keys()], options, host);
  const out = new Map<string, string[]>();
  for (const s of all) {
    const source = program.getSourceFile(s.path);
    const found = source
      ? [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]
      : [];
    out.set(
      s.name,
      found
        .filter((d) => !TOLERATED.has(d.code))
        .map((d) => {
          const at =
            d.start === undefined || !source
              ? 0
              : source.getLineAndCharacterOfPosition(d.start).line;
          return `line ${at + 1}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
        }),
    );
  }
  return out;
}

describe('```ts blocks of README.md and docs/*.md that import sshtrail', () => {
  const results = diagnose([...snippets, ...CANARIES]);

  it('reports a misspelled export and a wrong option, and tolerates an undeclared input', () => {
    expect(results.get('canary: misspelled export')?.join('\n')).toMatch(/TS2724 .*createAnalyser/);
    const wrong = results.get('canary: wrong option and a free variable') ?? [];
    expect(wrong).toHaveLength(1);
    expect(wrong[0]).toMatch(/TS2353 .*'skew'/);
  });

  it('finds blocks to check (the README and the guides show the API)', () => {
    expect(snippets.length).toBeGreaterThan(5);
  });

  it.each(snippets.map((s) => [s.name]))('%s type-checks against src/index.ts', (name) => {
    expect(results.get(name)).toEqual([]);
  });
});
