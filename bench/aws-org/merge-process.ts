// `archmap merge` of the shard files, in a process of its own so that its time and peak memory are its own.
import { readFile } from 'node:fs/promises';
import { mergeAwsShards } from '../../analyzers/aws/shards.js';
import { mergePartials } from '../../src/merge/index.js';
import { parseGraph, serializeGraph } from '../../src/model/io.js';

const files = process.argv.slice(2);
const started = performance.now();
const shards = [];
for (const file of files) {
  const graph = parseGraph(await readFile(file, 'utf8'), file);
  if (graph.shard) shards.push({ file, stamp: graph.shard });
}
const merged = mergeAwsShards(shards);
const graph = mergePartials([merged.graph]);
const bytes = serializeGraph(graph).length;
process.send?.({
  ms: performance.now() - started,
  maxRssKb: process.resourceUsage().maxRSS,
  nodes: graph.order,
  edges: graph.size,
  bytes,
  denied: merged.accounts.filter((a) => a.status === 'denied').length,
});
