// Modules of the aws-ia namespace (registry.terraform.io/namespaces/aws-ia) that stand for one component.
import type { RegistryModuleEntry } from '../types.js';

export const awsIaModules: RegistryModuleEntry[] = [
  { source: 'aws-ia/vpc/aws', tfType: 'aws_vpc', kind: 'network' },
  {
    source: 'aws-ia/cloudwan/aws',
    tfType: 'aws_networkmanager_core_network',
    kind: 'network',
    plumbing: true,
  },
  { source: 'aws-ia/network-hubandspoke/aws', tfType: 'aws_ec2_transit_gateway', kind: 'network' },
  { source: 'aws-ia/ipam/aws', tfType: 'aws_vpc_ipam', kind: 'network', plumbing: true },
  { source: 'aws-ia/label/aws', tfType: 'null_resource', kind: 'generic', plumbing: true },
  {
    source: 'aws-ia/eks-blueprints-addons/aws',
    tfType: 'aws_eks_addon',
    kind: 'container',
    plumbing: true,
  },
  { source: 'aws-ia/eks-blueprints-addon/aws', tfType: 'aws_eks_addon', kind: 'container', plumbing: true },
  { source: 'aws-ia/bedrock/aws', tfType: 'aws_bedrockagent_agent' },
  { source: 'aws-ia/opensearch-serverless/aws', tfType: 'aws_opensearchserverless_collection' },
];
