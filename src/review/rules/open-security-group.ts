import { FRONT_DOOR_KINDS, prop } from '../../graph/query.js';
import type { ArchGraph } from '../../model/graph.js';
import type { ArchNode, ChangeOp } from '../../model/schema.js';
import { defineRule } from '../types.js';

const WORLD = new Set(['0.0.0.0/0', '::/0']);
/** Ports a public load balancer or CDN is meant to take from anyone. */
const WEB_PORTS = new Set([80, 443]);
const GROUP_SERVICES = new Set(['aws_security_group']);

interface Opening {
  ports: string;
  web: boolean;
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const toPort = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};

/** One ingress permission (Terraform or CloudFormation shape) open to the internet, or undefined. */
function opening(rule: Record<string, unknown>): Opening | undefined {
  const cidrs = [
    ...asList(rule.cidr_ipv4),
    ...asList(rule.cidr_ipv6),
    ...asList(rule.cidr_blocks),
    ...asList(rule.ipv6_cidr_blocks),
    ...asList(rule.CidrIp),
    ...asList(rule.CidrIpv6),
  ];
  if (!cidrs.some((c) => typeof c === 'string' && WORLD.has(c.trim()))) return undefined;
  const protocol = String(rule.ip_protocol ?? rule.protocol ?? rule.IpProtocol ?? 'tcp');
  const from = toPort(rule.from_port ?? rule.FromPort);
  const to = toPort(rule.to_port ?? rule.ToPort) ?? from;
  if (protocol === '-1' || protocol === 'all' || from === undefined || (from <= 0 && (to ?? 0) >= 65535))
    return { ports: 'all ports', web: false };
  const range = from === to || to === undefined ? `port ${from}` : `ports ${from}-${to}`;
  return {
    ports: range,
    web: to !== undefined && to - from < 2 && [from, to].every((p) => WEB_PORTS.has(p)),
  };
}

/** What a security group protects: the components that use it (not rules, not other groups). */
function protectedBy(graph: ArchGraph, groups: string[]): ArchNode[] {
  const out = new Map<string, ArchNode>();
  for (const g of groups)
    for (const e of graph.inEdges(g)) {
      const n = graph.node(e.from);
      if (n && n.kind !== 'network') out.set(n.id, n);
    }
  return [...out.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}

function groupsOf(graph: ArchGraph, rule: ArchNode): string[] {
  if (GROUP_SERVICES.has(rule.service ?? '')) return [rule.id];
  return graph
    .outEdges(rule.id)
    .map((e) => graph.node(e.to))
    .filter((n): n is ArchNode => Boolean(n && GROUP_SERVICES.has(n.service ?? '')))
    .map((n) => n.id);
}

export default defineRule({
  id: 'open-security-group',
  title: 'Security group open to the internet',
  severity: 'high',
  pillar: 'security',
  why: 'An ingress rule from 0.0.0.0/0 (or ::/0) lets anyone on the internet reach the port; only a public load balancer or CDN on 80/443 should take traffic from everywhere.',
  helpUri: 'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
  check: ({ graph }) => {
    const hits = [];
    for (const node of graph.nodes()) {
      const service = node.service ?? '';
      const standalone =
        service === 'aws_vpc_security_group_ingress_rule' ||
        (service === 'aws_security_group_rule' && prop(node, 'type') === 'ingress');
      const inline = GROUP_SERVICES.has(service)
        ? [...asList(node.props.ingress), ...asList(node.props.SecurityGroupIngress)]
        : [];
      const openings = (standalone ? [node.props] : inline)
        .filter((r): r is Record<string, unknown> => Boolean(r) && typeof r === 'object')
        .map(opening)
        .filter((o): o is Opening => Boolean(o));
      if (!openings.length) continue;
      const groups = groupsOf(graph, node);
      const behind = protectedBy(graph, groups);
      const frontDoorOnly = behind.length > 0 && behind.every((n) => FRONT_DOOR_KINDS.includes(n.kind));
      // 80/443 open to the world is the job of a public front door, and common on groups we cannot place.
      const bad = openings.filter((o) => !(o.web && (frontDoorOnly || behind.length === 0)));
      if (!bad.length) continue;
      const ports = [...new Set(bad.map((o) => o.ports))].join(', ');
      const fix: ChangeOp[] = standalone
        ? [
            {
              op: 'remove_node',
              id: node.id,
              rationale: `allow ${ports} only from the load balancer's security group or a known CIDR`,
            },
          ]
        : [
            {
              op: 'update_node',
              id: node.id,
              set: {
                props: {
                  ...(node.props.ingress !== undefined
                    ? { ingress: asList(node.props.ingress).filter((r) => !isBad(r)) }
                    : {}),
                  ...(node.props.SecurityGroupIngress !== undefined
                    ? {
                        SecurityGroupIngress: asList(node.props.SecurityGroupIngress).filter(
                          (r) => !isBad(r),
                        ),
                      }
                    : {}),
                },
              },
              rationale: `drop the rules that open ${ports} to the internet; allow a security group or a known CIDR`,
            },
          ];
      function isBad(r: unknown): boolean {
        if (!r || typeof r !== 'object') return false;
        const o = opening(r as Record<string, unknown>);
        return Boolean(o && !(o.web && (frontDoorOnly || behind.length === 0)));
      }
      hits.push({
        nodes: [node.id, ...groups.filter((g) => g !== node.id), ...behind.map((n) => n.id)],
        message: `${node.id} opens ${ports} to the internet (0.0.0.0/0)${behind.length ? ` in front of ${behind.map((n) => n.id).join(', ')}` : ''}`,
        fix,
      });
    }
    return hits;
  },
});
