/** The carrier emulator: test code that plays the carrier's side of calls against a real server. */
export { CarrierEmulator, type CarrierEmulatorOptions, type CarrierRequest } from './carrierEmulator';
export {
  EmulatedCall,
  MAX_REQUESTS_PER_CALL,
  type CallEnd,
  type DialStatus,
  type Heard,
  type Waiting,
} from './emulatedCall';
export { ServerUnreachableError } from './http';
export {
  CARRIER_NAMES,
  EMULATED_CARRIERS,
  generateCarrierKeys,
  serverEnvironment,
  signatureHeaders,
  type CarrierKeys,
  type CarrierName,
  type Tampering,
} from './profiles';
export { InvalidTwimlError, readTwiml, type Verb } from './twimlDocument';
