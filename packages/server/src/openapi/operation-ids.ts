/** Every operation's `operationId`, in one table: stable names for generated clients, checked by the validators. */
export const OPERATION_IDS: Record<string, string> = {
  'POST /api/v1/messages': 'sendMessages',
  'GET /api/v1/messages': 'listMessages',
  'POST /api/v1/messages/quote': 'quoteMessages',
  'GET /api/v1/messages/{id}': 'getMessage',
  'POST /api/v1/messages/{id}/cancel': 'cancelMessage',
  'GET /api/v1/account': 'getAccount',
  'GET /api/v1/balance': 'getBalance',
  'GET /api/v1/balance/ledger': 'listLedgerEntries',
  'POST /api/v1/balance/top-ups': 'topUpBalance',
  'GET /api/v1/contacts': 'listContacts',
  'POST /api/v1/contacts': 'createContact',
  'GET /api/v1/contacts/{id}': 'getContact',
  'PATCH /api/v1/contacts/{id}': 'updateContact',
  'DELETE /api/v1/contacts/{id}': 'deleteContact',
  'GET /api/v1/groups': 'listGroups',
  'GET /api/v1/blocklist': 'listBlocklist',
  'PUT /api/v1/blocklist/{number}': 'blockNumber',
  'DELETE /api/v1/blocklist/{number}': 'unblockNumber',
  'POST /api/v1/opt-out-links': 'createOptOutLink',
  'GET /api/v1/callbacks': 'listCallbacks',
  'POST /api/v1/callbacks/{id}/redeliver': 'redeliverCallback',
  'GET /api/v1/users': 'listUsers',
  'POST /api/v1/users': 'createUser',
  'GET /api/v1/api-keys': 'listApiKeys',
  'POST /api/v1/api-keys': 'issueApiKey',
  'DELETE /api/v1/api-keys/{id}': 'revokeApiKey',
  'POST /api/v1/simulator/inbound': 'simulateInbound',
  'GET /api/v1/status-codes': 'listStatusCodes',
  'GET /api/v1/status-codes/{codeOrName}': 'getStatusCode',
}

/** The table's id, or one made from method and path (`get_api_v1_things_id`) for a route added since. */
export function operationIdFor(method: string, path: string): string {
  return (
    OPERATION_IDS[`${method.toUpperCase()} ${path}`] ??
    `${method.toLowerCase()}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+/g, '_')}`
  )
}
