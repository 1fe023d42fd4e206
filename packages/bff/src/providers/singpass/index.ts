export { DISCOVERY_MAX_AGE_MS, type FapiMetadata as SingpassMetadata } from '../fapi/discovery';
export {
  createSingpassProvider,
  type SingpassProvider,
  type SingpassProviderData,
  type SingpassProviderDeps,
  type SingpassProviderOptions,
} from './singpass-provider';
