// The member accounts of an AWS Organization (organizations:ListAccounts, read-only), asked from the management
// account or a delegated administrator. Organizations is a global service served from us-east-1.
// https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListAccounts.html
import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { ExternalError } from '../../src/model/errors.js';
import type { AwsOptions } from './options.js';
import { PageBound } from './pagination.js';
import { type Credentials, clientConfig } from './session.js';

export interface OrgAccount {
  id: string;
  name?: string;
}

/** Enough pages for 100,000 accounts at the API's 20 per page; an organization never pages further. */
const ORG_MAX_PAGES = 5_000;

/**
 * The active accounts of the organization, sorted by id. Suspended and closed accounts are left out: their
 * roles cannot be assumed. E-mail addresses are never kept.
 */
export async function listOrgAccounts(
  options: AwsOptions,
  credentials: Credentials,
  signal?: AbortSignal,
): Promise<OrgAccount[]> {
  const client = new OrganizationsClient(clientConfig(options, 'us-east-1', credentials));
  const accounts: OrgAccount[] = [];
  try {
    let token: string | undefined;
    // A repeated token or the page cap ends the listing with the accounts read so far.
    const bound = new PageBound(Math.min(options.maxPages, ORG_MAX_PAGES));
    do {
      const out = await client.send(new ListAccountsCommand(token ? { NextToken: token } : {}), {
        abortSignal: signal,
      });
      for (const a of out.Accounts ?? []) {
        const state = a.State ?? a.Status;
        if (!a.Id || (state && state !== 'ACTIVE')) continue;
        accounts.push({ id: a.Id, ...(a.Name ? { name: a.Name } : {}) });
      }
      token = out.NextToken || undefined;
    } while (token && !bound.next(token));
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ExternalError(
      `could not list the organization's accounts: ${(error as Error).name}: ${(error as Error).message}`,
      {
        hint: 'run --org from the management account or a delegated administrator, with organizations:ListAccounts (see `archmap aws policy --org`)',
      },
      { cause: error },
    );
  } finally {
    client.destroy();
  }
  return accounts.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
