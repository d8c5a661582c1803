// Pitfall: an HTTP request with no deadline (rule `require-request-timeout`).
//
// A billing sync job. When the billing service accepts a connection and never answers, each `BUG`
// request waits for hours (axios and http have no timeout at all; fetch only gives up after minutes of
// silence), holding a socket and a worker. The `OK` requests have a deadline, or the caller's signal.
import https from 'node:https';

import axios from 'axios';

export interface Invoice {
  id: string;
  total: number;
}

const billing = axios.create({ baseURL: 'https://billing.internal' });
const ledger = axios.create({ baseURL: 'https://ledger.internal', timeout: 10000 });

export async function listInvoices(accountId: string): Promise<Invoice[]> {
  const response = await fetch(`https://billing.internal/accounts/${accountId}/invoices`); // BUG: no signal, no deadline
  return (await response.json()) as Invoice[];
}

export async function getInvoice(id: string): Promise<Invoice> {
  const { data } = await billing.get<Invoice>(`/invoices/${id}`); // BUG: the instance was created without a timeout
  return data;
}

export async function postToLedger(invoice: Invoice): Promise<void> {
  await ledger.post('/entries', invoice); // OK: the instance has a timeout
}

export async function markPaid(id: string, signal: AbortSignal): Promise<void> {
  await fetch(`https://billing.internal/invoices/${id}/paid`, {
    method: 'POST',
    signal: AbortSignal.any([signal, AbortSignal.timeout(10000)]), // OK: the caller's signal, and a deadline
  });
}

export function pingBilling(): void {
  // BUG: the socket can stay open for ever
  https.get('https://billing.internal/health', (response) => response.resume()).on('error', () => {});
}

export function pingLedger(): void {
  const request = https.get('https://ledger.internal/health', (response) => response.resume());
  request.setTimeout(5000, () => request.destroy(new Error('ledger health check timed out'))); // OK: a deadline set later
}
