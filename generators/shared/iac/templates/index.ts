// The per-type template table: each Terraform type maps to a resource body with the minimum required
// arguments and secure defaults, one module per service family. A type missing here is an error for the
// planner to report, never a silent comment.
import type { Concern } from '../types.js';
import { computeTemplates } from './compute.js';
import { databasesTemplates } from './databases.js';
import { edgeTemplates } from './edge.js';
import { messagingTemplates } from './messaging.js';
import { networkTemplates } from './network.js';
import { securityTemplates } from './security.js';
import { envAttrs, type Template } from './shared.js';
import { storageTemplates } from './storage.js';

export { isSecretSetting, type Template } from './shared.js';

const T: Record<string, Template> = {
  ...networkTemplates,
  ...computeTemplates,
  ...securityTemplates,
  ...databasesTemplates,
  ...storageTemplates,
  ...messagingTemplates,
  ...edgeTemplates,
};

/** The table, keyed by Terraform type. */
export const TEMPLATES: Readonly<Record<string, Template>> = T;

for (const [type, t] of Object.entries(T)) if (t.envAttr) envAttrs[type] = t.envAttr;

/** Which file a type without a template goes to. */
export function concernOfKind(kind: string): Concern {
  if (['vpc', 'subnet', 'network'].includes(kind)) return 'network';
  if (['function', 'container', 'service', 'identity'].includes(kind)) return 'compute';
  if (['queue', 'topic', 'stream'].includes(kind)) return 'messaging';
  if (['load_balancer', 'cdn', 'dns', 'api_gateway'].includes(kind)) return 'edge';
  return 'data';
}
