// A loopback AWS Price List Bulk API: the service index, each offer's region index and one offer file per region,
// in the real JSON shapes, so `archmap pricing update` is tested over real HTTP.
//
// Shapes (looked up, not guessed):
// - https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/using-the-aws-price-list-bulk-api-fetching-price-list-files-manually.html
//   service index `/offers/v1.0/aws/index.json`: `offers.<code>.{offerCode, versionIndexUrl, currentVersionUrl,
//   currentRegionIndexUrl}`; region index: `regions.<code>.{regionCode, currentVersionUrl}`.
// - https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/reading-service-price-list-file-for-services.html
//   offer file: `formatVersion, disclaimer, offerCode, version, publicationDate, products.<sku>.{sku,
//   productFamily, attributes}, terms.OnDemand.<sku>.<sku.offerTermCode>.{offerTermCode, sku, effectiveDate,
//   priceDimensions.<rateCode>.{rateCode, description, beginRange, endRange, unit, pricePerUnit.USD, appliesTo},
//   termAttributes}`. Prices are decimal strings with ten places (`"0.0480000000"`).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ServedProduct {
  productFamily?: string;
  attributes: Record<string, string>;
  /** USD per unit, as the tiers of one On-Demand term: [beginRange, price]. */
  tiers: Array<[begin: number, usd: number]>;
  unit: string;
}

export interface PriceListServerOptions {
  /** offer code → region → products. */
  offers: Record<string, Record<string, ServedProduct[]>>;
  publicationDate?: string;
  /** `offer/region` whose offer file is sent broken: `truncated` JSON, or valid JSON of the `wrong-shape`. */
  broken?: Record<string, 'truncated' | 'wrong-shape'>;
}

export interface PriceListServer {
  url: string;
  served: string[];
  close(): Promise<void>;
}

const ON_DEMAND = 'JRTCKXETXF';
const RATE = '6YS6EN2CT7';
const VERSION = '20261120195510';

function offerFile(offer: string, region: string, products: ServedProduct[], publicationDate: string) {
  const out = {
    formatVersion: 'v1.0',
    disclaimer: 'This pricing list is for informational purposes only.',
    offerCode: offer,
    version: VERSION,
    publicationDate,
    products: {} as Record<string, unknown>,
    terms: { OnDemand: {} as Record<string, unknown>, Reserved: {} },
  };
  products.forEach((p, i) => {
    const sku = `${offer.slice(0, 4).toUpperCase()}${region.replace(/-/g, '').toUpperCase()}${String(i).padStart(4, '0')}`;
    out.products[sku] = {
      sku,
      ...(p.productFamily ? { productFamily: p.productFamily } : {}),
      attributes: { servicecode: offer, regionCode: region, locationType: 'AWS Region', ...p.attributes },
    };
    const dims: Record<string, unknown> = {};
    p.tiers.forEach(([begin, usd], t) => {
      const next = p.tiers[t + 1];
      const rateCode = `${sku}.${ON_DEMAND}.${RATE}${t}`;
      dims[rateCode] = {
        rateCode,
        description: `$${usd} per ${p.unit}`,
        beginRange: String(begin),
        endRange: next ? String(next[0]) : 'Inf',
        unit: p.unit,
        pricePerUnit: { USD: usd.toFixed(10) },
        appliesTo: [],
      };
    });
    out.terms.OnDemand[sku] = {
      [`${sku}.${ON_DEMAND}`]: {
        offerTermCode: ON_DEMAND,
        sku,
        effectiveDate: '2026-11-01T00:00:00Z',
        priceDimensions: dims,
        termAttributes: {},
      },
    };
  });
  return out;
}

export async function startPriceListServer(options: PriceListServerOptions): Promise<PriceListServer> {
  const served: string[] = [];
  const published = options.publicationDate ?? '2026-11-20T19:55:10Z';
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    served.push(path);
    const json = (status: number, body: unknown) => {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      res.writeHead(status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
      });
      res.end(text);
    };
    if (path === '/offers/v1.0/aws/index.json') {
      const offers: Record<string, unknown> = {};
      for (const code of Object.keys(options.offers))
        offers[code] = {
          offerCode: code,
          versionIndexUrl: `/offers/v1.0/aws/${code}/index.json`,
          currentVersionUrl: `/offers/v1.0/aws/${code}/current/index.json`,
          currentRegionIndexUrl: `/offers/v1.0/aws/${code}/current/region_index.json`,
        };
      return json(200, { formatVersion: 'v1.0', disclaimer: 'x', publicationDate: published, offers });
    }
    let m = /^\/offers\/v1\.0\/aws\/([^/]+)\/current\/region_index\.json$/.exec(path);
    if (m && options.offers[m[1]!]) {
      const regions: Record<string, unknown> = {};
      for (const region of Object.keys(options.offers[m[1]!]!))
        regions[region] = {
          regionCode: region,
          currentVersionUrl: `/offers/v1.0/aws/${m[1]}/${VERSION}/${region}/index.json`,
        };
      return json(200, { formatVersion: 'v1.0', disclaimer: 'x', publicationDate: published, regions });
    }
    m = /^\/offers\/v1\.0\/aws\/([^/]+)\/\d+\/([^/]+)\/index\.json$/.exec(path);
    const products = m ? options.offers[m[1]!]?.[m[2]!] : undefined;
    if (m && products) {
      const broken = options.broken?.[`${m[1]}/${m[2]}`];
      const body = JSON.stringify(offerFile(m[1]!, m[2]!, products, published));
      if (broken === 'truncated') return json(200, body.slice(0, Math.floor(body.length / 2)));
      if (broken === 'wrong-shape')
        return json(200, { formatVersion: 'v1.0', offerCode: m[1], products: [] });
      return json(200, body);
    }
    json(404, '<Error><Code>NoSuchKey</Code></Error>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
