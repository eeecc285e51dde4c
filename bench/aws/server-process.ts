// The loopback AWS server of bench/aws, in a process of its own: builds the same corpus and serves it.
import { startAwsServer } from '../../test/support/aws-server.js';
import { CLOUD_CONTROL_PAGE, corpus, LATENCY_MS, TAGGING_PAGE } from './corpus.js';

const total = Number(process.argv[2] ?? 10_000);
const latencyMs = Number(process.argv[3] ?? LATENCY_MS);
const server = await startAwsServer({
  accounts: [corpus(total).account],
  latencyMs,
  taggingPageSize: TAGGING_PAGE,
  cloudControlPageSize: CLOUD_CONTROL_PAGE,
});
process.on('message', () =>
  process.send?.({ calls: server.calls.length, peakInFlight: server.peakInFlight }),
);
process.on('disconnect', () => void server.close().then(() => process.exit(0)));
process.send?.({ url: server.url });
