// `archmap pricing update [-o FILE]`: rebuild the price snapshot from the AWS Price List Bulk API's offer files
// (public, no credentials): index.json → each offer's region_index.json → one offer file per region.
// `archmap pricing show [FILE]`: the snapshot's date, basis and sources.
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type { z } from 'zod';
import { type PriceSnapshot, shippedPrices } from '../../catalog/prices.js';
import { parsePriceSnapshot } from '../../cost/config.js';
import {
  type FetchedOffer,
  OfferFileSchema,
  OfferIndexSchema,
  offersFor,
  RegionIndexSchema,
  updateSnapshot,
} from '../../cost/offers.js';
import { ExternalError, UsageError } from '../../model/errors.js';
import { formatZodIssues } from '../../model/io.js';
import { readText } from '../io.js';
import { writeFileSafe } from '../output.js';

export const PRICE_LIST_ENDPOINT = 'https://pricing.us-east-1.amazonaws.com';
const DEFAULT_OUTPUT = 'archmap.prices.json';

interface UpdateFlags {
  output: string;
  endpoint: string;
  regions?: string;
  offers?: string;
  maxOfferMb: string;
}

async function getJson(url: string, maxBytes: number): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(600_000) });
  } catch (error) {
    throw new ExternalError(`${url}: ${(error as Error).message}`, {
      hint: 'the AWS Price List needs the network; the shipped snapshot still works offline',
    });
  }
  if (!response.ok) throw new ExternalError(`${url}: HTTP ${response.status}`);
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > maxBytes) {
    await response.body?.cancel();
    throw new ExternalError(`${url}: ${Math.round(length / 1e6)} MB is over --max-offer-mb`, {
      hint: 'raise --max-offer-mb, or leave the offer out with --offers',
    });
  }
  const text = await response.text();
  if (text.length > maxBytes) throw new ExternalError(`${url}: over --max-offer-mb`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ExternalError(`${url}: not JSON (${(error as Error).message})`, {
      hint: 'the snapshot was left as it was',
    });
  }
}

function checked<T>(schema: z.ZodType<T>, value: unknown, url: string, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ExternalError(`${url}: not ${what} (${formatZodIssues(parsed.error)[0]})`, {
    hint: 'the snapshot was left as it was',
  });
}

const list = (text: string | undefined) =>
  text
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function register(program: Command): void {
  const pricing = program.command('pricing').description('the price snapshot the cost model reads');
  pricing
    .command('update')
    .description(
      'rebuild the price snapshot from the public AWS Price List bulk offer files (network); written only when every file parsed',
    )
    .option('-o, --output <file>', 'the snapshot to update (read first when it exists)', DEFAULT_OUTPUT)
    .option('--endpoint <url>', 'Price List Bulk API endpoint', PRICE_LIST_ENDPOINT)
    .option('--regions <list>', 'regions to refresh (default: the snapshot’s)')
    .option('--offers <list>', 'offer codes to refresh (default: every offer the snapshot uses)')
    .option(
      '--max-offer-mb <n>',
      'refuse offer files larger than this (AmazonEC2 region files are hundreds of MB)',
      '1000',
    )
    .action(async (flags: UpdateFlags) => {
      const maxMb = Number(flags.maxOfferMb);
      if (!Number.isFinite(maxMb) || maxMb <= 0)
        throw new UsageError(`--max-offer-mb must be a positive number, got ${flags.maxOfferMb}`);
      const base: PriceSnapshot = existsSync(flags.output)
        ? parsePriceSnapshot(await readText(flags.output), flags.output)
        : shippedPrices();
      const regions = list(flags.regions) ?? base.regions;
      const wanted = list(flags.offers);
      const offers = offersFor(base).filter((o) => !wanted || wanted.includes(o));
      if (wanted) {
        const unknown = wanted.filter((o) => !offersFor(base).includes(o));
        if (unknown.length)
          throw new UsageError(`--offers ${unknown.join(', ')}: not used by the snapshot`, {
            hint: `use ${offersFor(base).join(', ')}`,
          });
      }
      const root = flags.endpoint.replace(/\/+$/, '');
      const max = maxMb * 1_000_000;
      const indexUrl = `${root}/offers/v1.0/aws/index.json`;
      const index = checked(
        OfferIndexSchema,
        await getJson(indexUrl, max),
        indexUrl,
        'a Price List offer index',
      );
      const fetched: FetchedOffer[] = [];
      for (const offer of offers) {
        const regionIndexPath = index.offers[offer]?.currentRegionIndexUrl;
        if (!regionIndexPath) {
          process.stderr.write(`${offer}: not in the offer index, its prices are kept\n`);
          continue;
        }
        const regionUrl = `${root}${regionIndexPath}`;
        const regionIndex = checked(
          RegionIndexSchema,
          await getJson(regionUrl, max),
          regionUrl,
          'a region index',
        );
        for (const region of regions) {
          const path = regionIndex.regions[region]?.currentVersionUrl;
          if (!path) continue;
          const url = `${root}${path}`;
          process.stderr.write(`fetching ${offer} ${region}\n`);
          const file = checked(OfferFileSchema, await getJson(url, max), url, 'an offer file');
          if (file.offerCode !== offer)
            throw new ExternalError(`${url}: offer file of ${file.offerCode}, expected ${offer}`, {
              hint: 'the snapshot was left as it was',
            });
          fetched.push({ offer, region, file });
        }
      }
      const today = new Date().toISOString().slice(0, 10);
      const update = updateSnapshot(base, fetched, today);
      await writeFileSafe(flags.output, `${JSON.stringify(update.snapshot, null, 1)}\n`, { force: true });
      const prices = Object.values(update.snapshot.prices).reduce((n, p) => n + Object.keys(p.usd).length, 0);
      process.stdout.write(
        `wrote ${flags.output}: ${prices - update.kept.length} prices refreshed from ${fetched.length} offer files (${update.changed.length} changed), ${update.kept.length} kept with their old date\n`,
      );
    });
  pricing
    .command('show')
    .description('the price snapshot’s date, basis, regions and sources')
    .argument('[file]', 'a snapshot from `archmap pricing update` (default: the shipped one)')
    .action(async (file: string | undefined) => {
      const s = file ? parsePriceSnapshot(await readText(file), file) : shippedPrices();
      const out = [
        `price snapshot ${s.date} (${s.currency}; ${s.basis})`,
        `regions: ${s.regions.join(', ')} (elsewhere priced as us-east-1)`,
        `${Object.keys(s.prices).length} prices from ${Object.keys(s.sources).length} sources:`,
        ...Object.entries(s.sources)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(
            ([id, src]) =>
              `  ${id}: ${src.url} (${src.offer}, read ${src.retrieved}${src.published ? `, published ${src.published}` : ''})`,
          ),
      ];
      process.stdout.write(`${out.join('\n')}\n`);
    });
}
