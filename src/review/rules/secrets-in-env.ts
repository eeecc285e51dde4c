import { addEdge, addNode, newEdge, newNode } from '../../graph/ops.js';
import { COMPUTE_KINDS, components, localName } from '../../graph/query.js';
import type { ChangeOp } from '../../model/schema.js';
import { defineRule } from '../types.js';

const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIALS?)$/i;
const SECRET_STORE = ['aws_secretsmanager_secret', 'aws_ssm_parameter', 'aws_kms_key'];

export default defineRule({
  id: 'secrets-in-env',
  title: 'Secret passed as a plain environment variable',
  severity: 'high',
  pillar: 'security',
  why: 'Plain environment variables are visible to anyone who can read the function or task configuration, end up in Terraform state and logs, and cannot be rotated without a deploy.',
  helpUri: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html',
  check: ({ graph }) =>
    components(graph)
      .filter((n) => COMPUTE_KINDS.includes(n.kind) || n.service === 'aws_ecs_task_definition')
      .flatMap((n) => {
        const env = (n.props.env ?? {}) as Record<string, unknown>;
        const refs = (n.props.envRefs ?? {}) as Record<string, string>;
        return Object.keys(env)
          .filter((name) => SECRET_NAME.test(name) && !/_(ARN|ID|NAME)$/i.test(name))
          .filter((name) => !SECRET_STORE.includes(graph.node(refs[name] ?? '')?.service ?? ''))
          .map((name) => {
            // The fix never copies the value: the secret is created empty and filled out of band.
            const secret = newNode('aws_secretsmanager_secret', `${localName(n.id)}_${name.toLowerCase()}`, {
              like: n,
              kind: 'secret',
              props: { name: `${localName(n.id)}/${name.toLowerCase()}` },
            });
            delete secret.zone;
            const fix: ChangeOp[] = graph.hasNode(secret.id)
              ? []
              : [
                  addNode(secret, 'the value lives in Secrets Manager, encrypted with KMS and rotatable'),
                  addEdge(newEdge(n.id, secret.id, 'reads', { label: 'GetSecretValue' }), 'read at start-up'),
                  {
                    op: 'update_node',
                    id: n.id,
                    set: { props: { env: { ...env, [`${name}_SECRET_ARN`]: `\${${secret.id}.arn}` } } },
                    unset: [],
                    rationale: `pass the secret's ARN, not the secret; ${name} is removed from the environment`,
                  },
                ];
            const update = fix[2];
            if (update?.op === 'update_node') {
              const next = { ...(update.set.props!.env as Record<string, unknown>) };
              delete next[name];
              update.set.props = { env: next };
              delete update.unset;
            }
            return { nodes: [n.id], message: `${n.id} sets ${name} in its environment`, fix };
          });
      }),
});
