export { DISCOVERY_MAX_AGE_MS, type SingpassMetadata } from './discovery';
export {
  createSingpassProvider,
  type SingpassProvider,
  type SingpassProviderData,
  type SingpassProviderDeps,
  type SingpassProviderOptions,
} from './singpass-provider';
