// Templates for VPC, subnets, gateways, route tables, security groups and endpoints.
import { attr, blank, bool, call, map, num, str } from '../hcl.js';
import { arg, byName, CIDR, lit, type Template } from './shared.js';

export const networkTemplates: Record<string, Template> = {
  aws_vpc: {
    concern: 'network',
    importId: byName,
    build(ctx) {
      const cidr = ctx.literal('cidr_block', 'CidrBlock');
      return [
        ...(typeof cidr === 'string' && CIDR.test(cidr)
          ? [attr('cidr_block', str(cidr))]
          : [
              ctx.todo('choose a CIDR block that does not overlap the other regions and on-premises ranges.'),
              attr(
                'cidr_block',
                ctx.variable(`${ctx.label}_cidr`, {
                  type: 'string',
                  description: `CIDR block of ${ctx.node.id}.`,
                }),
              ),
            ]),
        attr('enable_dns_hostnames', bool(true)),
        attr('enable_dns_support', bool(true)),
        blank,
        attr('tags', map([['Name', ctx.physicalName('__tag_name__')]])),
      ];
    },
  },
  aws_subnet: {
    concern: 'network',
    importId: byName,
    build(ctx) {
      const vpc = ctx.vpc();
      const siblings = vpc
        ? ctx.graph
            .children(vpc.id)
            .filter((n) => n.kind === 'subnet')
            .sort((a, b) => (a.id < b.id ? -1 : 1))
        : [];
      const index = Math.max(
        0,
        siblings.findIndex((s) => s.id === ctx.node.id),
      );
      const cidr = ctx.literal('cidr_block', 'CidrBlock');
      const zone = ctx.literal('availability_zone', 'AvailabilityZone') ?? ctx.node.zone;
      const isPublic = ctx.node.props.map_public_ip_on_launch === true || /public/i.test(ctx.node.id);
      return [
        attr('vpc_id', ctx.vpcId()),
        attr(
          'cidr_block',
          typeof cidr === 'string' && CIDR.test(cidr)
            ? str(cidr)
            : call('cidrsubnet', vpc ? ctx.ref(vpc.id, 'cidr_block') : ctx.vpcId(), num(8), num(index)),
        ),
        attr(
          'availability_zone',
          typeof zone === 'string' && zone.startsWith(ctx.region)
            ? str(zone)
            : str(`${ctx.region}${'abc'[index % 2]}`),
        ),
        ...(isPublic ? [attr('map_public_ip_on_launch', bool(true))] : []),
        blank,
        attr(
          'tags',
          map([
            ['Name', ctx.physicalName('__tag_name__')],
            ['Tier', str(isPublic ? 'public' : 'private')],
          ]),
        ),
      ];
    },
  },
  aws_internet_gateway: {
    concern: 'network',
    importId: byName,
    build: (ctx) => [attr('vpc_id', ctx.vpcId())],
  },
  aws_eip: { concern: 'network', importId: byName, build: () => [attr('domain', str('vpc'))] },
  aws_nat_gateway: {
    concern: 'network',
    importId: byName,
    build(ctx) {
      // The gateway serves its own AZ: its parent subnet, else the public subnet of its zone.
      const parent = ctx.node.parent ? ctx.graph.node(ctx.node.parent) : undefined;
      const publicSubnets = ctx.subnets('public');
      const subnet =
        (parent?.kind === 'subnet' ? parent : undefined) ??
        publicSubnets.find((s) => ctx.node.zone && (s.zone ?? s.props.availability_zone) === ctx.node.zone) ??
        publicSubnets[0];
      return [
        ...arg(
          ctx,
          'allocation_id',
          ctx.expr('allocation_id', 'AllocationId'),
          undefined,
          'allocate an Elastic IP.',
        ),
        attr(
          'subnet_id',
          ctx.expr('subnet_id', 'SubnetId') ?? (subnet ? ctx.ref(subnet.id, 'id') : ctx.vpcId()),
        ),
      ];
    },
  },
  aws_route_table: {
    concern: 'network',
    importId: byName,
    build: (ctx) => [attr('vpc_id', ctx.vpcId()), ctx.todo('add the routes (internet or NAT gateway).')],
  },
  aws_route_table_association: {
    concern: 'network',
    build(ctx) {
      const subnet = ctx.expr('subnet_id', 'SubnetId');
      const table = ctx.expr('route_table_id', 'RouteTableId');
      return [
        ...arg(ctx, 'subnet_id', subnet, undefined, 'the subnet to associate.'),
        ...arg(ctx, 'route_table_id', table, undefined, 'the route table to associate.'),
      ];
    },
  },
  aws_security_group: {
    concern: 'network',
    importId: byName,
    build(ctx) {
      const description = ctx.literal('description', 'GroupDescription');
      return [
        attr('name', ctx.physicalName('name', 'GroupName')),
        attr('description', lit(description, `Managed by Terraform: ${ctx.node.name}`)),
        attr('vpc_id', ctx.vpcId()),
        ctx.todo(
          'add ingress rules that admit only the callers of this tier (aws_vpc_security_group_ingress_rule).',
        ),
      ];
    },
  },
  aws_vpc_security_group_ingress_rule: {
    concern: 'network',
    importId: byName,
    build(ctx) {
      return [
        ...arg(ctx, 'security_group_id', ctx.expr('security_group_id'), undefined, 'the security group.'),
        ...arg(ctx, 'referenced_security_group_id', ctx.expr('referenced_security_group_id')),
        ...arg(ctx, 'cidr_ipv4', ctx.expr('cidr_ipv4')),
        attr('from_port', lit(ctx.literal('from_port'), 443)),
        attr('to_port', lit(ctx.literal('to_port'), 443)),
        attr('ip_protocol', lit(ctx.literal('ip_protocol'), 'tcp')),
      ];
    },
  },
  aws_vpc_security_group_egress_rule: {
    concern: 'network',
    importId: byName,
    build(ctx) {
      return [
        ...arg(ctx, 'security_group_id', ctx.expr('security_group_id'), undefined, 'the security group.'),
        attr('cidr_ipv4', lit(ctx.literal('cidr_ipv4'), '0.0.0.0/0')),
        attr('ip_protocol', lit(ctx.literal('ip_protocol'), '-1')),
      ];
    },
  },
  aws_vpc_endpoint: {
    concern: 'network',
    importId: byName,
    build(ctx) {
      return [
        attr('vpc_id', ctx.vpcId()),
        attr(
          'service_name',
          lit(ctx.literal('service_name', 'ServiceName'), `com.amazonaws.${ctx.region}.s3`),
        ),
        attr('vpc_endpoint_type', lit(ctx.literal('vpc_endpoint_type', 'VpcEndpointType'), 'Gateway')),
      ];
    },
  },
};
