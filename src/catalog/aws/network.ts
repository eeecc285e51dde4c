import type { CatalogEntry } from '../types.js';

export const network: CatalogEntry[] = [
  {
    tfType: 'aws_vpc',
    cfnType: 'AWS::EC2::VPC',
    arn: { service: 'ec2', resourceType: 'vpc' },
    kind: 'vpc',
    displayName: 'VPC',
    icon: 'architecture-group/VirtualprivatecloudVPC.svg',
    significant: true,
  },
  {
    tfType: 'aws_subnet',
    cfnType: 'AWS::EC2::Subnet',
    arn: { service: 'ec2', resourceType: 'subnet' },
    kind: 'subnet',
    displayName: 'Subnet',
    containment: [{ tf: 'vpc_id', cfn: 'VpcId', group: 'vpc' }],
    significant: true,
  },
];
