// A template as YAML: short-form tags (`!Ref`, `!GetAtt`, `!Sub`…), comments above resources, no line folding.
import { Document, isSeq, type Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { ScaffoldPlan } from '../shared/iac/types.js';
import type { CfnTemplate } from './types.js';
import type { CfnValue } from './values.js';

const SHORT: Record<string, string> = {
  Ref: '!Ref',
  'Fn::GetAtt': '!GetAtt',
  'Fn::Sub': '!Sub',
  'Fn::Select': '!Select',
  'Fn::Join': '!Join',
  'Fn::If': '!If',
  'Fn::GetAZs': '!GetAZs',
  'Fn::ImportValue': '!ImportValue',
};

function node(v: CfnValue): Node {
  if (Array.isArray(v)) {
    const seq = new YAMLSeq();
    for (const i of v) seq.items.push(node(i));
    return seq;
  }
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v);
    const tag = keys.length === 1 ? SHORT[keys[0]!] : undefined;
    if (tag) {
      const inner = v[keys[0]!]!;
      // `!GetAtt A.B` reads better than a two-item list.
      const n =
        tag === '!GetAtt' && Array.isArray(inner) && inner.every((s) => typeof s === 'string')
          ? new Scalar(inner.join('.'))
          : node(inner);
      n.tag = tag;
      if (isSeq(n) && tag !== '!Sub') n.flow = (n.items as Node[]).every((i) => i instanceof Scalar);
      return n;
    }
    const map = new YAMLMap();
    for (const [k, inner] of Object.entries(v)) map.items.push(new Pair(new Scalar(k), node(inner)));
    return map;
  }
  return new Scalar(v);
}

function keyed(map: YAMLMap, key: string, value: Node, comment?: string): void {
  const k = new Scalar(key);
  if (comment) k.commentBefore = comment;
  map.items.push(new Pair(k, value));
}

export function renderYaml(t: CfnTemplate, plan: ScaffoldPlan): string {
  const doc = new Document();
  const root = new YAMLMap();
  keyed(root, 'AWSTemplateFormatVersion', new Scalar('2010-09-09'));
  keyed(
    root,
    'Description',
    new Scalar(
      `${plan.project}: archmap scaffold of the revised design (${t.region}). Review every TODO(archmap).`,
    ),
  );
  if (t.parameters.size) {
    const params = new YAMLMap();
    for (const [name, p] of [...t.parameters].sort(([a], [b]) => (a < b ? -1 : 1)))
      keyed(params, name, node(p));
    keyed(root, 'Parameters', params);
  }
  const resources = new YAMLMap();
  for (const r of t.resources) {
    const body: Record<string, CfnValue> = { Type: r.type };
    if (r.dependsOn.length) body.DependsOn = [...new Set(r.dependsOn)].sort();
    if (r.deletionPolicy) {
      body.DeletionPolicy = r.deletionPolicy;
      body.UpdateReplacePolicy = r.deletionPolicy;
    }
    if (Object.keys(r.properties).length) body.Properties = r.properties;
    const comments = [...r.comments];
    if (r.unmapped.length)
      comments.push(`TODO(archmap): not carried over from the design: ${r.unmapped.join(', ')}`);
    keyed(resources, r.logicalId, node(body), comments.map((c) => ` ${c}`).join('\n') || undefined);
  }
  keyed(root, 'Resources', resources);
  if (t.outputs.size) {
    const outputs = new YAMLMap();
    for (const [name, o] of [...t.outputs].sort(([a], [b]) => (a < b ? -1 : 1)))
      keyed(outputs, name, node(o));
    keyed(root, 'Outputs', outputs);
  }
  doc.contents = root;
  return doc.toString({ lineWidth: 0, indentSeq: true });
}
