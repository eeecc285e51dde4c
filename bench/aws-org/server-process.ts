// The loopback AWS server of bench/aws-org, in a process of its own: a synthetic organisation over 17 regions.
import { DEFAULT_REGIONS } from '../../analyzers/aws/resource-types.js';
import { orgAccountId, syntheticOrg } from '../../test/support/aws-org.js';
import { startAwsServer } from '../../test/support/aws-server.js';

const accounts = Number(process.argv[2] ?? 500);
const perAccount = Number(process.argv[3] ?? 200);
const latencyMs = Number(process.argv[4] ?? 50);
const denied = (process.argv[5] ?? '').split(',').filter(Boolean);
const server = await startAwsServer({
  // Five resources are fixed per account (queue, function, topic, a role found in two regions); the rest filler.
  accounts: syntheticOrg(accounts, Math.max(0, perAccount - 4), [...DEFAULT_REGIONS]),
  organization: { management: orgAccountId(0) },
  denyAssumeRole: denied,
  latencyMs,
});
process.on('message', () =>
  process.send?.({ calls: server.calls.length, peakInFlight: server.peakInFlight }),
);
process.on('disconnect', () => void server.close().then(() => process.exit(0)));
process.send?.({ url: server.url });
