/** Status callbacks: delivery of queued callbacks and the signature helpers receivers use to check them. */
export { createCallbackDelivery } from './delivery.ts'
export {
  SIGNATURE_HEADER,
  signCallback,
  TIMESTAMP_HEADER,
  type VerifyOptions,
  verifyCallbackSignature,
} from './signature.ts'
