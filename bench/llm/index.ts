// bench/llm: how many tokens the LLM prompt costs against the raw archmap.json, for the shop fixture and the
// generated Terraform estates. The prompt measured is the real request body proposeWithLlm sends to a loopback
// OpenAI-compatible server (system + user messages), counted with the o200k tokenizer.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadAnalyzer } from '../../analyzers/registry.js';
import { scan } from '../../src/index.js';
import {
  countTokens,
  DEFAULT_TOKEN_BUDGET,
  proposeWithLlm,
  resolveLlmSettings,
} from '../../src/llm/index.js';
import type { ArchGraph } from '../../src/model/graph.js';
import { parseGraph, serializeGraph } from '../../src/model/io.js';
import { startOpenAiServer } from '../../test/support/openai-server.js';
import { defineBenchmark } from '../registry.js';
import { generateCorpus } from '../terraform/generate.js';

const DEFAULT_SIZES = [1000, 10000];

interface Row {
  name: string;
  nodes: number;
  rawBytes: number;
  rawTokens: number;
  promptTokens: number;
  graphTokens: number;
  schemaTokens: number;
  level: string;
}

async function measure(name: string, graph: ArchGraph): Promise<Row> {
  const raw = serializeGraph(graph);
  const server = await startOpenAiServer();
  server.fallback = () => ({ content: { title: 'bench', ops: [] } });
  const settings = resolveLlmSettings({
    env: { OPENAI_API_KEY: 'bench', OPENAI_BASE_URL: server.baseUrl },
    model: 'bench',
    cache: false,
  });
  let graphTokens = 0;
  let level = '';
  try {
    await proposeWithLlm(graph, 'scale', { factor: 10 }, { ...settings, maxRetries: 0 });
  } catch {
    // The empty ChangeSet is rejected on purpose: only the prompt is measured.
  }
  await server.close();
  const messages = server.requests[0]!.body.messages!;
  const user = messages.find((m) => m.role === 'user')!.content;
  const enc = /encoding: ([a-z-]+)/.exec(user);
  level = enc?.[1] ?? '?';
  const start = user.indexOf('Architecture:\n');
  const end = user.indexOf('\n\nBaseline plan');
  graphTokens = countTokens(user.slice(start, end));
  return {
    name,
    nodes: graph.order,
    rawBytes: Buffer.byteLength(raw),
    rawTokens: countTokens(raw),
    promptTokens: messages.reduce((sum, m) => sum + countTokens(m.content), 0),
    graphTokens,
    schemaTokens: countTokens(JSON.stringify(server.requests[0]!.body.response_format)),
    level,
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const n = (value: number) => value.toLocaleString('en-US');

export default defineBenchmark({
  id: 'llm',
  title: 'LLM prompt tokens vs raw archmap.json',
  async run(ctx) {
    const rows: Row[] = [];
    const shopPath = join(import.meta.dirname, '..', '..', 'fixtures', 'graphs', 'shop.json');
    rows.push(await measure('shop fixture', parseGraph(await readFile(shopPath, 'utf8'), shopPath)));
    ctx.log(`shop: ${rows[0]!.promptTokens} prompt tokens`);
    await loadAnalyzer('terraform');
    for (const size of ctx.sizes ?? DEFAULT_SIZES) {
      const dir = join(import.meta.dirname, '..', '.corpus', `terraform-${size}`);
      const corpus = await generateCorpus(dir, size);
      const graph = await scan([{ analyzer: 'terraform', options: { dir } }], { root: dir });
      const row = await measure(`Terraform estate, ${n(corpus.resources)} resources`, graph);
      ctx.log(`${size}: ${row.promptTokens} prompt tokens vs ${row.rawTokens} raw`);
      rows.push(row);
    }
    const ratio = (r: Row) => r.rawTokens / r.promptTokens;
    const lines = [
      '## LLM prompt size (bench/llm)',
      '',
      `The prompt \`archmap propose --planner llm --scenario scale\` sends (system + user messages, as received by a loopback`,
      `OpenAI-compatible server), against the raw archmap.json of the same graph. Tokens counted with gpt-tokenizer (o200k).`,
      `Token budget: ${n(DEFAULT_TOKEN_BUDGET)} (default), spent on the graph and the offline baseline plan. The ChangeSet JSON Schema`,
      `sent in \`response_format\` is the same for every graph and is counted apart: ${n(rows[0]!.schemaTokens)} tokens.`,
      '',
      '| graph | nodes | archmap.json | archmap.json tokens | prompt tokens | of which graph | encoding level | smaller by |',
      '| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |',
      ...rows.map(
        (r) =>
          `| ${r.name} | ${n(r.nodes)} | ${kb(r.rawBytes)} | ${n(r.rawTokens)} | ${n(r.promptTokens)} | ${n(r.graphTokens)} | ${r.level} | ${ratio(r).toFixed(1)}× |`,
      ),
    ];
    const big = rows.at(-1)!;
    return {
      markdown: lines.join('\n'),
      targets: [
        {
          name: 'prompt ≥10× smaller than archmap.json for the largest estate',
          met: ratio(big) >= 10,
          detail: `${ratio(big).toFixed(1)}× (${n(big.promptTokens)} vs ${n(big.rawTokens)} tokens)`,
        },
        {
          name: `prompt within the ${n(DEFAULT_TOKEN_BUDGET)}-token budget for every graph`,
          met: rows.every((r) => r.promptTokens <= DEFAULT_TOKEN_BUDGET + 1500),
          detail: rows.map((r) => `${r.name}: ${n(r.promptTokens)}`).join('; '),
        },
      ],
    };
  },
});
