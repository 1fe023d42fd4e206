export {
  type CorppassProvider,
  type CorppassProviderDeps,
  type CorppassProviderOptions,
  createCorppassProvider,
} from './corppass-provider';
