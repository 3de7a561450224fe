// State scoped by account and region, as AWS scopes it. Each localgate instance owns its
// stores (tests run several instances in one process).
export class AccountRegionStore<T> {
  private scopes = new Map<string, T>();

  constructor(private readonly create: () => T) {}

  get(account: string, region: string): T {
    const key = `${account}/${region}`;
    let scope = this.scopes.get(key);
    if (!scope) {
      scope = this.create();
      this.scopes.set(key, scope);
    }
    return scope;
  }

  /** Every scope that has been touched, with its account and region. */
  *entries(): Generator<{ account: string; region: string; state: T }> {
    for (const [key, state] of this.scopes) {
      const [account, region] = key.split('/');
      yield { account, region, state };
    }
  }

  /** Puts a scope back (restoring saved state, see state/persistence.ts). */
  set(account: string, region: string, state: T) {
    this.scopes.set(`${account}/${region}`, state);
  }

  clear() {
    this.scopes.clear();
  }
}

/** A record found by id alone, with the account and region it lives in. */
export interface Located<R> {
  account: string;
  region: string;
  record: R;
}

/**
 * Where each id lives. The data plane finds an API by id alone (an invoke URL names no
 * account), so a store indexes its API ids across accounts and regions; `lookup` reads the
 * record from the scope, so the index never holds a stale one.
 */
export class GlobalIdIndex<R> {
  private where = new Map<string, { account: string; region: string }>();

  constructor(private readonly lookup: (account: string, region: string, id: string) => R | undefined) {}

  add(id: string, account: string, region: string) {
    this.where.set(id, { account, region });
  }

  delete(id: string) {
    this.where.delete(id);
  }

  find(id: string): Located<R> | undefined {
    const where = this.where.get(id);
    if (!where) return undefined;
    const record = this.lookup(where.account, where.region, id);
    // Spelled out: an object spread followed by more properties costs microseconds in node 20.
    return record && { account: where.account, region: where.region, record };
  }

  clear() {
    this.where.clear();
  }
}
