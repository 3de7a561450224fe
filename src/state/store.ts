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

  clear() {
    this.scopes.clear();
  }
}
