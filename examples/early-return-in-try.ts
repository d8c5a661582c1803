// Pitfall: a promise returned from inside a `try` without `await` (rule `return-await-in-try`).
//
// A small account service. `return promise` leaves the `try` at once: a rejection skips the `catch`,
// and the `finally` runs while the work still runs. Each `BUG` line returns too early; the `OK` ones
// show the shapes where awaiting would change nothing and that stay quiet.

export interface Mutex {
  acquire(): Promise<() => void>;
}

export interface Account {
  id: string;
  balance: number;
}

const accounts = new Map<string, Account>();

async function readAccount(id: string): Promise<Account> {
  const account = accounts.get(id);
  if (!account) throw new Error(`no account ${id}`);
  return account;
}

async function writeAccount(account: Account): Promise<Account> {
  accounts.set(account.id, account);
  return account;
}

async function addToBalance(id: string, amount: number): Promise<Account> {
  const account = await readAccount(id);
  return writeAccount({ ...account, balance: account.balance + amount });
}

export async function deposit(mutex: Mutex, id: string, amount: number): Promise<Account> {
  const release = await mutex.acquire();
  try {
    return addToBalance(id, amount); // BUG: the lock is released before the balance is written
  } finally {
    release();
  }
}

export async function findAccount(id: string): Promise<Account | null> {
  try {
    return readAccount(id); // BUG: a missing account rejects past the catch instead of returning null
  } catch {
    return null;
  }
}

export async function importAccount(json: string): Promise<Account | null> {
  try {
    const account = JSON.parse(json) as Account;
    return writeAccount(account); // OK: the catch handles the parse error and rethrows the rest unchanged
  } catch (error) {
    if (error instanceof SyntaxError) return null;
    throw error;
  }
}

export async function loadAccount(id: string): Promise<Account> {
  try {
    return await readAccount(id); // OK: awaited, so the catch sees its rejection
  } catch (error) {
    throw new Error(`cannot load account ${id}`, { cause: error });
  }
}

export function refreshAccount(id: string, onSlow: () => void): Promise<Account> {
  const timer = setTimeout(onSlow, 1000);
  try {
    return readAccount(id); // BUG: a plain function: the timer is cleared before the read is done
  } finally {
    clearTimeout(timer);
  }
}
