// State scoped by account and region, as AWS scopes it. Every store registers itself so
// that a reset (POST /_localgate/reset) can clear all of them at once.
const allStores = new Set<AccountRegionStore<unknown>>();

export class AccountRegionStore<T> {
  private scopes = new Map<string, T>();

  constructor(private readonly create: () => T) {
    allStores.add(this as AccountRegionStore<unknown>);
  }

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

  clear() {
    this.scopes.clear();
  }
}

export function resetAllStores() {
  for (const store of allStores) store.clear();
}
