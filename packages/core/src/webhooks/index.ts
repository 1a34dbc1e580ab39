/** Status callbacks: delivery of queued callbacks and the signature helpers receivers use to check them. */
export { type CallbackDelivery, type CallbacksApi, createCallbacksApi } from './api.ts'
export { CALLBACK_RETRY_SCHEDULE_MS, createCallbackDelivery } from './delivery.ts'
export {
  CALLBACK_HEADERS,
  type CallbackHeaders,
  isCallbackSecret,
  newCallbackSecret,
  signCallback,
  type VerifyOptions,
  verifyCallbackSignature,
} from './signature.ts'
