// The LLM assistant: propose (critiques and extends the offline plan), ask, refine and sketch. Each task builds a
// redacted, budgeted prompt, asks for structured JSON and validates the answer against the graph before use.
import { z } from 'zod';
import { UsageError } from '../model/errors.js';
import { type ArchGraph, edgeId } from '../model/graph.js';
import { parseGraph, serializeGraph } from '../model/io.js';
import { EDGE_KINDS, EdgeKindSchema, NODE_KINDS, NodeKindSchema } from '../model/kinds.js';
import { type ChangeSet, ChangeSetSchema, type GraphFile } from '../model/schema.js';
import { type Planner, proposeOffline } from '../planners/index.js';
import { LlmClient, type LlmUsage } from './client.js';
import { encodeGraph } from './encode.js';
import { Redactor } from './redact.js';
import { type HistoryMessage, historyMessages, type SessionTurn } from './session.js';
import type { LlmSettings } from './settings.js';
import { countTokens } from './tokens.js';
import { unknownIds, validateChangeSet } from './validate.js';

export type { LlmUsage } from './client.js';
export { encodeGraph } from './encode.js';
export { Redactor } from './redact.js';
export * from './session.js';
export * from './settings.js';
export { countTokens } from './tokens.js';
export { validateChangeSet } from './validate.js';

const SYSTEM = `You are archmap's architecture assistant. You reason about a cloud architecture graph.
- Node ids are Terraform addresses (aws_sqs_queue.orders), ARNs or code:<package>; quote them exactly as given.
- node.kind is one of: ${NODE_KINDS.join(', ')}. node.service is the Terraform resource type (aws_elasticache_replication_group); node.provider is "aws" for AWS resources.
- Edge kinds: ${EDGE_KINDS.join(', ')}. An edge id is "FROM -> TO (kind)".
- Containment is node.parent (region:<name> > VPC > subnet > resource), never an edge.
- "X ×N" lines aggregate N instances (X[0], X[1]…); "plumbing collapsed" lists security groups, IAM and similar.
- Never remove a data store (database, cache, storage, queue, stream, search) unless the rationale says how its data is migrated.
- Values shown as [redacted] or <acct-N> are placeholders; keep placeholders as they are.`;

/** What a task returns besides its result: the tokens spent and how the graph was encoded. */
export interface LlmRun<T> {
  result: T;
  usage: LlmUsage;
  encoding: { level: string; tokens: number; truncated: boolean };
  redactions: number;
  /** This exchange as a session keeps it: the request and the answer, redacted as they were sent. */
  exchange?: SessionTurn;
}

/** Options of the conversational tasks (ask, refine). */
export interface ConversationOptions {
  /** Earlier exchanges of the session (`--session NAME`), oldest first. */
  history?: SessionTurn[];
}

/** The history that fits a quarter of the budget, and what it costs in tokens. */
function historyFor(
  opts: ConversationOptions,
  settings: LlmSettings,
): { messages: HistoryMessage[]; tokens: number } {
  const messages = historyMessages(opts.history ?? [], Math.floor(settings.tokenBudget / 4));
  return { messages, tokens: messages.reduce((n, m) => n + countTokens(m.content), 0) };
}

function session(settings: LlmSettings) {
  const redactor = new Redactor(settings.shareAccountIds);
  return { redactor, client: new LlmClient(settings, redactor) };
}

/** A ChangeSet in the compact form sent as the baseline: what the offline planner would do. */
function baselineText(baseline: ChangeSet, redactor: Redactor, budget: number): string {
  const compact = (capacityRows: number, withNodes: boolean) =>
    JSON.stringify(
      redactor.clean({
        title: baseline.title,
        scenario: baseline.scenario,
        summary: baseline.summary,
        ops: baseline.ops.map((op) =>
          op.op === 'add_node'
            ? {
                op: op.op,
                node: withNodes
                  ? op.node
                  : { id: op.node.id, kind: op.node.kind, service: op.node.service, parent: op.node.parent },
                rationale: op.rationale,
              }
            : op,
        ),
        capacity: baseline.capacity
          .filter((r) => (r.headroom ?? 1) < 0.3)
          .slice(0, capacityRows)
          .map((r) => ({
            node: r.node,
            metric: r.metric,
            loadAtFactor: r.loadAtFactor,
            capacity: r.capacity,
          })),
        risks: baseline.risks,
        tradeoffs: baseline.tradeoffs,
      }),
    );
  for (const [rows, nodes] of [
    [20, true],
    [10, false],
    [0, false],
  ] as const) {
    const text = compact(rows, nodes);
    if (countTokens(text) <= budget) return text;
  }
  return compact(0, false);
}

function changesetCheck(graph: ArchGraph) {
  return (cs: ChangeSet) =>
    cs.ops.length === 0 ? ['the ChangeSet has no ops'] : validateChangeSet(graph, cs);
}

/**
 * Plans a scenario with the LLM, giving it the offline plan as a baseline to critique and extend.
 * @example
 * const run = await proposeWithLlm(graph, 'scale', { factor: 10 }, settings);
 */
export async function proposeWithLlm(
  graph: ArchGraph,
  scenario: Parameters<typeof proposeOffline>[1],
  options: Parameters<typeof proposeOffline>[2],
  settings: LlmSettings,
): Promise<LlmRun<ChangeSet>> {
  const baseline = proposeOffline(graph, scenario, options);
  const { redactor, client } = session(settings);
  const baseText = baselineText(baseline, redactor, Math.floor(settings.tokenBudget / 3));
  const encoded = encodeGraph(graph, settings.tokenBudget - countTokens(baseText) - 300, redactor);
  const user = `Scenario: ${scenario} ${JSON.stringify(redactor.clean(baseline.scenario?.params ?? {}))}

Architecture:
${encoded.text}

Baseline plan from archmap's deterministic planner. Critique it: keep what is right, fix what is wrong, add what it misses (capacity, failure modes, rollout). Return the complete improved ChangeSet as JSON (title, summary, goals, ops, tradeoffs, alternatives, risks, openQuestions, costNotes, rollout). Every op needs a rationale.
${baseText}`;
  const cs = await client.structured({
    name: 'changeset',
    system: SYSTEM,
    user,
    schema: ChangeSetSchema,
    check: changesetCheck(graph),
  });
  const result: ChangeSet = {
    ...cs,
    planner: 'llm',
    ...(baseline.scenario ? { scenario: baseline.scenario } : {}),
    capacity: cs.capacity.length ? cs.capacity : baseline.capacity,
  };
  return { result, usage: client.usage, encoding: encoded, redactions: redactor.redactions };
}

/** The planner registry entry (`--planner llm`); the CLI reads `lastRun` for token usage. */
export function createLlmPlanner(settings: LlmSettings): Planner & { lastRun?: LlmRun<ChangeSet> } {
  const planner: Planner & { lastRun?: LlmRun<ChangeSet> } = {
    id: 'llm',
    async propose(graph, scenario, options) {
      planner.lastRun = await proposeWithLlm(graph, scenario, options, settings);
      return planner.lastRun.result;
    },
  };
  return planner;
}

export const AnswerSchema = z
  .object({
    answer: z.string().min(1),
    citations: z.array(z.object({ id: z.string(), why: z.string().optional() }).strict()),
  })
  .strict();

export interface Citation {
  id: string;
  why?: string;
  /** Where the node was seen: `file:line` or an ARN. */
  provenance: string[];
}

export interface Answer {
  answer: string;
  citations: Citation[];
}

function provenanceOf(graph: ArchGraph, id: string): string[] {
  const node = graph.node(id);
  if (!node) return [];
  const out = node.sources.map((s) =>
    s.file ? `${s.file}${s.line ? `:${s.line}` : ''}` : (s.arn ?? s.address ?? ''),
  );
  return [...new Set(out.filter(Boolean))].sort();
}

/**
 * Answers a question about the graph; every cited node id must exist, and its provenance is attached.
 * @example
 * const { result } = await askLlm(graph, 'what breaks if the orders queue is down?', settings);
 */
export async function askLlm(
  graph: ArchGraph,
  question: string,
  settings: LlmSettings,
  opts: ConversationOptions = {},
): Promise<LlmRun<Answer>> {
  if (!question.trim())
    throw new UsageError('the question is empty', { hint: 'archmap ask G.json "question"' });
  const { redactor, client } = session(settings);
  const history = historyFor(opts, settings);
  const encoded = encodeGraph(graph, settings.tokenBudget - 400 - history.tokens, redactor);
  const user = `Architecture:
${encoded.text}

Question: ${question}

Answer concisely in "answer" and cite every node you rely on in "citations" by its exact id (at least one).`;
  const answer = await client.structured({
    name: 'answer',
    system: SYSTEM,
    user,
    schema: AnswerSchema,
    history: history.messages,
    check: (a) => {
      const missing = unknownIds(
        graph,
        a.citations.map((c) => c.id),
      );
      if (missing.length) return missing.map((id) => `citations: "${id}" is not a node id of the graph`);
      return a.citations.length === 0 ? ['citations: cite at least one node id'] : [];
    },
  });
  const result: Answer = {
    answer: answer.answer,
    citations: answer.citations.map((c) => ({ ...c, provenance: provenanceOf(graph, c.id) })),
  };
  const exchange: SessionTurn = {
    command: 'ask',
    request: redactor.scrub(question),
    response: redactor.scrub(JSON.stringify(answer)),
  };
  return { result, usage: client.usage, encoding: encoded, redactions: redactor.redactions, exchange };
}

/**
 * Turns an instruction ("add a cache in front of the catalog db") into a validated ChangeSet.
 * @example
 * const { result } = await refineWithLlm(graph, 'add a cache in front of the orders db', settings);
 */
export async function refineWithLlm(
  graph: ArchGraph,
  instruction: string,
  settings: LlmSettings,
  opts: ConversationOptions = {},
): Promise<LlmRun<ChangeSet>> {
  if (!instruction.trim())
    throw new UsageError('the instruction is empty', {
      hint: 'archmap refine G.json "what to change" -o G2.json',
    });
  const { redactor, client } = session(settings);
  const history = historyFor(opts, settings);
  const encoded = encodeGraph(graph, settings.tokenBudget - 400 - history.tokens, redactor);
  const user = `Architecture:
${encoded.text}

Change request: ${instruction}

Return a ChangeSet (title, summary, ops, tradeoffs, risks, rollout) that makes exactly this change. New nodes need a kind, a name, provider "aws" and the Terraform type as service, and a parent (subnet, VPC or region) from the graph; new edges need an id "FROM -> TO (kind)".`;
  const cs = await client.structured({
    name: 'changeset',
    system: SYSTEM,
    user,
    schema: ChangeSetSchema,
    check: changesetCheck(graph),
    history: history.messages,
  });
  // The session keeps what the plan says, not the whole ChangeSet: a follow-up question needs the decisions.
  const said = {
    title: cs.title,
    summary: cs.summary,
    ops: cs.ops.map((o) => ({ op: o.op, rationale: o.rationale })),
    tradeoffs: cs.tradeoffs,
  };
  return {
    result: { ...cs, planner: 'llm' },
    usage: client.usage,
    encoding: encoded,
    redactions: redactor.redactions,
    exchange: {
      command: 'refine',
      request: redactor.scrub(instruction),
      response: redactor.scrub(JSON.stringify(said)),
    },
  };
}

export const SketchSchema = z
  .object({
    name: z.string(),
    nodes: z.array(
      z
        .object({
          id: z.string().min(1),
          kind: NodeKindSchema,
          name: z.string(),
          provider: z.string().optional(),
          service: z.string().optional(),
          parent: z.string().optional(),
          region: z.string().optional(),
        })
        .strict(),
    ),
    edges: z.array(
      z
        .object({ from: z.string(), to: z.string(), kind: EdgeKindSchema, label: z.string().optional() })
        .strict(),
    ),
  })
  .strict();
type Sketch = z.infer<typeof SketchSchema>;

function sketchToFile(sketch: Sketch): GraphFile {
  return {
    version: 1,
    name: sketch.name,
    nodes: sketch.nodes.map((n) => ({
      ...n,
      provider: n.provider ?? (n.service?.startsWith('aws_') ? 'aws' : 'generic'),
      props: {},
      tags: {},
      sources: [{ analyzer: 'sketch', note: 'drafted by the LLM from a description' }],
    })),
    edges: sketch.edges.map((e) => ({
      ...e,
      id: edgeId(e.from, e.to, e.kind),
      sources: [{ analyzer: 'sketch', note: 'drafted by the LLM from a description' }],
    })),
    diagnostics: [],
  };
}

function sketchProblems(sketch: Sketch): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const n of sketch.nodes) {
    if (ids.has(n.id)) problems.push(`nodes: duplicate id "${n.id}"`);
    ids.add(n.id);
  }
  for (const n of sketch.nodes)
    if (n.parent && !ids.has(n.parent))
      problems.push(`nodes: parent "${n.parent}" of "${n.id}" is not a node`);
  const edges = new Set<string>();
  for (const e of sketch.edges) {
    for (const end of [e.from, e.to]) if (!ids.has(end)) problems.push(`edges: "${end}" is not a node`);
    const id = edgeId(e.from, e.to, e.kind);
    if (edges.has(id)) problems.push(`edges: duplicate edge ${id}`);
    edges.add(id);
  }
  if (sketch.nodes.length === 0) problems.push('nodes: the sketch has no nodes');
  return problems;
}

/**
 * Drafts a new architecture from a description: Terraform-typed nodes in region/VPC/subnet groups.
 * @example
 * const { result } = await sketchWithLlm('a URL shortener with analytics', settings);
 */
export async function sketchWithLlm(description: string, settings: LlmSettings): Promise<LlmRun<ArchGraph>> {
  if (!description.trim())
    throw new UsageError('the description is empty', { hint: 'archmap sketch "…" -o G.json' });
  const { redactor, client } = session(settings);
  const user = `Design an AWS architecture for: ${description}

Return {name, nodes, edges}. Use Terraform addresses as ids (aws_lambda_function.api), the Terraform type as service, provider "aws", a region group "region:<name>" (kind region), a VPC and subnets where the design needs a network (parent chain region > VPC > subnet > resource). Edges say who calls, reads, writes, publishes, consumes, routes or triggers whom.`;
  const sketch = await client.structured({
    name: 'graph',
    system: SYSTEM,
    user,
    schema: SketchSchema,
    check: sketchProblems,
  });
  const graph = parseGraph(serializeGraph(sketchToFile(sketch)), 'sketch');
  return {
    result: graph,
    usage: client.usage,
    encoding: { level: 'none', tokens: 0, truncated: false },
    redactions: redactor.redactions,
  };
}
