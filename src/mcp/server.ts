// `archmap mcp`: the pipeline as Model Context Protocol tools, resources and prompts for AI assistants.
// Tools run the library (scan, review, propose, impact, diff, cost, diagram, scaffold); the CLI hands in the
// file writers, so this module never writes a file itself and writes nothing unless started with --allow-write.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { costDelta, costReport, costSummary, formatCostMarkdown, scenarioLoad } from '../cost/index.js';
import { formatImpact, impact } from '../impact/index.js';
import { generate, scanDirectory } from '../index.js';
import { compareGraphs, diffGraphs } from '../model/diff.js';
import { ExternalError, isUserError, UsageError } from '../model/errors.js';
import type { ArchGraph } from '../model/graph.js';
import { parseGraph, serializeGraph, sortKeys } from '../model/io.js';
import type { GeneratedFile } from '../model/plugin.js';
import { scrubText } from '../model/secrets.js';
import { parseDuration, proposeOffline, revise, SCENARIO_NAMES } from '../planners/index.js';
import { changedNeighbourhood, prComment, reviewChange } from '../pr/index.js';
import { formatReview, REVIEW_FORMATS } from '../review/format.js';
import { review } from '../review/index.js';
import { confine } from './paths.js';

/** The URIs of the graphs the server holds: the last scan (or ./archmap.json) and the last proposal. */
export const GRAPH_URI = 'archmap://graph';
export const FINDINGS_URI = 'archmap://findings';
export const REVISED_URI = 'archmap://revised';

export interface McpWriters {
  /** Writes one file atomically; refuses an existing file unless force. */
  file(path: string, contents: string | Uint8Array, opts: { force?: boolean }): Promise<void>;
  /** Writes a set of files into a directory, all or nothing; refuses a non-empty directory unless force. */
  files(dir: string, files: GeneratedFile[], opts: { force?: boolean }): Promise<void>;
}

export interface McpOptions {
  /** Reads (scan directories, graph files) stay under this directory. */
  root: string;
  /** The one directory tools may write into; without it the server is read-only. */
  allowWrite?: string;
  writers: McpWriters;
  /** Version reported to the client. */
  version?: string;
}

const graphArg = z
  .string()
  .min(1)
  .optional()
  .describe(
    `an archmap.json under the server's directory, or ${GRAPH_URI} (the last scan, the default) or ${REVISED_URI} (the last proposal)`,
  );
const forceArg = z.boolean().optional().describe('overwrite an existing file');
const outputArg = (what: string) =>
  z.string().min(1).optional().describe(`also write ${what} to this path under the --allow-write directory`);

const text = (t: string): CallToolResult => ({ content: [{ type: 'text', text: scrubText(t) }] });

/** A user error as the CLI prints it, on one line; anything else is a bug, reported without killing the server. */
function toolError(error: unknown): CallToolResult {
  if (isUserError(error)) {
    const location = 'location' in error ? error.location : {};
    const where = location.file ? `${location.file}${location.line ? `:${location.line}` : ''}: ` : '';
    const message = !where || error.message.startsWith(where) ? error.message : `${where}${error.message}`;
    const hint = location.hint ? ` (hint: ${location.hint})` : '';
    return { content: [{ type: 'text', text: scrubText(`error: ${message}${hint}`) }], isError: true };
  }
  process.stderr.write(
    `archmap mcp: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return {
    content: [
      {
        type: 'text',
        text: scrubText(
          `internal error (a bug in archmap, please report it): ${error instanceof Error ? error.message : String(error)}`,
        ),
      },
    ],
    isError: true,
  };
}

function guarded<A>(run: (args: A) => Promise<CallToolResult>) {
  return async (args: A): Promise<CallToolResult> => {
    try {
      return await run(args);
    } catch (error) {
      return toolError(error);
    }
  };
}

/**
 * Builds the archmap MCP server (not yet connected to a transport).
 * @example
 * const server = createMcpServer({ root: process.cwd(), writers });
 * await server.connect(new StdioServerTransport());
 */
export function createMcpServer(opts: McpOptions): McpServer {
  const root = opts.root;
  const held: { graph?: ArchGraph; revised?: ArchGraph } = {};
  const server = new McpServer(
    { name: 'archmap', version: opts.version ?? '0.1.0' },
    {
      instructions:
        'archmap turns Terraform, CloudFormation, TypeScript code and AWS accounts into one architecture graph. Start with `scan`, then `review`, `propose`, `cost`, `impact` or `diagram`. The graph is the resource archmap://graph.',
    },
  );

  async function loadGraph(ref: string | undefined): Promise<ArchGraph> {
    if (ref === undefined || ref === GRAPH_URI) {
      if (!held.graph) {
        const file = confine(root, 'archmap.json', 'graph');
        const raw = await readFile(file, 'utf8').catch(() => undefined);
        if (raw === undefined)
          throw new UsageError('no graph yet', {
            hint: 'call `scan` first, or pass graph: a path to an archmap.json',
          });
        held.graph = parseGraph(raw, 'archmap.json');
      }
      return held.graph;
    }
    if (ref === REVISED_URI) {
      if (!held.revised) throw new UsageError('no proposal yet', { hint: 'call `propose` first' });
      return held.revised;
    }
    const file = confine(root, ref, 'graph');
    let raw: string;
    try {
      raw = await readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new UsageError(`${ref}: no such file`, { hint: 'check the path' });
      if (code === 'EISDIR') throw new UsageError(`${ref} is a directory, expected an archmap.json file`);
      throw new ExternalError(`${ref}: cannot read (${code ?? (error as Error).message})`);
    }
    return parseGraph(raw, ref);
  }

  function writable(path: string): string {
    if (!opts.allowWrite)
      throw new UsageError('this archmap mcp server is read-only', {
        hint: 'start it with --allow-write DIR to let tools write files under DIR',
      });
    return confine(opts.allowWrite, path, 'output');
  }

  server.registerTool(
    'scan',
    {
      title: 'Scan a directory',
      description:
        'Build the architecture graph of a directory (Terraform, state, CloudFormation/SAM/CDK/Serverless, TypeScript/JS code, compose files). Keeps it as archmap://graph for the other tools and returns a summary.',
      inputSchema: {
        dir: z.string().min(1).default('.').describe("directory under the server's directory"),
        env: z.string().min(1).optional().describe('Terraform environment name (its .tfvars are loaded)'),
        output: outputArg('archmap.json'),
        force: forceArg,
      },
      annotations: { readOnlyHint: false, openWorldHint: false },
    },
    guarded(async (args) => {
      const dir = confine(root, args.dir, 'dir');
      const target = args.output ? writable(args.output) : undefined;
      const { graph } = await scanDirectory(dir, args.env ? { env: args.env } : {}, { root: dir });
      held.graph = graph;
      held.revised = undefined;
      if (target) await opts.writers.file(target, serializeGraph(graph), { force: args.force });
      const kinds = new Map<string, number>();
      for (const n of graph.nodes()) kinds.set(n.kind, (kinds.get(n.kind) ?? 0) + 1);
      const lines = [
        `scanned ${args.dir}: ${graph.order} nodes, ${graph.size} edges, ${graph.diagnostics.length} diagnostics`,
        `kinds: ${[...kinds]
          .sort()
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')}`,
        ...graph.diagnostics
          .slice(0, 20)
          .map(
            (d) => `${d.severity} ${d.file ? `${d.file}${d.line ? `:${d.line}` : ''}: ` : ''}${d.message}`,
          ),
        ...(target ? [`wrote ${args.output}`] : []),
        `the graph is the resource ${GRAPH_URI}`,
      ];
      return text(lines.join('\n'));
    }),
  );

  server.registerTool(
    'review',
    {
      title: 'Review an architecture',
      description:
        'Well-Architected review of a graph: findings with severity, pillar, nodes, why, and the fix.',
      inputSchema: {
        graph: graphArg,
        format: z.enum(REVIEW_FORMATS).default('json'),
        disable: z.array(z.string().min(1)).max(200).optional().describe('rule ids to skip'),
        maxSyncDepth: z.number().int().min(1).max(100).default(4),
      },
      annotations: { readOnlyHint: true },
    },
    guarded(async (args) => {
      const graph = await loadGraph(args.graph);
      const result = review(graph, { maxSyncDepth: args.maxSyncDepth, disable: args.disable ?? [] });
      return text(formatReview(result, args.format, { graphFile: args.graph ?? 'archmap.json' }));
    }),
  );

  server.registerTool(
    'propose',
    {
      title: 'Plan a what-if scenario',
      description:
        'Offline plan for a scenario (scale, multi-region, ha, cache, decouple, dr): returns the ChangeSet (changes, trade-offs, capacity, cost) and keeps the revised graph as archmap://revised.',
      inputSchema: {
        graph: graphArg,
        scenario: z.enum(SCENARIO_NAMES),
        factor: z.number().positive().max(1_000_000).optional().describe('growth factor for scale'),
        rps: z.number().positive().optional().describe('requests per second at each entry point today'),
        mode: z.enum(['active-passive', 'active-active']).optional(),
        regions: z.array(z.string().min(1)).max(50).optional().describe('primary first'),
        rpo: z.string().optional().describe('dr: recovery point objective, e.g. 15m'),
        rto: z.string().optional().describe('dr: recovery time objective, e.g. 1h'),
        edge: z.string().optional().describe('decouple: the edge to put a queue on ("FROM -> TO" or an id)'),
        output: outputArg('the revised graph'),
        force: forceArg,
      },
    },
    guarded(async (args) => {
      const duration = (name: string, value: string | undefined) => {
        if (value === undefined) return undefined;
        const s = parseDuration(value);
        if (s === undefined)
          throw new UsageError(`${name} ${value}: not a duration`, { hint: 'e.g. 15m, 1h' });
        return s;
      };
      const target = args.output ? writable(args.output) : undefined;
      const graph = await loadGraph(args.graph);
      const options = {
        ...(args.factor !== undefined ? { factor: args.factor } : {}),
        ...(args.rps !== undefined ? { rps: args.rps } : {}),
        ...(args.mode ? { mode: args.mode } : {}),
        ...(args.regions ? { regions: args.regions } : {}),
        ...(args.edge ? { edge: args.edge } : {}),
        rpoSeconds: duration('rpo', args.rpo),
        rtoSeconds: duration('rto', args.rto),
      };
      const changeset = proposeOffline(graph, args.scenario, options);
      changeset.cost = costSummary(
        costDelta(graph, revise(graph, changeset), {
          rps: args.rps ?? 100,
          factor: args.scenario === 'scale' ? (args.factor ?? 10) : 1,
        }),
      );
      const revised = revise(graph, changeset);
      held.revised = revised;
      if (target) await opts.writers.file(target, serializeGraph(revised), { force: args.force });
      return text(`${JSON.stringify(sortKeys(changeset), null, 2)}\n`);
    }),
  );

  server.registerTool(
    'impact',
    {
      title: 'What if a component fails',
      description:
        'Failure-mode analysis: what breaks and what degrades if a node fails, and how to mitigate it.',
      inputSchema: {
        graph: graphArg,
        node: z.string().min(1).describe('node id, e.g. aws_db_instance.orders'),
        format: z.enum(['text', 'json']).default('text'),
      },
      annotations: { readOnlyHint: true },
    },
    guarded(async (args) => {
      const report = impact(await loadGraph(args.graph), args.node);
      return text(args.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatImpact(report));
    }),
  );

  server.registerTool(
    'diff',
    {
      title: 'Compare two graphs',
      description:
        'What changed between two graphs: components and connections added, removed or changed; as JSON, or as the pull-request comment (Mermaid diff, findings appeared/resolved, cost delta).',
      inputSchema: {
        base: z.string().min(1).describe('the earlier archmap.json (or a graph URI)'),
        head: graphArg,
        format: z.enum(['json', 'comment']).default('comment'),
        rps: z.number().positive().default(100),
      },
      annotations: { readOnlyHint: true },
    },
    guarded(async (args) => {
      const base = await loadGraph(args.base);
      const head = await loadGraph(args.head);
      if (args.format === 'json')
        return text(`${JSON.stringify(sortKeys(compareGraphs(base, head)), null, 2)}\n`);
      const pr = reviewChange(base, head, { rps: args.rps });
      const [mmd] = await generate('mermaid', changedNeighbourhood(pr.diff), { name: 'change' });
      return text(prComment(pr, { mermaid: mmd ? String(mmd.contents) : undefined }));
    }),
  );

  server.registerTool(
    'cost',
    {
      title: 'Monthly cost',
      description:
        'Monthly cost of a design from the shipped price snapshot: per component, with line items and assumptions (list prices).',
      inputSchema: {
        graph: graphArg,
        rps: z
          .number()
          .positive()
          .optional()
          .describe("requests per second per entry point (default: the scenario's, else 100)"),
        factor: z.number().positive().optional().describe('traffic multiplier'),
        format: z.enum(['markdown', 'json']).default('markdown'),
      },
      annotations: { readOnlyHint: true },
    },
    guarded(async (args) => {
      const graph = await loadGraph(args.graph);
      const load = scenarioLoad(graph.changeset, args.rps);
      const report = costReport(graph, { rps: load.rps, factor: args.factor ?? load.factor });
      return text(
        args.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatCostMarkdown(report),
      );
    }),
  );

  server.registerTool(
    'diagram',
    {
      title: 'Draw a diagram',
      description:
        'Draw a graph as Mermaid (renders inline in Markdown), D2 text or SVG; with `base`, draw the changes against it.',
      inputSchema: {
        graph: graphArg,
        format: z.enum(['mermaid', 'd2', 'svg']).default('mermaid'),
        base: z.string().min(1).optional().describe('draw the changes against this base graph'),
        focus: z.string().min(1).optional().describe('only this node and its neighbourhood'),
        depth: z.number().int().min(0).max(20).default(1),
        detail: z.enum(['full', 'services', 'overview']).optional(),
        all: z.boolean().default(false).describe('show plumbing (IAM, security groups…)'),
        output: outputArg('the diagram'),
        force: forceArg,
      },
    },
    guarded(async (args) => {
      const target = args.output ? writable(args.output) : undefined;
      const head = await loadGraph(args.graph);
      const base = args.base ? await loadGraph(args.base) : undefined;
      const graph = base ? diffGraphs(base, head) : head;
      if (args.focus && !graph.hasNode(args.focus))
        throw new UsageError(`focus ${args.focus}: no such node`, { hint: 'node ids are in the graph' });
      const common = {
        all: args.all,
        showChanges: Boolean(base),
        cropToChanges: Boolean(base),
        ...(args.focus ? { focus: args.focus } : {}),
        depth: args.depth,
        ...(args.detail ? { detail: args.detail } : {}),
        name: 'diagram',
      };
      const files =
        args.format === 'mermaid'
          ? await generate('mermaid', graph, common)
          : await generate('d2', graph, { ...common, formats: [args.format] });
      const want = args.format === 'mermaid' ? '.mmd' : `.${args.format}`;
      const file = files.find((f) => extname(f.path) === want) ?? files[0];
      if (!file) throw new UsageError('the generator produced no diagram');
      const body =
        typeof file.contents === 'string' ? file.contents : Buffer.from(file.contents).toString('utf8');
      if (target) await opts.writers.file(target, body, { force: args.force });
      return text(body);
    }),
  );

  server.registerTool(
    'scaffold',
    {
      title: 'Write IaC stubs',
      description:
        'Write Terraform HCL stubs or a CDKTF app for a (revised) design into a directory under the --allow-write directory. Refused on a read-only server.',
      inputSchema: {
        graph: graphArg,
        output: z
          .string()
          .min(1)
          .describe('directory under the --allow-write directory (must be empty unless force)'),
        format: z.enum(['terraform', 'cdktf']).default('terraform'),
        flavor: z.enum(['cdktf', 'cdktn']).default('cdktf'),
        onlyChanges: z.boolean().default(false),
        force: forceArg,
      },
      annotations: { destructiveHint: false },
    },
    guarded(async (args) => {
      const target = writable(args.output);
      const graph = await loadGraph(args.graph ?? (held.revised ? REVISED_URI : undefined));
      const files =
        args.format === 'terraform'
          ? await generate('terraform', graph, { onlyChanges: args.onlyChanges })
          : await generate('cdktf', graph, { onlyChanges: args.onlyChanges, flavor: args.flavor });
      await opts.writers.files(target, files, { force: args.force });
      return text(`wrote ${files.length} files to ${args.output}: ${files.map((f) => f.path).join(', ')}`);
    }),
  );

  const resourceText = async (uri: URL, body: () => Promise<string>) => ({
    contents: [{ uri: uri.href, mimeType: 'application/json', text: scrubText(await body()) }],
  });
  server.registerResource(
    'graph',
    GRAPH_URI,
    {
      title: 'archmap.json',
      description: 'The current architecture graph (last scan, or ./archmap.json)',
      mimeType: 'application/json',
    },
    (uri) => resourceText(uri, async () => serializeGraph(await loadGraph(GRAPH_URI))),
  );
  server.registerResource(
    'findings',
    FINDINGS_URI,
    {
      title: 'Review findings',
      description: 'The review findings of the current graph',
      mimeType: 'application/json',
    },
    (uri) => resourceText(uri, async () => formatReview(review(await loadGraph(GRAPH_URI)), 'json')),
  );
  server.registerResource(
    'revised',
    REVISED_URI,
    {
      title: 'Revised graph',
      description: 'The graph of the last proposal, with its ChangeSet',
      mimeType: 'application/json',
    },
    (uri) => resourceText(uri, async () => serializeGraph(await loadGraph(REVISED_URI))),
  );

  server.registerPrompt(
    'review-architecture',
    {
      title: 'Review this architecture',
      description: 'Scan, review, and explain the most important findings with their fixes.',
      argsSchema: {
        dir: z.string().optional().describe('directory to scan (default: the server directory)'),
      },
    },
    (args) => ({
      messages: [
        {
          role: 'user',
          content: {
            type: 'text',
            text: `Review the architecture of ${args.dir ?? 'this repository'} with archmap: call the \`scan\` tool${args.dir ? ` with dir "${args.dir}"` : ''}, then \`review\`. Explain the critical and high findings first, each with the components involved, why it matters and the fix archmap proposes. Quote node ids exactly.`,
          },
        },
      ],
    }),
  );
  server.registerPrompt(
    'plan-for-10x',
    {
      title: 'Plan for 10x traffic',
      description:
        'Find the bottlenecks at ten times today’s traffic and the plan that removes them, with cost.',
      argsSchema: {
        rps: z.string().optional().describe('requests per second per entry point today (default 100)'),
      },
    },
    (args) => ({
      messages: [
        {
          role: 'user',
          content: {
            type: 'text',
            text: `Plan this architecture for 10x traffic with archmap: call \`scan\` if no graph is loaded, then \`propose\` with scenario "scale", factor 10${args.rps ? ` and rps ${args.rps}` : ''}. Summarise the saturated components from the capacity table with their numbers, the changes, trade-offs and risks, and the monthly cost before and after. Then call \`diagram\` with graph "${REVISED_URI}" and base "${GRAPH_URI}" to show the change.`,
          },
        },
      ],
    }),
  );

  return server;
}
