// Disaster recovery: choose backup & restore, pilot light, warm standby or multi-site active-active from the
// RPO and RTO targets (the four strategies of the AWS DR whitepaper), and plan it.

import { multiRegionOps, regionCode } from '../../graph/multi-region.js';
import { addEdge, addNode, dedupeOps, newEdge, newNode } from '../../graph/ops.js';
import { components, isDataStore, regions } from '../../graph/query.js';
import { emptyChangeSet } from '../../model/changeset.js';
import type { ArchGraph } from '../../model/graph.js';
import type { ChangeOp, ChangeSet } from '../../model/schema.js';
import { defineScenario, formatDuration, type ScenarioOptions } from './types.js';

export type DrStrategy = 'backup-restore' | 'pilot-light' | 'warm-standby' | 'active-active';

const HOUR = 3600;

/**
 * The cheapest strategy that meets both targets.
 * @example
 * chooseStrategy(15 * 60, 60 * 60) // 'pilot-light'
 */
export function chooseStrategy(rpoSeconds: number, rtoSeconds: number): DrStrategy {
  if (rtoSeconds < 60 || rpoSeconds < 1) return 'active-active';
  if (rtoSeconds <= 30 * 60) return 'warm-standby';
  if (rtoSeconds <= 4 * HOUR || rpoSeconds < HOUR) return 'pilot-light';
  return 'backup-restore';
}

const STRATEGY_TEXT: Record<DrStrategy, string> = {
  'backup-restore': 'backup & restore (RPO/RTO in hours)',
  'pilot-light': 'pilot light (RPO in seconds to minutes, RTO in tens of minutes)',
  'warm-standby': 'warm standby (RPO in seconds, RTO in minutes)',
  'active-active': 'multi-site active-active (RPO near zero, RTO near zero)',
};

/** Backup schedule: hourly when the RPO is under a day, daily otherwise. */
function backupOps(graph: ArchGraph, drRegion: string, rpoSeconds: number): ChangeOp[] {
  const stores = components(graph).filter(
    (n) =>
      isDataStore(n) &&
      [
        'aws_db_instance',
        'aws_rds_cluster',
        'aws_dynamodb_table',
        'aws_efs_file_system',
        'aws_s3_bucket',
      ].includes(n.service ?? ''),
  );
  if (stores.length === 0) return [];
  const primary = regions(graph)[0];
  const code = regionCode(drRegion);
  const vault = newNode('aws_backup_vault', 'main', {
    kind: 'storage',
    ...(primary ? { parent: `region:${primary}`, region: primary } : {}),
    props: { name: 'main' },
  });
  const drVault = newNode('aws_backup_vault', `dr_${code}`, {
    kind: 'storage',
    parent: `region:${drRegion}`,
    region: drRegion,
    props: { name: `dr-${drRegion}` },
  });
  const hourly = rpoSeconds < 24 * HOUR;
  const plan = newNode('aws_backup_plan', 'main', {
    kind: 'generic',
    ...(primary ? { parent: `region:${primary}`, region: primary } : {}),
    props: {
      rule: {
        rule_name: hourly ? 'hourly' : 'daily',
        schedule: hourly ? 'cron(0 * * * ? *)' : 'cron(0 3 * * ? *)',
        enable_continuous_backup: true,
        lifecycle: { delete_after: 35 },
        copy_action: { destination_vault_arn: `\${${drVault.id}.arn}` },
      },
    },
  });
  if (primary && !graph.hasNode(`region:${primary}`)) {
    delete vault.parent;
    delete plan.parent;
  }
  const ops: ChangeOp[] = [];
  if (!graph.hasNode(`region:${drRegion}`))
    ops.push(
      addNode(
        {
          id: `region:${drRegion}`,
          kind: 'region',
          name: drRegion,
          provider: 'aws',
          props: {},
          tags: {},
          sources: [{ analyzer: 'planner', note: 'proposed' }],
        },
        `${drRegion} holds the recovery copies`,
      ),
    );
  ops.push(
    addNode(vault, 'AWS Backup vault for recovery points in the primary region'),
    addNode(
      drVault,
      `a vault in ${drRegion}: every recovery point is copied there, so a regional disaster does not take the backups with it`,
    ),
    addNode(
      plan,
      `${hourly ? 'hourly' : 'daily'} backups (continuous for RDS/DynamoDB where supported), kept 35 days, copied cross-region`,
    ),
    addEdge(newEdge(plan.id, vault.id, 'depends_on', { label: 'target vault' }), 'recovery points land here'),
    addEdge(
      newEdge(vault.id, drVault.id, 'replicates', { label: 'cross-region copy' }),
      'copy_action of the backup rule',
    ),
  );
  for (const s of stores)
    ops.push(
      addEdge(
        newEdge(s.id, vault.id, 'replicates', { label: 'AWS Backup' }),
        `${s.id} is selected by the backup plan (aws_backup_selection)`,
      ),
    );
  return ops;
}

export default defineScenario({
  name: 'dr',
  description:
    'disaster recovery chosen by --rpo and --rto: backup & restore, pilot light, warm standby or active-active',
  plan(graph: ArchGraph, options: ScenarioOptions): ChangeSet {
    const rpo = options.rpoSeconds ?? HOUR;
    const rto = options.rtoSeconds ?? 4 * HOUR;
    const strategy = chooseStrategy(rpo, rto);
    const mr =
      strategy === 'backup-restore'
        ? undefined
        : multiRegionOps(graph, {
            mode: strategy === 'active-active' ? 'active-active' : 'active-passive',
            regions: options.regions,
            standby:
              strategy === 'pilot-light' ? 'off' : strategy === 'warm-standby' ? 'scaled-down' : 'full',
          });
    const drRegion =
      mr?.secondaries[0] ??
      options.regions[1] ??
      multiRegionOps(graph, { mode: 'active-passive', regions: options.regions }).secondaries[0]!;
    const ops = dedupeOps([...(mr?.ops ?? []), ...backupOps(graph, drRegion, rpo)]);
    const targets = `RPO ${formatDuration(rpo)}, RTO ${formatDuration(rto)}`;
    return {
      ...emptyChangeSet(`Disaster recovery: ${STRATEGY_TEXT[strategy].split(' (')[0]} (${targets})`),
      scenario: { name: 'dr', params: { rpoSeconds: rpo, rtoSeconds: rto, strategy, region: drRegion } },
      planner: 'offline',
      summary: `${targets} → ${STRATEGY_TEXT[strategy]} in ${drRegion}. ${
        strategy === 'backup-restore'
          ? 'Recovery rebuilds the stack from Terraform and restores the latest cross-region recovery point.'
          : strategy === 'pilot-light'
            ? 'Data replicates continuously; compute is deployed but scaled to zero and scaled out by the runbook.'
            : strategy === 'warm-standby'
              ? 'A scaled-down copy runs all the time and scales out on failover; Route53 fails over on health checks.'
              : 'Both regions serve traffic; losing one shifts users to the other.'
      } Backups are kept in both regions in every case, because replication also copies corruption and deletes.`,
      goals: [
        `recover from the loss of the primary region within ${formatDuration(rto)}`,
        `lose at most ${formatDuration(rpo)} of data`,
      ],
      ops,
      tradeoffs: [
        'Cheaper strategies recover slower: backup & restore costs storage only but takes hours; warm standby costs a fraction of production all the time.',
        'A standby that never takes traffic rots: only regular failover drills prove the RTO.',
      ],
      alternatives: (['backup-restore', 'pilot-light', 'warm-standby', 'active-active'] as DrStrategy[])
        .filter((s) => s !== strategy)
        .map((s) => ({
          option: STRATEGY_TEXT[s],
          whyNot:
            ['backup-restore', 'pilot-light', 'warm-standby', 'active-active'].indexOf(s) <
            ['backup-restore', 'pilot-light', 'warm-standby', 'active-active'].indexOf(strategy)
              ? `does not meet ${targets}`
              : `meets ${targets} but costs more than needed`,
        })),
      risks: [
        'Recovery depends on quotas, AMIs, container images and secrets existing in the DR region: replicate ECR and Secrets Manager.',
        'Restores of large databases can take longer than the RTO: measure one.',
      ],
      openQuestions: [
        `Who declares a disaster, and who runs the runbook out of hours?`,
        `Is ${drRegion} acceptable for data residency?`,
        'How often will failover be rehearsed (at least twice a year)?',
      ],
      costNotes: [
        strategy === 'backup-restore'
          ? 'Backup storage and cross-region copy transfer only.'
          : strategy === 'pilot-light'
            ? 'Replicated data stores run all the time; compute costs nothing until failover.'
            : strategy === 'warm-standby'
              ? 'About a quarter of production compute, plus replicated data stores.'
              : 'Roughly double production.',
      ],
      rollout: [
        'Create the DR network, vaults and replication.',
        'Deploy the compute definitions to the DR region from the same pipeline.',
        'Write the failover runbook (promote, scale out, switch DNS) and the failback one.',
        'Rehearse and record the measured RPO and RTO.',
      ],
    };
  },
});
