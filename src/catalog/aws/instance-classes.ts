// Capacity data: RDS/Aurora instance classes → memory and the default max_connections of their parameter groups.
// Default parameter groups derive max_connections from DBInstanceClassMemory (bytes):
//   PostgreSQL: LEAST({DBInstanceClassMemory/9531392}, 5000)      MySQL/MariaDB: {DBInstanceClassMemory/12582880}

/** One RDS instance class with its default connection ceilings. */
export interface InstanceClassFigures {
  instanceClass: string;
  vcpu: number;
  /** Nominal memory of the class, GiB. */
  memoryGiB: number;
  /** Default max_connections for RDS/Aurora PostgreSQL. */
  postgresMaxConnections: number;
  /** Default max_connections for RDS/Aurora MySQL and MariaDB. */
  mysqlMaxConnections: number;
}

/** Where the formulas come from. */
export const INSTANCE_CLASS_SOURCE =
  'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html#RDS_Limits.MaxConnections';

/** The figures are computed from nominal memory, so they are upper bounds. */
export const INSTANCE_CLASS_NOTE =
  'computed from nominal class memory; the live default is a few percent lower because DBInstanceClassMemory excludes the memory RDS reserves for the OS and its agents';

export const rdsInstanceClasses: readonly InstanceClassFigures[] = [
  {
    instanceClass: 'db.t3.micro',
    vcpu: 2,
    memoryGiB: 1,
    postgresMaxConnections: 112,
    mysqlMaxConnections: 85,
  },
  {
    instanceClass: 'db.t3.small',
    vcpu: 2,
    memoryGiB: 2,
    postgresMaxConnections: 225,
    mysqlMaxConnections: 170,
  },
  {
    instanceClass: 'db.t3.medium',
    vcpu: 2,
    memoryGiB: 4,
    postgresMaxConnections: 450,
    mysqlMaxConnections: 341,
  },
  {
    instanceClass: 'db.t3.large',
    vcpu: 2,
    memoryGiB: 8,
    postgresMaxConnections: 901,
    mysqlMaxConnections: 682,
  },
  {
    instanceClass: 'db.t3.xlarge',
    vcpu: 4,
    memoryGiB: 16,
    postgresMaxConnections: 1802,
    mysqlMaxConnections: 1365,
  },
  {
    instanceClass: 'db.t3.2xlarge',
    vcpu: 8,
    memoryGiB: 32,
    postgresMaxConnections: 3604,
    mysqlMaxConnections: 2730,
  },
  {
    instanceClass: 'db.t4g.micro',
    vcpu: 2,
    memoryGiB: 1,
    postgresMaxConnections: 112,
    mysqlMaxConnections: 85,
  },
  {
    instanceClass: 'db.t4g.small',
    vcpu: 2,
    memoryGiB: 2,
    postgresMaxConnections: 225,
    mysqlMaxConnections: 170,
  },
  {
    instanceClass: 'db.t4g.medium',
    vcpu: 2,
    memoryGiB: 4,
    postgresMaxConnections: 450,
    mysqlMaxConnections: 341,
  },
  {
    instanceClass: 'db.t4g.large',
    vcpu: 2,
    memoryGiB: 8,
    postgresMaxConnections: 901,
    mysqlMaxConnections: 682,
  },
  {
    instanceClass: 'db.t4g.xlarge',
    vcpu: 4,
    memoryGiB: 16,
    postgresMaxConnections: 1802,
    mysqlMaxConnections: 1365,
  },
  {
    instanceClass: 'db.t4g.2xlarge',
    vcpu: 8,
    memoryGiB: 32,
    postgresMaxConnections: 3604,
    mysqlMaxConnections: 2730,
  },
  {
    instanceClass: 'db.m5.large',
    vcpu: 2,
    memoryGiB: 8,
    postgresMaxConnections: 901,
    mysqlMaxConnections: 682,
  },
  {
    instanceClass: 'db.m5.xlarge',
    vcpu: 4,
    memoryGiB: 16,
    postgresMaxConnections: 1802,
    mysqlMaxConnections: 1365,
  },
  {
    instanceClass: 'db.m5.2xlarge',
    vcpu: 8,
    memoryGiB: 32,
    postgresMaxConnections: 3604,
    mysqlMaxConnections: 2730,
  },
  {
    instanceClass: 'db.m5.4xlarge',
    vcpu: 16,
    memoryGiB: 64,
    postgresMaxConnections: 5000,
    mysqlMaxConnections: 5461,
  },
  {
    instanceClass: 'db.m5.8xlarge',
    vcpu: 32,
    memoryGiB: 128,
    postgresMaxConnections: 5000,
    mysqlMaxConnections: 10922,
  },
  {
    instanceClass: 'db.m6g.large',
    vcpu: 2,
    memoryGiB: 8,
    postgresMaxConnections: 901,
    mysqlMaxConnections: 682,
  },
  {
    instanceClass: 'db.m6g.xlarge',
    vcpu: 4,
    memoryGiB: 16,
    postgresMaxConnections: 1802,
    mysqlMaxConnections: 1365,
  },
  {
    instanceClass: 'db.m6g.2xlarge',
    vcpu: 8,
    memoryGiB: 32,
    postgresMaxConnections: 3604,
    mysqlMaxConnections: 2730,
  },
  {
    instanceClass: 'db.m6g.4xlarge',
    vcpu: 16,
    memoryGiB: 64,
    postgresMaxConnections: 5000,
    mysqlMaxConnections: 5461,
  },
  {
    instanceClass: 'db.m6g.8xlarge',
    vcpu: 32,
    memoryGiB: 128,
    postgresMaxConnections: 5000,
    mysqlMaxConnections: 10922,
  },
  {
    instanceClass: 'db.m6i.large',
    vcpu: 2,
    memoryGiB: 8,
    postgresMaxConnections: 901,
    mysqlMaxConnections: 682,
  },
  {
    instanceClass: 'db.m6i.xlarge',
    vcpu: 4,
    memoryGiB: 16,
    postgresMaxConnections: 1802,
    mysqlMaxConnections: 1365,
  },
  {
    instanceClass: 'db.m6i.2xlarge',
    vcpu: 8,
    memoryGiB: 32,
    postgresMaxConnections: 3604,
    mysqlMaxConnections: 2730,
  },
  {
    instanceClass: 'db.m6i.4xlarge',
    vcpu: 16,
    memoryGiB: 64,
    postgresMaxConnections: 5000,
    mysqlMaxConnections: 5461,
  },
  {
    instanceClass: 'db.m6i.8xlarge',
    vcpu: 32,
    memoryGiB: 128,
    postgresMaxConnections: 5000,
    mysqlMaxConnections: 10922,
  },
  {
    instanceClass: 'db.m7g.large',
    vcpu: 2,
    memoryGiB: 8,
    postgresMaxConnections: 901,
    mysqlMaxConnections: 682,
  },
  {
    instanceClass: 'db.m7g.xlarge',
    vcpu: 4,
    memoryGiB: 16,
    postgresMaxConnections: 1802,
    mysqlMaxConnections: 1365,
  },
  {
    instanceClass: 'db.m7g.2xlarge',
    vcpu: 8,
    memoryGiB: 32,
    postgresMaxConnections: 3604,
    mysqlMaxConnections: 2730,
  },
  {
    instanceClass: 'db.m7g.4xlarge',
    vcpu: 16,
    memoryGiB: 64,
    postgresMaxConnections: 5000,
    mysqlMaxConnections: 5461,
  },
  {
    instanceClass: 'db.m7g.8xlarge',
    vcpu: 32,
    memoryGiB: 128,
    postgresMaxConnections: 5000,
    mysqlMaxConnections: 10922,
  },
  {
    instanceClass: 'db.r5.large',
    vcpu: 2,
    memoryGiB: 16,
    postgresMaxConnections: 1802,
    mysqlMaxConnections: 1365,
  },
  {
    instanceClass: 'db.r5.xlarge',
    vcpu: 4,
    memoryGiB: 32,
    postgresMaxConnections: 3604,
    mysqlMaxConnections: 2730,
  },
  {
    instanceClass: 'db.r5.2xlarge',
    vcpu: 8,
    memoryGiB: 64,
    postgresMaxConnections: 5000,
    mysqlMaxConnections: 5461,
  },
  {
    instanceClass: 'db.r5.4xlarge',
    vcpu: 16,
    memoryGiB: 128,
    postgresMaxConnections: 5000,
    mysqlMaxConnections: 10922,
  },
  {
    instanceClass: 'db.r5.8xlarge',
    vcpu: 32,
    memoryGiB: 256,
    postgresMaxConnections: 5000,
    mysqlMaxConnections: 21845,
  },
  {
    instanceClass: 'db.r6g.large',
    vcpu: 2,
    memoryGiB: 16,
    postgresMaxConnections: 1802,
    mysqlMaxConnections: 1365,
  },
  {
    instanceClass: 'db.r6g.xlarge',
    vcpu: 4,
    memoryGiB: 32,
    postgresMaxConnections: 3604,
    mysqlMaxConnections: 2730,
  },
  {
    instanceClass: 'db.r6g.2xlarge',
    vcpu: 8,
    memoryGiB: 64,
    postgresMaxConnections: 5000,
    mysqlMaxConnections: 5461,
  },
  {
    instanceClass: 'db.r6g.4xlarge',
    vcpu: 16,
    memoryGiB: 128,
    postgresMaxConnections: 5000,
    mysqlMaxConnections: 10922,
  },
  {
    instanceClass: 'db.r6g.8xlarge',
    vcpu: 32,
    memoryGiB: 256,
    postgresMaxConnections: 5000,
    mysqlMaxConnections: 21845,
  },
  {
    instanceClass: 'db.r6i.large',
    vcpu: 2,
    memoryGiB: 16,
    postgresMaxConnections: 1802,
    mysqlMaxConnections: 1365,
  },
  {
    instanceClass: 'db.r6i.xlarge',
    vcpu: 4,
    memoryGiB: 32,
    postgresMaxConnections: 3604,
    mysqlMaxConnections: 2730,
  },
  {
    instanceClass: 'db.r6i.2xlarge',
    vcpu: 8,
    memoryGiB: 64,
    postgresMaxConnections: 5000,
    mysqlMaxConnections: 5461,
  },
  {
    instanceClass: 'db.r6i.4xlarge',
    vcpu: 16,
    memoryGiB: 128,
    postgresMaxConnections: 5000,
    mysqlMaxConnections: 10922,
  },
  {
    instanceClass: 'db.r6i.8xlarge',
    vcpu: 32,
    memoryGiB: 256,
    postgresMaxConnections: 5000,
    mysqlMaxConnections: 21845,
  },
  {
    instanceClass: 'db.r7g.large',
    vcpu: 2,
    memoryGiB: 16,
    postgresMaxConnections: 1802,
    mysqlMaxConnections: 1365,
  },
  {
    instanceClass: 'db.r7g.xlarge',
    vcpu: 4,
    memoryGiB: 32,
    postgresMaxConnections: 3604,
    mysqlMaxConnections: 2730,
  },
  {
    instanceClass: 'db.r7g.2xlarge',
    vcpu: 8,
    memoryGiB: 64,
    postgresMaxConnections: 5000,
    mysqlMaxConnections: 5461,
  },
  {
    instanceClass: 'db.r7g.4xlarge',
    vcpu: 16,
    memoryGiB: 128,
    postgresMaxConnections: 5000,
    mysqlMaxConnections: 10922,
  },
  {
    instanceClass: 'db.r7g.8xlarge',
    vcpu: 32,
    memoryGiB: 256,
    postgresMaxConnections: 5000,
    mysqlMaxConnections: 21845,
  },
];

const byClass = new Map(rdsInstanceClasses.map((c) => [c.instanceClass, c]));

/**
 * @example
 * lookupInstanceClass('db.t3.micro')?.postgresMaxConnections // 112
 */
export function lookupInstanceClass(instanceClass: string): InstanceClassFigures | undefined {
  return byClass.get(instanceClass);
}

/**
 * The default max_connections of a class for an engine (`postgres`, `aurora-postgresql`, `mysql`, `aurora-mysql`,
 * `mariadb`); undefined when the class or the engine family is not in the table.
 * @example
 * defaultMaxConnections('db.r6g.large', 'postgres') // 1802
 */
export function defaultMaxConnections(instanceClass: string, engine: string): number | undefined {
  const figures = byClass.get(instanceClass);
  if (!figures) return undefined;
  if (engine.includes('postgres')) return figures.postgresMaxConnections;
  if (engine.includes('mysql') || engine === 'mariadb') return figures.mysqlMaxConnections;
  return undefined;
}
