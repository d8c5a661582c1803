// Pitfall: promises that nobody awaits, returns or handles (rule `no-missing-await`).
//
// An order service. Each `BUG` line starts work that may not finish before the caller moves on (or the
// process exits), and whose rejection becomes an unhandled rejection, which crashes Node by default.
// The `OK` functions at the bottom show the idioms the rule accepts.
import { writeFile } from 'node:fs/promises';

export interface User {
  id: string;
  email: string;
  plan: 'free' | 'pro';
}

export interface Order {
  id: string;
  userId: string;
  total: number;
  items: { sku: string; quantity: number }[];
}

export class Database {
  private readonly tables = new Map<string, object[]>();

  async insert(table: string, row: object): Promise<void> {
    const rows = this.tables.get(table) ?? [];
    rows.push(row);
    this.tables.set(table, rows);
    await writeFile(`data/${table}.json`, JSON.stringify(rows));
  }

  async findUser(id: string): Promise<User | undefined> {
    return (this.tables.get('users') as User[] | undefined)?.find((user) => user.id === id);
  }
}

async function sendEmail(to: string, subject: string): Promise<void> {
  const response = await fetch('https://mail.internal/send', {
    method: 'POST',
    body: JSON.stringify({ to, subject }),
    signal: AbortSignal.timeout(10000),
  });
  if (!response.ok) throw new Error(`mail service answered ${response.status}`);
}

async function canCancel(user: User, order: Order): Promise<boolean> {
  return user.plan === 'pro' || order.total < 100;
}

async function audit(event: string, data: object): Promise<void> {
  await writeFile(`audit/${Date.now()}-${event}.json`, JSON.stringify(data));
}

export class OrderService {
  constructor(private readonly db: Database) {}

  async placeOrder(user: User, order: Order): Promise<void> {
    this.db.insert('orders', order); // BUG: the order may not be saved when placeOrder() resolves
    sendEmail(user.email, `Order ${order.id} received`); // BUG: a mail outage crashes the process
    const receipt = writeFile(`receipts/${order.id}.json`, JSON.stringify(order)); // BUG: `receipt` is never awaited
    console.log(`order ${order.id} placed for ${user.id}`);
  }

  async cancelOrder(user: User, order: Order): Promise<void> {
    // BUG: a promise is always truthy, so `!canCancel(...)` is always false and nobody is ever refused.
    if (!canCancel(user, order)) throw new Error(`order ${order.id} can no longer be cancelled`);
    try {
      this.db.insert('cancellations', { orderId: order.id }); // BUG: the catch below cannot see this rejection
    } catch (error) {
      console.error('could not record the cancellation', error);
    }
  }

  async importOrders(orders: Order[]): Promise<void> {
    // BUG: an array of promises that nobody waits for; importOrders() resolves before any insert.
    orders.map(async (order) => {
      await this.db.insert('orders', order);
    });
  }

  refreshPrices(): void {
    // BUG: `.then()` without a rejection handler: a network error becomes an unhandled rejection.
    fetch('https://prices.internal/refresh', { method: 'POST' }).then((response) => {
      console.log(`prices refreshed: ${response.status}`);
    });
  }

  // OK: awaited, returned, explicitly detached with `void`, handled with `.catch()`, collected by Promise.all.
  async placeOrderCorrectly(user: User, order: Order): Promise<void> {
    await this.db.insert('orders', order);
    void audit('order-placed', { orderId: order.id });
    sendEmail(user.email, `Order ${order.id} received`).catch((error: unknown) => {
      console.error('confirmation mail failed', error);
    });
    await Promise.all(order.items.slice(0, 10).map((item) => this.db.insert('order_items', { orderId: order.id, ...item })));
  }

  async cancelOrderCorrectly(user: User, order: Order): Promise<void> {
    if (!(await canCancel(user, order))) throw new Error(`order ${order.id} can no longer be cancelled`);
    try {
      await this.db.insert('cancellations', { orderId: order.id });
    } catch (error) {
      console.error('could not record the cancellation', error);
    }
  }

  // OK: the promise is returned to the caller, who decides.
  findOwner(order: Order): Promise<User | undefined> {
    return this.db.findUser(order.userId);
  }

  // OK: an arrow that returns its promise hands it to whoever calls the arrow.
  scheduleAudit(order: Order): () => Promise<void> {
    return () => audit('order-reviewed', { orderId: order.id });
  }
}
